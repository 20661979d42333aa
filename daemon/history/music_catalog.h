// The canonical music a play links to: one artist, album and track row per identity, found
// by Spotify URI when the source knew one, else by normalized names (history/identity.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/database.h"

namespace encore {

/// What a play record says about its track.
struct PlayedTrack {
  std::string name;
  std::string artist;
  std::string album;               // "" when the source does not know it
  std::optional<std::string> uri;  // "spotify:track:..."
  std::optional<int64_t> durationMs;
};

struct CanonicalTrack {
  int64_t trackId = 0;
  int64_t artistId = 0;
  std::optional<int64_t> albumId;
  std::string songKey;
};

/// Finds or creates the canonical track of `played` (and its artist and album):
///  1. a known URI wins, whatever the names say;
///  2. else the exact (artist, title, album) key;
///  3. else, without an album, the first track of the same song; with an album, a track of
///     the same song that has no album yet takes this one;
///  4. else a new track. A URI seen for the first time is remembered for the track found.
CanonicalTrack resolveTrack(Database &db, const PlayedTrack &played);

}  // namespace encore
