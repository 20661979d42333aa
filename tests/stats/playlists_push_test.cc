// Smart playlists pushed by the real daemon through a real plugin's playlist_push sink to
// a fake Spotify server speaking the February 2026 wire format.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>

#include "stats/history_generator.h"
#include "support/daemon_process.h"
#include "support/fake_server.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

/// A fake Spotify that creates playlists with fresh ids and records their contents.
class FakeSpotify {
 public:
  FakeSpotify()
      : server_([this](const RecordedRequest &r, Poco::Net::HTTPServerResponse &response) {
          handle(r, response);
        }) {
    create_ =
        readFile(sourceDir() + "/tests/fixtures/spotify-playlist-push/CreatePlaylistRequest.json");
    items_ = readFile(sourceDir() +
                      "/tests/fixtures/spotify-playlist-push/AddItemsToPlaylistRequest.json");
  }

  std::string url() const { return server_.url(); }
  std::vector<RecordedRequest> requests() const { return server_.requests(); }
  std::map<std::string, nlohmann::json> contents() {
    std::lock_guard<std::mutex> lock(mutex_);
    return contents_;
  }
  void failItemsWith(int status) { failStatus_ = status; }
  void forget(const std::string &id) {
    std::lock_guard<std::mutex> lock(mutex_);
    contents_.erase(id);
  }

 private:
  void handle(const RecordedRequest &r, Poco::Net::HTTPServerResponse &response) {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string path = r.path();
    if (r.method == "POST" && path == "/me/playlists") {
      std::string id = "EncorePlaylist" + std::to_string(++created_) + "xxxxxxxx";
      id.resize(22, 'x');
      std::string body = create_;
      for (size_t at; (at = body.find("7d2D2S200NyUE5KYs80PwO")) != std::string::npos;)
        body.replace(at, 22, id);
      contents_[id] = nlohmann::json::array();
      FakeServer::reply(response, 201, "application/json", body);
      return;
    }
    const std::string prefix = "/playlists/";
    if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size() + 6 &&
        path.substr(path.size() - 6) == "/items") {
      if (failStatus_ != 0) {
        FakeServer::reply(response, failStatus_, "application/json",
                          R"({"error":{"status":)" + std::to_string(failStatus_.load()) +
                              R"(,"message":"boom"}})");
        return;
      }
      std::string id = path.substr(prefix.size(), path.size() - prefix.size() - 6);
      auto it = contents_.find(id);
      if (it == contents_.end()) {
        FakeServer::reply(response, 404, "application/json",
                          R"({"error":{"status":404,"message":"Not found."}})");
        return;
      }
      auto uris = nlohmann::json::parse(r.body)["uris"];
      if (r.method == "PUT") it->second = nlohmann::json::array();
      for (const auto &u : uris) it->second.push_back(u);
      FakeServer::reply(response, r.method == "PUT" ? 200 : 201, "application/json", items_);
      return;
    }
    FakeServer::reply(response, 404, "application/json",
                      R"({"error":{"status":404,"message":"Not found."}})");
  }

  std::string create_, items_;
  std::mutex mutex_;
  std::map<std::string, nlohmann::json> contents_;
  int created_ = 0;
  std::atomic<int> failStatus_{0};
  FakeServer server_;  // last: stops before the members its handler uses go away
};

class PlaylistPush : public ::testing::Test {
 protected:
  void SetUp() override {
    HistorySpec spec;
    spec.plays = 4000;
    spec.tracks = 300;
    spec.artists = 40;
    spec.years = 1;
    spec.spotifyShare = 0.7;
    generateHistory((dir / "data").string(), spec);
    daemon = std::make_unique<DaemonProcess>(
        DaemonProcess::Options{.dataDir = (dir / "data").string(),
                               .pluginDir = binaryDir() + "/test-plugins",
                               .env = {{"ENCORE_SINKKIT_URL", spotify.url()}}});
    ASSERT_EQ(daemon->put("/api/settings", {{"playlists.sink_plugin", "sinkkit"}}).status, 200);
  }

  /// Runs the push job now and waits for it to end; its last run.
  nlohmann::json pushAndWait() {
    // Once "Run now" is accepted the job reports "running" until that run has ended.
    auto started = daemon->post("/api/playlists/push");
    EXPECT_EQ(started.status, 202) << started.body;
    nlohmann::json run;
    EXPECT_TRUE(DaemonProcess::waitFor(
        [&] {
          auto w = worker();
          run = w["last_run"];
          return w["state"] != "running" && run.is_object();
        },
        10000));
    return run;
  }

  nlohmann::json worker() {
    auto all = daemon->get("/api/workers").json();
    for (const auto &w : all["workers"]) {
      if (w["job"] == "playlists.push") return w;
    }
    return nullptr;
  }

  TempDir dir;
  FakeSpotify spotify;
  std::unique_ptr<DaemonProcess> daemon;
};

TEST_F(PlaylistPush, CreatesEachPlaylistOnceThenReplacesItsContents) {
  auto preview = daemon->get("/api/playlists").json();
  ASSERT_EQ(preview["sink"]["available"], true);
  std::map<std::string, nlohmann::json> expected;
  for (const auto &p : preview["playlists"]) {
    nlohmann::json uris = nlohmann::json::array();
    for (const auto &t : p["tracks"]) uris.push_back(t["spotify_uri"]);
    if (!uris.empty()) expected[p["key"]] = uris;
  }
  ASSERT_GE(expected.size(), 2u);
  EXPECT_EQ(expected["most_listened"].size(), 50u);  // the default size

  auto run = pushAndWait();
  EXPECT_EQ(run["status"], "ok") << run.dump();
  auto first = spotify.requests();
  size_t creates = 0;
  for (const auto &r : first) {
    if (r.method == "POST" && r.path() == "/me/playlists") {
      ++creates;
      auto body = nlohmann::json::parse(r.body);
      EXPECT_EQ(body["public"], false);
      EXPECT_EQ(body["name"].get<std::string>().rfind("Encore: ", 0), 0u);
    }
    EXPECT_EQ(r.header("Authorization"), "Bearer sinkkit-token");
  }
  EXPECT_EQ(creates, expected.size());

  // Every playlist holds exactly its preview's tracks, in order, and the host remembers
  // which upstream playlist each became.
  auto after = daemon->get("/api/playlists?tracks=0").json();
  std::map<std::string, std::string> ids;
  for (const auto &p : after["playlists"]) {
    if (!expected.count(p["key"])) continue;
    const auto &last = p["last_push"];
    ASSERT_TRUE(last["external_id"].is_string()) << p.dump();
    EXPECT_TRUE(last["error"].is_null());
    EXPECT_EQ(last["tracks"], expected[p["key"]].size());
    EXPECT_EQ(last["url"].get<std::string>().find("https://open.spotify.com/"), 0u);
    ids[p["key"]] = last["external_id"];
    EXPECT_EQ(spotify.contents()[last["external_id"]], expected[p["key"]]);
  }

  // A second push creates nothing: it replaces the same playlists' contents.
  run = pushAndWait();
  EXPECT_EQ(run["status"], "ok");
  size_t creates2 = 0, replaces = 0;
  auto all = spotify.requests();
  for (size_t i = first.size(); i < all.size(); ++i) {
    if (all[i].method == "POST" && all[i].path() == "/me/playlists") ++creates2;
    if (all[i].method == "PUT") {
      ++replaces;
      bool ours = false;
      for (const auto &[key, id] : ids)
        ours = ours || all[i].path() == "/playlists/" + id + "/items";
      EXPECT_TRUE(ours) << "touched a playlist it did not create: " << all[i].path();
    }
  }
  EXPECT_EQ(creates2, 0u);
  EXPECT_EQ(replaces, expected.size());
  EXPECT_EQ(spotify.contents().size(), expected.size());
}

TEST_F(PlaylistPush, APlaylistDeletedUpstreamIsCreatedAgainAndFailuresAreReported) {
  ASSERT_EQ(pushAndWait()["status"], "ok");
  auto before = daemon->get("/api/playlists?tracks=0").json();
  std::string oldId = before["playlists"][0]["last_push"]["external_id"];
  spotify.forget(oldId);  // the user deleted it in Spotify
  ASSERT_EQ(pushAndWait()["status"], "ok");
  auto after = daemon->get("/api/playlists?tracks=0").json();
  std::string newId = after["playlists"][0]["last_push"]["external_id"];
  EXPECT_NE(newId, oldId);
  EXPECT_EQ(spotify.contents().count(newId), 1u);

  spotify.failItemsWith(500);
  auto failed = pushAndWait();
  EXPECT_EQ(failed["status"], "failed");
  EXPECT_NE(failed["error"].get<std::string>().find("most_listened"), std::string::npos);
  auto w = worker();
  EXPECT_TRUE(w["last_error"].is_string());
  auto kept = daemon->get("/api/playlists?tracks=0").json()["playlists"][0]["last_push"];
  EXPECT_EQ(kept["external_id"], newId);  // the remembered playlist survives a failure
  EXPECT_TRUE(kept["error"].is_string());
}

TEST_F(PlaylistPush, PushesOnTheScheduleWhenTurnedOn) {
  EXPECT_EQ(worker()["state"], "disabled");
  EXPECT_EQ(worker()["cooldown_seconds"], 24 * 3600);
  ASSERT_EQ(daemon
                ->put("/api/settings",
                      {{"playlists.auto_push", true}, {"playlists.push_interval_hours", 6}})
                .status,
            200);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        auto w = worker();
        return w["last_run"].is_object() && w["last_run"]["status"] == "ok";
      },
      10000));
  EXPECT_EQ(worker()["cooldown_seconds"], 6 * 3600);
  EXPECT_EQ(worker()["last_run"]["trigger"], "schedule");
  EXPECT_FALSE(spotify.contents().empty());
}

TEST_F(PlaylistPush, WithoutASinkNothingIsSentAndTheReasonIsShown) {
  ASSERT_EQ(daemon->put("/api/settings", {{"playlists.sink_plugin", "spotify"}}).status, 200);
  auto preview = daemon->get("/api/playlists?tracks=0").json();
  EXPECT_EQ(preview["sink"]["available"], false);
  EXPECT_NE(preview["sink"]["problem"].get<std::string>().find("not loaded"), std::string::npos);
  EXPECT_EQ(pushAndWait()["status"], "failed");
  EXPECT_EQ(spotify.requests().size(), 0u);
}

}  // namespace
}  // namespace encore::test
