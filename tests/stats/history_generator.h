// Writes a synthetic listening history straight into a data directory's database: artists,
// albums and tracks of the history linked to a Spotify library with popularity, and plays
// spread over years with a daily rhythm and a long-tailed taste. For the benchmark (a
// million plays) and the browser tests (a few thousand).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace encore::test {

struct HistorySpec {
  int64_t plays = 1'000'000;
  int64_t tracks = 50'000;
  int64_t artists = 5'000;
  int64_t years = 10;
  int64_t endSeconds = 0;  // last play before this (UTC seconds); 0: now
  uint64_t seed = 42;
  double spotifyShare = 0.8;  // tracks with a Spotify URI and library popularity
  /// Artists and tracks named in many scripts (坂本龍一, 아이유, Земфира, Ólafur Arnalds,
  /// emoji...) instead of "Artist 7" and "Track 12".
  bool worldNames = false;
};

/// The names `worldNames` gives, in order: entity i (from 0) is named list[i % size],
/// followed by " <i / size + 1>" from the second round on.
extern const std::vector<std::string> kWorldArtistNames, kWorldTrackNames;

struct HistoryResult {
  int64_t plays = 0;
  int64_t firstPlay = 0;
  int64_t lastPlay = 0;
};

/// Creates (migrating) `<dataDir>/encore.db` and appends the history. Throws on failure.
HistoryResult generateHistory(const std::string &dataDir, const HistorySpec &spec);

}  // namespace encore::test
