// Recently played: each play stored once, however often it is polled and across restarts,
// starting a track's duration before Spotify's played_at.
#include <gtest/gtest.h>

#include "fake_spotify.h"
#include "spotify_host.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;

constexpr int64_t kStart = 1'750'000'000'000;  // 2025-06-15

class RecentlyPlayedTest : public ::testing::Test {
 protected:
  void start(size_t retention = 50) {
    FakeSpotify::Options options;
    options.recentlyPlayedRetention = retention;
    fake::LibrarySpec spec;
    spec.likedSongs = 10;
    fake_ = std::make_unique<FakeSpotify>(FakeLibrary::generate(spec), options);
    open();
    ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  }
  void open() {
    host_.reset();
    host_ = std::make_unique<test::SpotifyHost>(
        test::SpotifyHost::Options{(dir_ / "data").string(), fake_->url()});
  }
  /// `n` plays, one every 4 minutes after `from`, cycling through the first tracks.
  void play(int n, int64_t from) {
    fake_->withLibrary([&](FakeLibrary &lib) {
      for (int i = 0; i < n; ++i)
        lib.addPlay(FakeLibrary::makeId('T', 1 + i % 5), from + i * 240'000LL);
      return 0;
    });
  }
  void poll() {
    auto result = host_->run("recently_played");
    ASSERT_EQ(result.status, RunStatus::Ok) << result.error;
  }
  int64_t plays() { return host_->count("SELECT count(*) FROM plays"); }

  test::TempDir dir_;
  std::unique_ptr<FakeSpotify> fake_;
  std::unique_ptr<test::SpotifyHost> host_;
};

TEST_F(RecentlyPlayedTest, EachPlayOnceAcrossPollsAndRestarts) {
  start();
  play(12, kStart);
  poll();
  EXPECT_EQ(plays(), 12);
  poll();
  EXPECT_EQ(plays(), 12);
  play(7, kStart + 12 * 240'000LL);
  poll();
  EXPECT_EQ(plays(), 19);
  // The cursor is the newest played_at, stored with the plays.
  EXPECT_EQ(
      host_->text("SELECT value FROM plugin_kv WHERE plugin = 'spotify' AND key = 'recent.after'"),
      std::to_string(kStart + 18 * 240'000LL));
  open();  // a restart
  poll();
  EXPECT_EQ(plays(), 19);
  auto log = fake_->log();
  EXPECT_NE(log.back().target.find("after=" + std::to_string(kStart + 18 * 240'000LL)),
            std::string::npos);
  play(1, kStart + 19 * 240'000LL);
  poll();
  EXPECT_EQ(plays(), 20);
  EXPECT_EQ(host_->count("SELECT count(DISTINCT started_at) FROM plays"), 20);
  EXPECT_EQ(host_->count("SELECT count(*) FROM plays WHERE source <> 'spotify-poll'"), 0);
}

TEST_F(RecentlyPlayedTest, AListeningStartsADurationBeforePlayedAt) {
  start();
  play(1, kStart);
  poll();
  const int64_t duration = fake_->withLibrary(
      [](FakeLibrary &lib) { return lib.tracks.at(FakeLibrary::makeId('T', 1)).durationMs; });
  EXPECT_EQ(host_->count("SELECT started_at FROM plays"), (kStart - duration) / 1000);
  EXPECT_EQ(host_->count("SELECT ms_played FROM plays"), duration);
  EXPECT_EQ(
      host_->text("SELECT t.spotify_uri FROM plays p JOIN music_tracks t ON t.id = p.track_id"),
      "spotify:track:" + FakeLibrary::makeId('T', 1));
  EXPECT_EQ(host_->text("SELECT a.name FROM plays p JOIN music_artists a ON a.id = p.artist_id"),
            "Artist 1");
}

TEST_F(RecentlyPlayedTest, AGapLongerThanAPageIsFilledWalkingBack) {
  start(500);
  play(5, kStart);
  poll();
  play(130, kStart + 5 * 240'000LL);  // more than a page of 50 since the last poll
  poll();
  EXPECT_EQ(plays(), 135);
  EXPECT_GE(fake_->countRequests("GET", "/v1/me/player/recently-played?limit=50&before="), 2u);
}

TEST_F(RecentlyPlayedTest, NothingIsStoredFromABrokenPageAndThePollIsRetried) {
  start();
  play(3, kStart);
  fake_->addFault({fake::Fault::Kind::TruncatedJson, "/v1/me/player/recently-played"});
  EXPECT_EQ(host_->run("recently_played").status, RunStatus::Failed);
  EXPECT_EQ(plays(), 0);
  poll();
  EXPECT_EQ(plays(), 3);
}

}  // namespace
}  // namespace encore
