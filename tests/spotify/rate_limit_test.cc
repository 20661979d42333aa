// Rate limits, on a simulated clock: a 429 pauses every Spotify job until Retry-After has
// passed with nothing sent meanwhile; the request budget keeps a large first sync under
// Spotify's rolling 30 s limit; repeated 5xx open the breaker.
#include <gtest/gtest.h>

#include "fake_spotify.h"
#include "spotify_host.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;

class RateLimitTest : public ::testing::Test {
 protected:
  RateLimitTest() : clock_(1'800'000'000'000) {}
  void start(const fake::LibrarySpec &spec, int spotifyLimit = 0) {
    FakeSpotify::Options options;
    options.clock = [this] { return clock_.nowMs(); };
    options.rollingLimit = spotifyLimit;
    fake_ = std::make_unique<FakeSpotify>(FakeLibrary::generate(spec), options);
    host_ = std::make_unique<test::SpotifyHost>(
        test::SpotifyHost::Options{(dir_ / "data").string(), fake_->url(), &clock_});
    ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  }

  test::TempDir dir_;
  ManualClock clock_;
  std::unique_ptr<FakeSpotify> fake_;
  std::unique_ptr<test::SpotifyHost> host_;
};

TEST_F(RateLimitTest, RetryAfterHoldsEveryJobAndNothingIsSentUntilItPassed) {
  fake::LibrarySpec spec;
  spec.likedSongs = 120;
  start(spec);
  host_->setSetting("spotify.requests_per_30s", 0);
  fake_->addFault({fake::Fault::Kind::RateLimit, "/v1/me/tracks", 1, 1, 20 * 3600});  // 20 hours
  auto limited = host_->run("liked_songs");
  EXPECT_EQ(limited.status, RunStatus::Failed);
  EXPECT_NE(limited.error.find("rate-limited"), std::string::npos) << limited.error;
  const int64_t until = clock_.nowMs() + 20 * 3600'000LL;
  EXPECT_EQ(host_->policies().blockedUntil("spotify"), until);
  EXPECT_NE(host_->policies().blockedReason("spotify").find("rate-limited until"),
            std::string::npos);

  const size_t sent = fake_->log().size();
  for (const char *job : {"artists", "playlists", "liked_songs", "recently_played"}) {
    EXPECT_EQ(host_->run(job).status, RunStatus::Failed) << job;
  }
  clock_.set(until - 1000);
  EXPECT_EQ(host_->run("artists").status, RunStatus::Failed);
  EXPECT_EQ(fake_->log().size(), sent);  // not one request inside the window
  EXPECT_TRUE(fake_->requestsInsideRetryWindows().empty());

  clock_.set(until);
  EXPECT_EQ(host_->run("liked_songs").status, RunStatus::Ok);  // resumes where it stopped
  EXPECT_EQ(host_->count("SELECT count(*) FROM playlist_items"), 120);
}

TEST_F(RateLimitTest, TheBudgetKeepsALargeSyncUnderSpotifysRollingLimit) {
  fake::LibrarySpec spec;
  spec.followedArtists = 2000;
  spec.playlists = 30;
  spec.playlistEntries = 2000;
  spec.likedSongs = 2000;
  spec.savedAlbums = 300;
  spec.albumsPerArtist = 1;
  start(spec, 100);  // Spotify answers 429 past 100 requests in 30 s
  const int64_t began = clock_.nowMs();
  for (const char *job : {"artists", "liked_songs", "playlists", "saved_albums"}) {
    auto result = host_->run(job);
    ASSERT_EQ(result.status, RunStatus::Ok) << job << ": " << result.error;
  }
  const auto requests = fake_->countRequests("GET", "/v1/");
  EXPECT_GT(requests, 100u);  // more than Spotify allows in one window
  EXPECT_EQ(fake_->rateLimitedCount(), 0);
  // 60 per 30 s (the default): the simulated clock moved as the budget made it wait.
  EXPECT_GE(clock_.nowMs() - began, static_cast<int64_t>((requests - 60) / 60 * 30'000));
  auto want = fake_->withLibrary([](FakeLibrary &lib) { return lib.expected(); });
  EXPECT_EQ(host_->count("SELECT count(*) FROM tracks"), want.tracks);
}

TEST_F(RateLimitTest, WithoutTheBudgetTheSameSyncTripsTheLimit) {
  fake::LibrarySpec spec;
  spec.followedArtists = 2000;
  spec.playlists = 30;
  spec.playlistEntries = 2000;
  spec.likedSongs = 2000;
  start(spec, 100);
  host_->setSetting("spotify.requests_per_30s", 0);
  bool failed = false;
  for (const char *job : {"artists", "liked_songs", "playlists"}) {
    failed = failed || host_->run(job).status != RunStatus::Ok;
  }
  EXPECT_TRUE(failed);
  EXPECT_GE(fake_->rateLimitedCount(), 1);
}

TEST_F(RateLimitTest, RepeatedServerErrorsOpenTheBreaker) {
  fake::LibrarySpec spec;
  start(spec);
  fake_->addFault({fake::Fault::Kind::ServerError, "/v1/", 3});
  for (int i = 0; i < 3; ++i) EXPECT_EQ(host_->run("artists").status, RunStatus::Failed);
  const size_t sent = fake_->log().size();
  auto held = host_->run("artists");
  EXPECT_EQ(held.status, RunStatus::Failed);
  EXPECT_NE(held.error.find("circuit open"), std::string::npos) << held.error;
  EXPECT_EQ(fake_->log().size(), sent);
  EXPECT_GT(host_->policies().blockedUntil("spotify"), clock_.nowMs());
  clock_.advance(61'000);  // half-open: one probe, which succeeds
  EXPECT_EQ(host_->run("artists").status, RunStatus::Ok);
}

TEST_F(RateLimitTest, SlowAnswersAreWaitedForNotCountedAsFailures) {
  fake::LibrarySpec spec;
  start(spec);
  fake_->addFault({fake::Fault::Kind::Slow, "/v1/me/following", 1, 0, 1, 300});
  EXPECT_EQ(host_->run("artists").status, RunStatus::Ok);
  EXPECT_EQ(host_->count("SELECT count(*) FROM library_items"), 20);
}

}  // namespace
}  // namespace encore
