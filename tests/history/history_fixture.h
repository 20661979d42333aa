// A real store with the plays model, and a helper to submit play records as a plugin would.
#pragma once

#include <gtest/gtest.h>

#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/core/clock.h"
#include "daemon/history/play_writer.h"
#include "daemon/records/record_store.h"
#include "daemon/store/store.h"
#include "support/temp_dir.h"

namespace encore::test {

class HistoryFixture : public ::testing::Test {
 protected:
  HistoryFixture()
      : clock_(1'800'000'000'000),  // 2027-01-15
        store_(std::make_unique<Store>(dir_.str(), builtinMigrations())) {
    RecordHandlers handlers = RecordHandlers::withLibraryTypes();
    addPlayHandler(handlers);
    records_ = std::make_unique<RecordStore>(*store_, clock_, std::move(handlers));
  }

  static nlohmann::json play(int64_t startedAt, int64_t ms, const std::string &source,
                             const std::string &artist, const std::string &title,
                             const std::string &album = "", const std::string &uri = "") {
    nlohmann::json track = {{"name", title}, {"artist", artist}};
    if (!album.empty()) track["album"] = album;
    if (!uri.empty()) track["spotify_uri"] = uri;
    return {{"type", "play"},
            {"started_at", startedAt},
            {"ms_played", ms},
            {"source", source},
            {"track", track}};
  }

  SubmitResult submit(const std::vector<nlohmann::json> &records,
                      const std::string &plugin = "spotify", int64_t importId = 0) {
    SubmitScope scope{plugin, "", "", importId};
    auto result =
        records_->submit(scope, nlohmann::json{{"records", nlohmann::json(records)}}.dump());
    if (!result.ok) std::cerr << "submit: " << result.error << "\n";
    return result;
  }

  int64_t count(const std::string &sql) {
    return store_->read([&](Database &db) {
      auto q = db.prepare(sql);
      q->step();
      return q->int64(0);
    });
  }

  TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<RecordStore> records_;
};

}  // namespace encore::test
