// The real daemon under a 429 storm and a kill -9 in the middle of a sync.
#include <gtest/gtest.h>

#include "spotify_daemon.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;
using fake::Fault;
using test::SpotifyDaemon;

fake::LibrarySpec mediumLibrary() {
  fake::LibrarySpec spec;
  spec.followedArtists = 300;
  spec.playlists = 40;
  spec.playlistEntries = 3000;
  spec.likedSongs = 3000;
  spec.savedAlbums = 200;
  return spec;
}

TEST(DaemonResilienceTest, NoRequestReachesSpotifyInsideAnyRetryAfterWindow) {
  FakeSpotify fake(FakeLibrary::generate(mediumLibrary()));
  // A storm: 429s with Retry-After of 1 or 2 s spread over the sync. The token endpoint
  // is on the same host here, so it must wait them out too.
  int skip = 3;
  for (int i = 0; i < 5; ++i) {
    fake.addFault({Fault::Kind::RateLimit, "/v1/", 1, skip, 1 + i % 2});
    skip += 17;
  }
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  daemon.setSettings({{"spotify.requests_per_30s", 0}});
  ASSERT_EQ(daemon.connect().status, 200);

  bool sawPause = test::DaemonProcess::waitFor(
      [&] {
        auto w = daemon.worker("spotify.artists");
        return w["pause_reason"].is_string() &&
               w["pause_reason"].get<std::string>().find("rate-limited until") != std::string::npos;
      },
      15000, 20);
  EXPECT_TRUE(sawPause) << "/api/workers never showed the pause";
  ASSERT_TRUE(daemon.waitForOk(SpotifyDaemon::kLibraryJobs, 90000));
  EXPECT_EQ(fake.rateLimitedCount(), 5);
  EXPECT_EQ(fake.retryWindows().size(), 5u);
  auto inside = fake.requestsInsideRetryWindows();
  EXPECT_TRUE(inside.empty()) << inside.size() << " request(s) inside a Retry-After window, e.g. "
                              << (inside.empty() ? "" : inside[0].target);
  auto want = fake.withLibrary([](FakeLibrary &lib) { return lib.expected(); });
  auto stats = daemon.dbStats();
  EXPECT_EQ(stats["tracks"], want.tracks);
  EXPECT_EQ(stats["liked_songs"], want.likedSongs);
  EXPECT_EQ(stats["saved_albums"], want.savedAlbums);
}

TEST(DaemonResilienceTest, KillNineMidSyncThenRestartEndsWithExactCounts) {
  FakeSpotify fake(FakeLibrary::generate(mediumLibrary()));
  fake.withLibrary([](FakeLibrary &lib) {
    for (int i = 0; i < 30; ++i)
      lib.addPlay(FakeLibrary::makeId('T', 1 + i), 1'750'000'000'000 + i * 300'000LL);
    return 0;
  });
  fake.setResponseDelay(4);  // slow enough to be caught half-way
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  daemon.setSettings({{"spotify.requests_per_30s", 0}});
  ASSERT_EQ(daemon.connect().status, 200);
  // Caught in the middle of the liked songs, after some pages were stored.
  ASSERT_TRUE(test::DaemonProcess::waitFor(
      [&] {
        auto liked = daemon.dbStats()["liked_songs"].get<int64_t>();
        return liked >= 500 && liked < 3000;
      },
      60000, 5));
  daemon.crashAndRestart();
  const size_t before = fake.log().size();
  fake.setResponseDelay(0);
  // Runs interrupted by the crash count their cooldown from it; ask for them now.
  ASSERT_TRUE(daemon.runAndWait(SpotifyDaemon::kLibraryJobs, 60000));
  ASSERT_TRUE(daemon.runAndWait({"spotify.recently_played"}));

  auto want = fake.withLibrary([](FakeLibrary &lib) { return lib.expected(); });
  auto stats = daemon.dbStats();
  EXPECT_EQ(stats["artists"], want.artists);
  EXPECT_EQ(stats["albums"], want.albums);
  EXPECT_EQ(stats["tracks"], want.tracks);
  EXPECT_EQ(stats["playlists"], want.playlists);
  EXPECT_EQ(stats["liked_songs"], want.likedSongs);
  EXPECT_EQ(stats["saved_albums"], want.savedAlbums);
  EXPECT_EQ(daemon.query("SELECT count(*) FROM playlist_items"), 3000 + 3000);
  ASSERT_TRUE(test::DaemonProcess::waitFor([&] { return daemon.dbStats()["plays"] == 30; }, 10000));
  // The liked songs resumed from their checkpoint instead of starting over.
  auto log = fake.log();
  for (size_t i = before; i < log.size(); ++i) {
    if (log[i].target.rfind("/v1/me/tracks", 0) == 0) {
      EXPECT_EQ(log[i].target.find("offset=0"), std::string::npos) << log[i].target;
      break;
    }
  }
}

}  // namespace
}  // namespace encore
