// The Last.fm plugin in the real daemon against the fake Last.fm on loopback.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <chrono>
#include <ctime>
#include <thread>

#include "fakes/lastfm/fake_lastfm.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

int64_t scalar(const std::string &dbPath, const std::string &sql) {
  sqlite3 *db = nullptr;
  int64_t out = -1;
  if (sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW) {
      out = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
  return out;
}

DaemonProcess::Options daemonOptions(const TempDir &dir, const FakeLastfm &fake) {
  DaemonProcess::Options o;
  o.dataDir = (dir / "data").string();
  o.env = {{"ENCORE_LASTFM_API_URL", fake.url()},
           {"ENCORE_LASTFM_USERNAME", "rj"},
           {"ENCORE_LASTFM_API_KEY", "test-api-key"},
           {"ENCORE_LASTFM_REQUESTS_PER_SECOND", "1000"},
           {"ENCORE_LASTFM_BACKOFF_MS", "20"}};
  return o;
}

nlohmann::json worker(const DaemonProcess &d, const std::string &job) {
  const nlohmann::json all = d.get("/api/workers").json();
  for (const auto &w : all["workers"]) {
    if (w["job"] == job) return w;
  }
  return nullptr;
}

bool runFinished(const DaemonProcess &d) {
  auto w = worker(d, "lastfm.scrobbles");
  return w.is_object() && w["state"] != "running" && w["last_run"].is_object();
}

TEST(LastfmSyncTest, BackfillSurvivesKill9AndStoresEveryScrobbleOnce) {
  FakeLastfm fake({.scrobbles = 50'000});
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  {
    DaemonProcess daemon(daemonOptions(dir, fake));
    ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
    ASSERT_TRUE(DaemonProcess::waitFor(
        [&] { return scalar(db, "SELECT count(*) FROM plays") >= 15'000; }, 60'000))
        << daemon.log();
    daemon.kill9();  // mid-backfill, as a power cut would
  }
  const int64_t before = scalar(db, "SELECT count(*) FROM plays");
  ASSERT_LT(before, 50'000);
  const size_t requestsBefore = fake.recentRequests();
  // Listening went on meanwhile: scrobbles stamped a second ago, after the end of the
  // backfill's window (when the first run began) however fast the backfill got this far.
  const int64_t backfillTo =
      scalar(db, "SELECT value FROM plugin_kv WHERE plugin = 'lastfm' AND key = 'backfill.to'");
  ASSERT_GT(backfillTo, 0);
  while (static_cast<int64_t>(std::time(nullptr)) - 1 < backfillTo) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  fake.addScrobbles(300);
  DaemonProcess daemon(daemonOptions(dir, fake));
  ASSERT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return runFinished(daemon); }, 60'000));
  EXPECT_EQ(worker(daemon, "lastfm.scrobbles")["last_run"]["status"], "ok")
      << worker(daemon, "lastfm.scrobbles");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 50'300);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM (SELECT started_at, track_id FROM plays GROUP BY 1, 2 "
                   "HAVING count(*) > 1)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays WHERE source <> 'lastfm'"), 0);
  // The resumed backfill went on from its page: about the pages still missing, not all 252.
  const size_t resumed = fake.recentRequests() - requestsBefore;
  EXPECT_LT(resumed, static_cast<size_t>((50'000 - before) / 200 + 10)) << resumed;
  EXPECT_EQ(
      scalar(db,
             "SELECT count(*) FROM plugin_kv WHERE plugin = 'lastfm' AND key = 'backfill.done'"),
      1);
}

TEST(LastfmSyncTest, NowPlayingDuplicatePagesAndErrorBurstsChangeNoCount) {
  FakeLastfm fake({.scrobbles = 1'500});
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  DaemonProcess daemon(daemonOptions(dir, fake));
  fake.failNext(3, 29, 200);  // a short burst: absorbed by the in-run backoff
  fake.repeatPageOnce();
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return runFinished(daemon); }, 30'000));
  EXPECT_EQ(worker(daemon, "lastfm.scrobbles")["last_run"]["status"], "ok")
      << worker(daemon, "lastfm.scrobbles");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 1'500);

  // A lasting error 29 with HTTP 200: the plugin pauses Last.fm and says so.
  fake.addScrobbles(10);
  fake.failNext(50, 29, 200);
  ASSERT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        auto w = worker(daemon, "lastfm.scrobbles");
        return w["last_run"]["status"] == "failed";
      },
      30'000))
      << worker(daemon, "lastfm.scrobbles") << daemon.log();
  auto w = worker(daemon, "lastfm.scrobbles");
  EXPECT_NE(w["last_error"].get<std::string>().find("error 29"), std::string::npos) << w;
  EXPECT_TRUE(w["paused_until"].is_string()) << w;
  fake.failNext(0, 0, 200);
  // Once the pause is over a run goes on from the cursor.
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return daemon.post("/api/workers/lastfm.scrobbles/run").status == 202; }, 30'000));
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return scalar(db, "SELECT count(*) FROM plays") == 1'510; }, 30'000));
}

TEST(LastfmSyncTest, PrivateOrUnknownUsersStopWithAReason) {
  FakeLastfm fake({.scrobbles = 10});
  TempDir dir;
  DaemonProcess daemon(daemonOptions(dir, fake));
  fake.failAlways(17, 403);
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return runFinished(daemon); }, 30'000))
      << worker(daemon, "lastfm.scrobbles") << daemon.log();
  auto w = worker(daemon, "lastfm.scrobbles");
  EXPECT_NE(w["last_error"].get<std::string>().find("private (error 17)"), std::string::npos) << w;

  fake.failAlways(6, 404);
  ASSERT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        auto last = worker(daemon, "lastfm.scrobbles")["last_error"];
        return last.is_string() && last.get<std::string>().find("error 6") != std::string::npos;
      },
      30'000));
}

}  // namespace
}  // namespace encore::test
