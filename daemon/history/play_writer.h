// Stores `play` records: links each play to one canonical track, artist and album, and
// stores the same listening seen by several sources once.
#pragma once

#include "records/record_handlers.h"

namespace encore {

/// Plays further than this apart are different plays of the same track.
constexpr int64_t kSamePlayWindowSeconds = 30;

/// Registers the "play" record type.
void addPlayHandler(RecordHandlers &handlers);

}  // namespace encore
