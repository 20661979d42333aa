// Stores `play` records: links each play to one canonical track, artist and album, and
// stores the same listening seen by several sources once (docs/HISTORY.md).
#pragma once

#include <cstdint>

#include "history/local_time.h"
#include "records/record_handlers.h"

namespace encore {

/// Two plays of the same song whose starts are at most this far apart are one listening.
constexpr int64_t kSamePlayWindowSeconds = 30;
/// Plays before this (2000-01-01T00:00:00Z) are clock errors, not listening.
constexpr int64_t kEarliestPlay = 946684800;
/// A play may start at most this far after the host's clock (clock skew between devices).
constexpr int64_t kLatestPlayAheadSeconds = 86400;

/// Registers the "play" record type. `time` must outlive the handlers.
void addPlayHandler(RecordHandlers &handlers, HistoryTime &time);

}  // namespace encore
