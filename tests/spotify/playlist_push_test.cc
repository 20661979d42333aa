// The playlist_push sink of the real plugin, driven through PluginManager::runSink against
// the fake: create, fill in batches of 100, replace, recreate, and touch nothing else.
#include <gtest/gtest.h>

#include "fake_spotify.h"
#include "spotify_host.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;
using Json = nlohmann::json;

class PlaylistPushTest : public ::testing::Test {
 protected:
  PlaylistPushTest() {
    fake::LibrarySpec spec;
    spec.trackPool = 400;
    fake_ = std::make_unique<FakeSpotify>(FakeLibrary::generate(spec));
    host_ = std::make_unique<test::SpotifyHost>(
        test::SpotifyHost::Options{(dir_ / "data").string(), fake_->url()});
    EXPECT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  }
  static std::vector<std::string> uris(int from, int n) {
    std::vector<std::string> out;
    for (int i = from; i < from + n; ++i)
      out.push_back("spotify:track:" + FakeLibrary::makeId('T', i));
    return out;
  }
  static Json document(const std::vector<std::string> &uris, Json externalId = nullptr) {
    return {{"type", "playlist_push"},
            {"key", "most_listened"},
            {"name", "Encore: Most Listened"},
            {"description", "Your most played tracks, by Encore."},
            {"track_uris", uris},
            {"external_id", externalId}};
  }
  Json push(const Json &doc) {
    std::string result;
    auto run = host_->push(doc.dump(), &result);
    EXPECT_EQ(run.status, RunStatus::Ok) << run.error;
    return Json::parse(result, nullptr, false);
  }
  std::vector<std::string> contents(const std::string &id) {
    return fake_->withLibrary([&](FakeLibrary &lib) {
      std::vector<std::string> out;
      if (auto *p = lib.playlist(id)) {
        for (const auto &e : p->entries) out.push_back("spotify:track:" + e.trackId);
      }
      return out;
    });
  }
  /// Every playlist write the fake saw, as "METHOD playlist-id".
  std::vector<std::string> writes() {
    std::vector<std::string> out;
    for (const auto &r : fake_->log()) {
      if (r.method != "GET" && r.target.rfind("/v1/playlists/", 0) == 0) {
        out.push_back(r.method + " " + r.target.substr(14, 22));
      }
    }
    return out;
  }

  test::TempDir dir_;
  std::unique_ptr<FakeSpotify> fake_;
  std::unique_ptr<test::SpotifyHost> host_;
};

TEST_F(PlaylistPushTest, CreatesThePlaylistAndFillsItInBatchesOfAHundred) {
  auto first = uris(1, 250);
  Json result = push(document(first));
  const std::string id = result["external_id"];
  EXPECT_EQ(result["tracks"], 250);
  EXPECT_EQ(result["url"], "https://open.spotify.com/playlist/" + id);
  EXPECT_EQ(fake_->countRequests("POST", "/v1/me/playlists"), 1u);
  EXPECT_EQ(writes(), (std::vector<std::string>{"PUT " + id, "POST " + id, "POST " + id}));
  EXPECT_EQ(contents(id), first);
  auto created = fake_->withLibrary([&](FakeLibrary &lib) { return *lib.playlist(id); });
  EXPECT_EQ(created.name, "Encore: Most Listened");
  EXPECT_FALSE(created.isPublic);

  // The next push replaces the contents of the same playlist.
  fake_->clearLog();
  auto second = uris(300, 40);
  Json again = push(document(second, id));
  EXPECT_EQ(again["external_id"], id);
  EXPECT_EQ(fake_->countRequests("POST", "/v1/me/playlists"), 0u);
  EXPECT_EQ(writes(), (std::vector<std::string>{"PUT " + id}));
  EXPECT_EQ(contents(id), second);
}

TEST_F(PlaylistPushTest, AGonePlaylistIsCreatedAgainAndNoOtherIsTouched) {
  const std::string id = push(document(uris(1, 10)))["external_id"];
  const auto othersBefore = fake_->withLibrary([](FakeLibrary &lib) { return lib.playlists; });
  fake_->withLibrary([&](FakeLibrary &lib) {
    return std::erase_if(lib.playlists, [&](const fake::FakePlaylist &p) { return p.id == id; });
  });
  fake_->clearLog();
  const std::string renewed = push(document(uris(20, 5), id))["external_id"];
  EXPECT_NE(renewed, id);
  EXPECT_EQ(contents(renewed), uris(20, 5));
  EXPECT_EQ(writes(),
            (std::vector<std::string>{"PUT " + id, "PUT " + renewed}));  // 404, then the new one
  // Someone else's playlist named as external_id is not written either: a new one is made.
  const std::string theirs = FakeLibrary::makeId('P', 4);  // owned by "someoneelse"
  fake_->clearLog();
  const std::string mine = push(document(uris(30, 3), theirs))["external_id"];
  EXPECT_NE(mine, theirs);
  auto after = fake_->withLibrary([](FakeLibrary &lib) { return lib.playlists; });
  for (const auto &p : othersBefore) {
    if (p.id == id) continue;
    auto it = std::find_if(after.begin(), after.end(), [&](const auto &q) { return q.id == p.id; });
    ASSERT_NE(it, after.end());
    EXPECT_EQ(it->entries.size(), p.entries.size()) << p.id;
    EXPECT_EQ(it->version, p.version) << p.id;
  }
}

TEST_F(PlaylistPushTest, APushThatFailedAfterCreatingDoesNotCreateASecondPlaylist) {
  fake_->addFault({fake::Fault::Kind::ServerError, "/v1/playlists/", 1, 1});  // the append
  std::string result;
  EXPECT_EQ(host_->push(document(uris(1, 150)).dump(), &result).status, RunStatus::Failed);
  EXPECT_EQ(fake_->countRequests("POST", "/v1/me/playlists"), 1u);
  // The host never learned the id; the sink remembered it and finishes the same playlist.
  Json done = push(document(uris(1, 150)));
  EXPECT_EQ(fake_->countRequests("POST", "/v1/me/playlists"), 1u);
  EXPECT_EQ(contents(done["external_id"]), uris(1, 150));
}

TEST_F(PlaylistPushTest, ADocumentThatIsNotAPlaylistPushIsRefusedWithoutARequest) {
  for (const Json &bad :
       {Json{{"type", "something_else"}}, document({"spotify:track:../../x"}),
        document(std::vector<std::string>{"not a uri"}),
        Json{{"type", "playlist_push"}, {"key", "k"}, {"track_uris", Json::array()}}}) {
    EXPECT_EQ(host_->push(bad.dump()).status, RunStatus::Failed) << bad.dump();
  }
  EXPECT_EQ(fake_->countRequests("", "/v1/"), 0u);
}

}  // namespace
}  // namespace encore
