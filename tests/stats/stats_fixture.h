// A real database in a temporary directory, plays stored through the record store's play
// handler (as plugins store them), and the stats engine over it.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "daemon/core/clock.h"
#include "daemon/core/time_format.h"
#include "daemon/history/play_writer.h"
#include "daemon/records/record_store.h"
#include "daemon/stats/stats_engine.h"
#include "daemon/store/store.h"
#include "settings/settings.h"
#include "support/temp_dir.h"

namespace encore::test {

/// Unix seconds of an ISO-8601 UTC time.
inline int64_t at(const std::string &iso) {
  return parseIsoUtc(iso).value() / 1000;
}

class StatsFixture : public ::testing::Test {
 public:
  struct Track {
    std::string name, artist, album, uri;
  };

 protected:
  StatsFixture() {
    SettingDef tz;
    tz.key = "server.timezone";
    tz.owner = "server";
    tz.type = SettingType::String;
    tz.title = "Time zone";
    tz.defaultValue = std::string("UTC");
    tz.max = 64;
    settings.declare(tz);
    RecordHandlers handlers = RecordHandlers::withLibraryTypes();
    addPlayHandler(handlers);
    records = std::make_unique<RecordStore>(store, clock, std::move(handlers));
    engine = std::make_unique<StatsEngine>(store, settings, clock, false);
  }

  /// Stores one play starting at `iso` (UTC) lasting `seconds`.
  void play(const std::string &iso, int64_t seconds, const Track &t) {
    playMs(iso, seconds * 1000, t);
  }

  /// Stores one play starting at `iso` (UTC) lasting `ms` milliseconds.
  void playMs(const std::string &iso, int64_t ms, const Track &t) {
    nlohmann::json track = {{"name", t.name}, {"artist", t.artist}};
    if (!t.album.empty()) track["album"] = t.album;
    if (!t.uri.empty()) track["spotify_uri"] = t.uri;
    nlohmann::json doc = {{"records",
                           {{{"type", "play"},
                             {"started_at", at(iso)},
                             {"ms_played", ms},
                             {"source", "lastfm"},
                             {"track", track}}}}};
    auto r = records->submit({"testkit", "", ""}, doc.dump());
    ASSERT_TRUE(r.ok) << r.error;
  }

  /// Runs /api/stats/{name} for [from, to] (local dates or instants) in `tz`.
  nlohmann::json query(const std::string &name, const std::string &from, const std::string &to,
                       const std::string &tz = "UTC", size_t limit = 10, uint32_t minPlays = 5) {
    StatsParams p;
    if (!from.empty()) p.range.from = from;
    if (!to.empty()) p.range.to = to;
    p.range.tz = tz;
    p.limit = limit;
    p.minPlays = minPlays;
    return engine->query(name, p)[name];
  }

  TempDir dir;
  Store store{dir.str(), builtinMigrations()};
  ManualClock clock{at("2030-01-01T00:00:00Z") * 1000};
  Settings settings{store, nullptr};
  std::unique_ptr<RecordStore> records;
  std::unique_ptr<StatsEngine> engine;
};

}  // namespace encore::test
