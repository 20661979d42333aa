// One entry of an export file turned into a play, or into the reason it is skipped.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "encore/records.hpp"
#include "json_stream.h"

namespace spotify_export {

struct EntryRules {
  int64_t minMsPlayed = 30'000;  // shorter plays are skips, not listening
  int64_t earliest = 946684800;  // 2000-01-01
  int64_t latest = 0;            // the host's clock plus a day
};

/// The outcome for one entry: a play, or a skip reason. The play's names are views into
/// the entry it was read from: valid until the next entry is read, which is after the play
/// has gone into its page. Their UTF-8 is checked as the play is written.
struct EntryResult {
  std::optional<encore::Play> play;
  std::string skipReason;
};

/// Extended streaming history (Streaming_History_Audio_*.json, endsong_*.json; both field
/// generations). `ts` is the end of the stream: the play started ms_played earlier.
EntryResult readExtendedEntry(const JsonObject &entry, const EntryRules &rules);

/// Account data (StreamingHistory_music_*.json, StreamingHistory*.json): endTime is UTC to
/// the minute, so the start is taken from the middle of that minute: then the true start is
/// within 30 s of it, and the same play from the extended history lines up with it.
EntryResult readLegacyEntry(const JsonObject &entry, const EntryRules &rules);

}  // namespace spotify_export
