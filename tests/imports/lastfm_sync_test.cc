// The Last.fm plugin in the real daemon against the fake Last.fm on loopback.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <ctime>

#include "imports/lastfm_test_support.h"

namespace encore::test {
namespace {

TEST(LastfmSyncTest, BackfillSurvivesKill9AndStoresEveryScrobbleOnce) {
  FakeLastfm fake({.scrobbles = 50'000});
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  {
    DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
    ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
    ASSERT_TRUE(DaemonProcess::waitFor(
        [&] { return scalar(db, "SELECT count(*) FROM plays") >= 15'000; }, 60'000))
        << daemon.log();
    daemon.kill9();  // mid-backfill, as a power cut would
  }
  const int64_t before = scalar(db, "SELECT count(*) FROM plays");
  ASSERT_LT(before, 50'000);
  const size_t requestsBefore = fake.recentRequests();
  // Listening went on meanwhile: 300 scrobbles stamped a second ago (inside the backfill's
  // window when it began less than a second before the kill), and a phone that was
  // offline sent 120 scrobbles of the three days before the backfill began: inside its
  // window, ahead of where it stopped, moving every scrobble it has still to read.
  const int64_t backfillTo = scalar(
      db, "SELECT value FROM plugin_kv WHERE plugin = 'lastfm' AND key = 'user.rj.backfill.to'");
  ASSERT_GT(backfillTo, 0);
  fake.addScrobbles(300);
  std::vector<FakeLastfm::Scrobble> offline;
  for (int i = 0; i < 120; ++i) {
    offline.push_back({backfillTo - 3 * 86400 + i * 2160, "Offline Artist",
                       "Offline Song " + std::to_string(i), "Offline Album"});
  }
  fake.addScrobbles(offline);
  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  ASSERT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scrobblesRunFinished(daemon); }, 60'000));
  EXPECT_EQ(worker(daemon, "lastfm.scrobbles")["last_run"]["status"], "ok")
      << worker(daemon, "lastfm.scrobbles");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 50'420);
  EXPECT_TRUE(storedExactly(db, fake));
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM (SELECT started_at, track_id FROM plays GROUP BY 1, 2 "
                   "HAVING count(*) > 1)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays WHERE source <> 'lastfm'"), 0);
  // The resumed backfill went on from where it stopped: about the pages still missing
  // (arrivals included), not all 253, and a few for the incremental pass over the 300.
  const size_t resumed = fake.recentRequests() - requestsBefore;
  EXPECT_LT(resumed, static_cast<size_t>((50'420 - before) / 200 + 12)) << resumed;
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM plugin_kv WHERE plugin = 'lastfm' AND key = "
                   "'user.rj.backfill.done'"),
            1);
}

TEST(LastfmSyncTest, TakesUpABackfillCheckpointedByPageNumber) {
  // A database left mid-backfill by the walk by page number: pages 15 to 7 of 15 stored
  // (the 1,800 oldest scrobbles), its newest stored scrobble noted; its state not yet kept
  // by user, so taken for the user set now.
  const FakeLastfm::Options options{.scrobbles = 3'000};
  FakeLastfm fake(options);
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  { DaemonProcess created(lastfmDaemonOptions(dir, fake)); }
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  const int64_t newest = FakeLastfm::scrobbleAt(options, 1'799).uts;
  sqlite3 *handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  const std::string rows =
      "INSERT INTO plugin_kv (plugin, key, value, updated_at) VALUES "
      "('lastfm', 'backfill.to', '" +
      std::to_string(now) +
      "', 0), "
      "('lastfm', 'sync.from', '" +
      std::to_string(now) +
      "', 0), "
      "('lastfm', 'backfill.page', '6', 0), "
      "('lastfm', 'backfill.pages', '15', 0), "
      "('lastfm', 'backfill.newest', '" +
      std::to_string(newest) +
      "', 0), "
      "('lastfm', 'backfill.sig', '200:1:2:Song 1', 0)";
  ASSERT_EQ(sqlite3_exec(handle, rows.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);

  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scrobblesRunFinished(daemon); }, 30'000));
  EXPECT_EQ(worker(daemon, "lastfm.scrobbles")["last_run"]["status"], "ok")
      << worker(daemon, "lastfm.scrobbles");
  // It went on from the newest stored scrobble (read again): the 1,200 after it, not all.
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 1'201);
  EXPECT_EQ(scalar(db, "SELECT min(started_at) FROM plays"), newest);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM plugin_kv WHERE plugin = 'lastfm' AND (key LIKE "
                   "'backfill.%' OR key LIKE 'sync.%' OR (key LIKE 'user.rj.backfill.%' AND key "
                   "NOT IN ('user.rj.backfill.to', 'user.rj.backfill.done')))"),
            0);
  EXPECT_EQ(scalar(db,
                   "SELECT value FROM plugin_kv WHERE plugin = 'lastfm' AND key = "
                   "'user.rj.backfill.to'"),
            now);
}

TEST(LastfmSyncTest, NowPlayingDuplicatePagesAndErrorBurstsChangeNoCount) {
  FakeLastfm fake({.scrobbles = 1'500});
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  // Entries that are not listening hold their place in the pages: no artist, a clock
  // error from 1999, a title longer than the host takes.
  fake.addScrobbles({{1'500'100'000, "", "No Artist", ""},
                     {915'000'000, "Old Clock", "Old Song", ""},
                     {1'500'200'000, "Long Title", std::string(3000, 'x'), ""}});
  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  fake.failNext(3, 29, 200);  // a short burst: absorbed by the in-run backoff
  fake.repeatPageOnce();
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scrobblesRunFinished(daemon); }, 30'000));
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

TEST(LastfmSyncTest, PrivateUnknownAndRevokedSessionsStopWithAReason) {
  FakeLastfm fake({.scrobbles = 10});
  TempDir dir;
  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  fake.failAlways(17, 403);
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scrobblesRunFinished(daemon); }, 30'000))
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

  // A session Last.fm has revoked (error 9): the key is forgotten, the reason says what to do.
  const std::string db = (dir / "data" / "encore.db").string();
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.shared_secret", "a-shared-secret"}}).status, 200);
  {
    sqlite3 *conn = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &conn), SQLITE_OK);
    sqlite3_busy_timeout(conn, 5000);
    EXPECT_EQ(sqlite3_exec(conn,
                           "INSERT INTO plugin_kv(plugin, key, value, updated_at)"
                           " VALUES ('lastfm', 'session_key', 'sk-revoked', 0)",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    sqlite3_close(conn);
  }
  fake.failAlways(9, 403);
  ASSERT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        auto last = worker(daemon, "lastfm.scrobbles")["last_error"];
        return last.is_string() && last.get<std::string>().find("error 9") != std::string::npos;
      },
      30'000))
      << worker(daemon, "lastfm.scrobbles");
  EXPECT_NE(
      worker(daemon, "lastfm.scrobbles")["last_error"].get<std::string>().find("connect again"),
      std::string::npos);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM plugin_kv WHERE plugin = 'lastfm'"
                   " AND key = 'session_key'"),
            0);
}

}  // namespace
}  // namespace encore::test
