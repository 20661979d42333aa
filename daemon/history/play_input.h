// A play record as the host reads it (plugin_api/README.md, "Plays"), and the rules every
// play must meet before anything of its page is stored.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "daemon/history/music_catalog.h"
#include "daemon/records/record_reader.h"

namespace encore {

/// Two plays of the same song whose starts are at most this far apart are one listening.
constexpr int64_t kSamePlayWindowSeconds = 30;
/// Plays before this (2000-01-01T00:00:00Z) are clock errors, not listening.
constexpr int64_t kEarliestPlay = 946684800;
/// A play may start at most this far after the host's clock (clock skew between devices).
constexpr int64_t kLatestPlayAheadSeconds = 86400;
/// No single listening lasts longer than a day.
constexpr int64_t kMaxMsPlayed = 24LL * 3600 * 1000;
constexpr size_t kMaxSourceLength = 64;
constexpr size_t kMaxUriLength = 64;

struct PlayInput {
  int64_t startedAt = 0;  // Unix seconds, UTC: when the listening began
  int64_t msPlayed = 0;
  std::string source;
  PlayedTrack track;
};

/// The latest start a play may have when the host's clock reads `nowMs`.
inline int64_t latestPlayStart(int64_t nowMs) {
  return nowMs / 1000 + kLatestPlayAheadSeconds;
}

/// [a-z0-9][a-z0-9_-]{0,63}
bool validPlaySource(std::string_view source);
/// spotify:track:<22 base-62 characters>
bool validTrackUri(std::string_view uri);

/// Reads and checks one play record; throws RecordError naming the first bad field.
/// `defaultSource` (the plugin id) stands in for an absent "source".
PlayInput readPlay(const RecordReader &record, const std::string &defaultSource, int64_t nowMs);

}  // namespace encore
