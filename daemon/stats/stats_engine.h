// The stats engine: the play index kept fresh, ranges resolved in the user's time zone, and
// the named queries served under /api/stats/{name}.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/core/clock.h"
#include "daemon/stats/names.h"
#include "daemon/stats/play_index.h"
#include "daemon/stats/result_cache.h"
#include "daemon/stats/stats_input.h"
#include "daemon/stats/stats_range.h"
#include "daemon/store/store.h"

namespace encore {

class Settings;

struct StatsParams {
  RangeQuery range;
  size_t limit = 10;      // list lengths, 1..100
  uint32_t minPlays = 5;  // binges: plays of one track on one day, 2..1000
};

class StatsEngine {
 public:
  /// `cacheResults` false answers every query afresh (the benchmark measures both).
  StatsEngine(Store &store, Settings &settings, Clock &clock, bool cacheResults = true);
  ~StatsEngine();

  /// Loads the index on a background thread, so the first request after a start does not
  /// pay for it alone (requests wait for the load rather than starting their own).
  void startWarmUp();
  /// Waits for the warm-up load to end (before the store closes).
  void stopWarmUp();
  /// Saves the play index next to the database, for a fast next start.
  void saveIndex();

  /// Plays in the listening history (the index brought up to date first).
  size_t playCount();

  /// The queries /api/stats/{name} serves.
  static const std::vector<std::string> &queryNames();
  static bool isQuery(const std::string &name);

  /// Runs a named query. Throws RangeError for bad parameters, std::out_of_range for an
  /// unknown name.
  nlohmann::json query(const std::string &name, const StatsParams &params);
  /// The yearly summary. Throws RangeError for a bad year or zone.
  nlohmann::json wrapped(int64_t year, const std::optional<std::string> &tz = std::nullopt);

  /// The same answers as JSON text, from the result cache when the index is unchanged.
  std::shared_ptr<const std::string> queryText(const std::string &name, const StatsParams &params);
  std::shared_ptr<const std::string> wrappedText(int64_t year,
                                                 const std::optional<std::string> &tz);

  /// Anything rendered from the index (a page, the Wrapped card), cached under `key` while
  /// the index is unchanged; `render` runs only on a miss.
  std::shared_ptr<const std::string> cachedText(const std::string &key,
                                                const std::function<std::string()> &render);

  StatsRange resolve(const RangeQuery &query) const;
  std::string timeZoneName() const;

  /// Runs fn(StatsInput&, Names&) on a fresh index, with a database connection for names.
  template <typename Fn>
  auto withInput(const StatsRange &range, Fn &&fn) {
    index_.refresh();
    auto reader = index_.read();
    return store_.read([&](Database &db) {
      StatsInput in(*reader, range);
      Names names(db, *reader);
      return fn(in, names);
    });
  }

  PlayIndex &index() { return index_; }
  int64_t nowSeconds() const { return clock_.nowMs() / 1000; }

 private:
  Store &store_;
  Settings &settings_;
  Clock &clock_;
  PlayIndex index_;
  ResultCache cache_;
  std::thread warmUp_;
};

}  // namespace encore
