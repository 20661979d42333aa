// Connecting Spotify in the real daemon: the redirects, the callback pages, what the API
// shows before and after, reconnect-needed, and secrets that never come back out.
#include <gtest/gtest.h>

#include "spotify_daemon.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;
using test::SpotifyDaemon;

class DaemonConnectTest : public ::testing::Test {
 protected:
  DaemonConnectTest()
      : fake_(FakeLibrary::generate(spec())), daemon_(fake_, (dir_ / "data").string()) {}
  static fake::LibrarySpec spec() {
    fake::LibrarySpec s;
    s.followedArtists = 40;
    s.playlists = 3;
    s.playlistEntries = 90;
    s.likedSongs = 60;
    s.savedAlbums = 8;
    return s;
  }

  test::TempDir dir_;
  FakeSpotify fake_;
  SpotifyDaemon daemon_;
};

TEST_F(DaemonConnectTest, FullConnectFlowThroughTheRedirectsStartsTheSync) {
  EXPECT_EQ(daemon_.plugin()["account"]["state"], "not_connected");
  EXPECT_EQ(daemon_.plugin()["account"]["connect_url"], "/auth/spotify/login");
  auto held = daemon_.worker("spotify.artists");
  EXPECT_EQ(held["state"], "held");
  EXPECT_NE(held["held"].get<std::string>().find("not connected"), std::string::npos);
  EXPECT_EQ(fake_.countRequests("", "/v1/"), 0u);  // nothing runs before the account exists

  // The redirect URI is the daemon's own address, and comes back in the token exchange.
  auto login = daemon_.process().get("/auth/spotify/login");
  ASSERT_EQ(login.status, 302);
  EXPECT_NE(login.header("Location")
                .find("redirect_uri=http%3A%2F%2F127.0.0.1%3A" +
                      std::to_string(daemon_.process().port()) + "%2Fauth%2Fspotify%2Fcallback"),
            std::string::npos)
      << login.header("Location");

  auto page = daemon_.connect();
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_NE(page.body.find("connected"), std::string::npos);
  EXPECT_EQ(daemon_.plugin()["account"]["state"], "connected");
  ASSERT_TRUE(daemon_.waitForOk(SpotifyDaemon::kLibraryJobs, 30000));
  auto stats = daemon_.dbStats();
  auto want = fake_.withLibrary([](FakeLibrary &lib) { return lib.expected(); });
  EXPECT_EQ(stats["artists"], want.artists);
  // What is followed, beside every artist stored (those credited on tracks and albums too).
  EXPECT_EQ(stats["followed_artists"], want.followedArtists);
  EXPECT_LT(want.followedArtists, want.artists);
  EXPECT_EQ(stats["liked_songs"], want.likedSongs);

  // Secrets stay inside: not in the settings API, not in the log.
  const auto settings = daemon_.process().get("/api/settings").json();
  for (const auto &s : settings["settings"]) {
    if (s["key"] == "spotify.client_secret" || s["key"] == "spotify.client_id") {
      EXPECT_FALSE(s.contains("value"));
      EXPECT_TRUE(s["is_set"].get<bool>());
    }
  }
  const std::string log = daemon_.process().log();
  EXPECT_EQ(log.find(fake_.options().clientSecret), std::string::npos);
  EXPECT_EQ(log.find("at-"), std::string::npos);  // the fake's access tokens
  EXPECT_EQ(log.find("rt-"), std::string::npos);
}

TEST_F(DaemonConnectTest, TheRedirectUriFollowsThePublicUrlSetting) {
  daemon_.setSettings({{"server.public_url", "https://music.example.net/"}});
  auto login = daemon_.process().get("/auth/spotify/login");
  ASSERT_EQ(login.status, 302);
  EXPECT_NE(login.header("Location")
                .find("redirect_uri=https%3A%2F%2Fmusic.example.net%2Fauth%2Fspotify%2Fcallback"),
            std::string::npos)
      << login.header("Location");
}

TEST_F(DaemonConnectTest, DeniedOrForgedCallbacksShowAPageAndChangeNothing) {
  fake_.denyNextAuthorization();
  auto denied = daemon_.connect();
  EXPECT_EQ(denied.status, 403);
  EXPECT_NE(denied.body.find("not granted"), std::string::npos);
  EXPECT_EQ(daemon_.plugin()["account"]["state"], "not_connected");

  auto forged = daemon_.process().get("/auth/spotify/callback?code=abc&state=not-one-of-ours");
  EXPECT_EQ(forged.status, 400);
  EXPECT_NE(forged.body.find("not valid any more"), std::string::npos);
  auto script = daemon_.process().get("/auth/spotify/callback?error=%3Cscript%3E&state=x");
  EXPECT_EQ(script.body.find("<script>"), std::string::npos);  // escaped, and a bad state anyway
  EXPECT_EQ(daemon_.process().get("/auth/nosuchplugin/login").status, 404);
  EXPECT_EQ(fake_.countRequests("POST", "/api/token"), 0u);
  EXPECT_EQ(daemon_.plugin()["account"]["state"], "not_connected");
}

TEST_F(DaemonConnectTest, AnExpiredGrantHoldsTheJobsUntilTheUserReconnects) {
  ASSERT_EQ(daemon_.connect().status, 200);
  ASSERT_TRUE(daemon_.waitForOk(SpotifyDaemon::kLibraryJobs, 30000));
  auto before = daemon_.dbStats();
  fake_.expireAccessTokens();
  fake_.revokeRefreshTokens();
  ASSERT_TRUE(daemon_.runNow("spotify.artists"));
  ASSERT_TRUE(test::DaemonProcess::waitFor(
      [&] { return daemon_.plugin()["account"]["state"] == "reconnect_needed"; }, 10000));
  auto held = daemon_.worker("spotify.playlists");
  EXPECT_EQ(held["state"], "held");
  EXPECT_NE(held["held"].get<std::string>().find("reconnect needed"), std::string::npos);
  EXPECT_EQ(daemon_.process().post("/api/workers/spotify.playlists/run").status, 409);
  EXPECT_EQ(daemon_.dbStats(), before);  // nothing lost

  auto page = daemon_.connect();
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(daemon_.plugin()["account"]["state"], "connected");
  EXPECT_TRUE(daemon_.worker("spotify.playlists")["held"].is_null());
  EXPECT_TRUE(daemon_.runNow("spotify.artists"));
}

}  // namespace
}  // namespace encore
