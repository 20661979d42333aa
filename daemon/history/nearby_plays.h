// The plays stored near a page's plays, by song and start, so the same-listening rule
// (docs/HISTORY.md) is checked in memory: one range query per run of nearby starts instead
// of one query per play. New plays of the page join it as they are accepted, so the page
// is deduplicated within itself too.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "daemon/store/database.h"

namespace encore {

class NearbyPlays {
 public:
  static constexpr size_t kNotStored = SIZE_MAX;

  struct Play {
    int64_t id = 0;  // plays.id; 0 while it is a new play of this page
    int64_t msPlayed = 0;
    std::optional<int64_t> importId;
    size_t fresh = kNotStored;  // the new play's index in the page's list, when not stored
  };

  /// Loads the stored plays that could be the same listening as a play starting at any of
  /// `starts` (sorted in place).
  void load(Database &db, std::vector<int64_t> &starts);
  /// A small number for a song key, the same for the same key within this page.
  uint32_t songId(const std::string &songKey);
  /// The play of `song` starting closest to `startedAt`, at most the window away.
  Play *find(uint32_t song, int64_t startedAt);
  void add(uint32_t song, int64_t startedAt, const Play &play);

 private:
  std::unordered_map<std::string, uint32_t> songs_;
  std::multimap<std::pair<uint32_t, int64_t>, Play> plays_;
};

}  // namespace encore
