// Test and benchmark inputs: Spotify export files generated with the real field lists of
// both generations (tests/fixtures/spotify-export/fields.json), and zip archives of them.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace encore::test {

struct GeneratedPlay {
  int64_t endMs;  // ts
  int64_t msPlayed;
  std::string track, artist, album, uri;
};

/// The i-th play of a deterministic history: ~300 artists, ~6000 tracks, one play every
/// ~4 minutes from 2016 on; every 40th entry a podcast, every 25th under 30 s.
GeneratedPlay generatedPlay(int64_t i);

/// An extended-history JSON file of entries [first, first + count), as Spotify writes it
/// (indented, keys in Spotify's order); `genB` picks the 2024 field set.
std::string extendedHistoryJson(int64_t first, int64_t count, bool genB);
/// The same for entries [0, count), written to `out` a megabyte at a time: a benchmark's
/// million entries never sit in memory whole.
void writeExtendedHistory(std::ostream &out, int64_t count, bool genB);

/// A zip of (name, content) entries, deflated (or stored).
std::string zipArchive(const std::vector<std::pair<std::string, std::string>> &entries,
                       bool compress = true);

}  // namespace encore::test
