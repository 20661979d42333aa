// Canonical tracks already resolved on this connection, by what the play record said: most
// plays of a long history repeat a known track, and skipping its look-ups and first-play
// updates is most of an import's speed. Entries are dropped whenever they may be stale: a
// rollback on the connection, another connection's commit (PRAGMA data_version), or a
// catalog change the process makes itself (an import rolled back).
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>

#include "daemon/history/music_catalog.h"
#include "daemon/store/database.h"

namespace encore {

class TrackCache {
 public:
  struct Entry {
    CanonicalTrack track;
    int64_t firstPlayedAt = INT64_MAX;  // of the track, as far as this cache has seen
  };

  /// Clears the cache if the database may have changed under it. Call at the start of
  /// every page, inside its transaction.
  void validate(Database &db);
  /// The entry of `played`, resolved (history/music_catalog.h) unless cached. References
  /// stay valid until the next validate().
  Entry &resolve(Database &db, const PlayedTrack &played);

  /// The key of a play record's track (everything resolution depends on), into `key`.
  static void keyOf(const PlayedTrack &played, std::string &key);
  /// Makes every cache of the process drop its entries (after removeImportedPlays).
  static void invalidateAll();

 private:
  std::unordered_map<std::string, Entry> entries_;
  std::string key_;
  sqlite3 *hooked_ = nullptr;
  int64_t dataVersion_ = -1;
  uint64_t generation_ = 0;
};

}  // namespace encore
