// Changing lastfm.username starts another history: the real daemon and lastfm.so against
// the fake Last.fm holding two users.
#include <gtest/gtest.h>

#include <Poco/URI.h>

#include "imports/lastfm_test_support.h"

namespace encore::test {
namespace {

const char *const kEndedRuns =
    "SELECT count(*) FROM job_runs WHERE job = 'lastfm.scrobbles' AND status <> 'running'";

/// Runs the scrobbles job now and waits for it to end; its status.
std::string runScrobbles(const DaemonProcess &daemon, const std::string &db) {
  const int64_t ended = scalar(db, kEndedRuns);
  EXPECT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);
  EXPECT_TRUE(DaemonProcess::waitFor([&] { return scalar(db, kEndedRuns) > ended; }, 60'000, 20));
  return worker(daemon, "lastfm.scrobbles")["last_run"]["status"].get<std::string>();
}

/// The recent-tracks requests the fake answered from the `first`-th request on.
std::vector<std::map<std::string, std::string>> recentQueriesSince(const FakeLastfm &fake,
                                                                   size_t first) {
  std::vector<std::map<std::string, std::string>> out;
  const auto requests = fake.requests();
  for (size_t i = first; i < requests.size(); ++i) {
    std::map<std::string, std::string> q;
    for (const auto &[k, v] : Poco::URI(requests[i].uri).getQueryParameters()) q[k] = v;
    if (q["method"] == "user.getrecenttracks") out.push_back(q);
  }
  return out;
}

TEST(LastfmUserChange, ANewUserGetsAFullBackfillAndTheFirstUserResumesWhereItWas) {
  // rj scrobbled 900 times from 2020 on; the housemate 450 times, all before 2018.
  FakeLastfm fake({.user = "rj", .scrobbles = 900, .firstUts = 1'600'000'000});
  std::vector<FakeLastfm::Scrobble> housemate;
  for (int i = 0; i < 450; ++i) {
    housemate.push_back({1'500'000'000 + i * 3600, "Housemate Artist " + std::to_string(i % 40),
                         "Housemate Song " + std::to_string(i), "Housemate Album"});
  }
  fake.addUser("housemate", housemate);
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  auto options = lastfmDaemonOptions(dir, fake);
  options.env.erase("ENCORE_LASTFM_USERNAME");  // set on the settings page, as a user would
  DaemonProcess daemon(options);
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.username", "rj"}}).status, 200);
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scalar(db, kEndedRuns) >= 1; }, 60'000));
  ASSERT_EQ(worker(daemon, "lastfm.scrobbles")["last_run"]["status"], "ok") << daemon.log();
  ASSERT_EQ(scalar(db, "SELECT count(*) FROM plays"), 900);

  // The box changes hands: the housemate's whole history is fetched, older than anything
  // stored, and rj's plays stay.
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.username", "housemate"}}).status, 200);
  ASSERT_EQ(runScrobbles(daemon, db), "ok") << worker(daemon, "lastfm.scrobbles");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 900 + 450);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays WHERE started_at < 1600000000"), 450);
  EXPECT_NE(daemon.log().find("Last.fm user is now housemate (was rj)"), std::string::npos);

  // Back to rj, who listened to five more songs meanwhile: only the incremental window is
  // read (every request bounded by rj's cursor less the look-back), nothing is stored twice.
  fake.addScrobbles(5);
  const int64_t cursor = scalar(
      db, "SELECT value FROM plugin_kv WHERE plugin = 'lastfm' AND key = 'user.rj.sync.from'");
  ASSERT_GT(cursor, 1'600'000'000);
  const size_t before = fake.requests().size();
  ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.username", "rj"}}).status, 200);
  ASSERT_EQ(runScrobbles(daemon, db), "ok") << worker(daemon, "lastfm.scrobbles");
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 900 + 450 + 5);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM (SELECT started_at, track_id FROM plays GROUP BY 1, 2 "
                   "HAVING count(*) > 1)"),
            0);
  const auto queries = recentQueriesSince(fake, before);
  ASSERT_FALSE(queries.empty());
  EXPECT_LE(queries.size(), 3u);
  for (const auto &q : queries) {
    EXPECT_EQ(q.at("user"), "rj");
    ASSERT_EQ(q.count("from"), 1u) << "a request without `from` reads the whole history";
    EXPECT_GE(std::stoll(q.at("from")), cursor - 6 * 3600);
  }
}

}  // namespace
}  // namespace encore::test
