// The Spotify plugin as the artwork cache's first user: the real daemon syncs a library from
// the fake, whose image URLs answer a real JPEG, and serves each image as a WebP thumbnail.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "artwork/test_images.h"
#include "spotify_daemon.h"
#include "support/sqlite_peek.h"

namespace encore {
namespace {

using fake::FakeLibrary;
using fake::FakeSpotify;
using test::SpotifyDaemon;

/// Entities of a kind whose record carried at least one image: the ones the cache wants.
int64_t withImages(SpotifyDaemon &daemon, const std::string &table) {
  return daemon.query("SELECT count(*) FROM " + table +
                      " WHERE source = 'spotify' AND images IS NOT NULL"
                      " AND json_array_length(images) > 0");
}

TEST(SpotifyArtworkTest, TheSyncedLibrarysImagesAreServedAsThumbnailsOfTheirKind) {
  fake::LibrarySpec spec;
  spec.followedArtists = 6;
  spec.playlists = 2;
  spec.playlistEntries = 12;
  spec.likedSongs = 5;
  spec.savedAlbums = 3;
  FakeSpotify::Options options;
  options.imageJpeg = test::solidImage("jpeg", 640, 640, {200, 30, 30});
  FakeSpotify fake(FakeLibrary::generate(spec), options);
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  daemon.setSettings({{"spotify.requests_per_30s", 0}});
  ASSERT_EQ(daemon.connect().status, 200);
  ASSERT_TRUE(daemon.waitForOk(SpotifyDaemon::kLibraryJobs, 60000));

  const int64_t artists = withImages(daemon, "artists");
  const int64_t albums = withImages(daemon, "albums");
  const int64_t playlists = withImages(daemon, "playlists");
  ASSERT_GT(artists, 0);
  ASSERT_GT(albums, 0);
  ASSERT_GT(playlists, 0);
  nlohmann::json stats;
  ASSERT_TRUE(test::DaemonProcess::waitFor(
      [&] {
        stats = daemon.process().get("/api/settings/spotify-sync").json()["image_stats"];
        return stats["artists_count"] == artists && stats["albums_count"] == albums &&
               stats["playlists_count"] == playlists;
      },
      30000))
      << stats.dump();
  EXPECT_GT(stats["total_bytes"].get<int64_t>(), 0);

  // One download per entity, each of the smallest image at least as large as the target:
  // 640 px for a 500 px album cover, 300 px for artists; playlists' images have no sizes.
  EXPECT_EQ(fake.countRequests("GET", "/image/"),
            static_cast<size_t>(artists + albums + playlists));
  for (const auto &r : fake.log()) {
    if (r.target.rfind("/image/A", 0) == 0) {
      EXPECT_TRUE(r.target.ends_with("x300")) << r.target;
    }
    if (r.target.rfind("/image/B", 0) == 0) {
      EXPECT_TRUE(r.target.ends_with("x640")) << r.target;
    }
  }

  struct Kind {
    const char *table;
    const char *folder;
    int size;
  };
  for (const Kind &kind : {Kind{"artists", "artists", 300}, Kind{"albums", "albums", 500},
                           Kind{"playlists", "playlists", 300}}) {
    SCOPED_TRACE(kind.folder);
    auto id = test::queryText((dir / "data").string(),
                              std::string("SELECT external_id FROM ") + kind.table +
                                  " WHERE images IS NOT NULL AND json_array_length(images) > 0"
                                  " ORDER BY external_id LIMIT 1");
    auto file =
        daemon.process().get(std::string("/artwork/spotify/") + kind.folder + "/" + id + ".webp");
    ASSERT_EQ(file.status, 200);
    EXPECT_EQ(file.header("Content-Type"), "image/webp");
    auto facts = test::inspectWebp(file.body);
    EXPECT_TRUE(facts.valid);
    EXPECT_EQ(facts.width, kind.size);
    EXPECT_EQ(facts.height, kind.size);
    EXPECT_TRUE(
        test::near(test::webpPixel(file.body, kind.size / 2, kind.size / 2), {200, 30, 30}));
  }

  // Synced again with the same URLs: nothing is downloaded twice.
  const size_t downloads = fake.countRequests("GET", "/image/");
  ASSERT_TRUE(daemon.runAndWait(SpotifyDaemon::kLibraryJobs, 60000));
  std::this_thread::sleep_for(std::chrono::milliseconds(500));
  EXPECT_EQ(fake.countRequests("GET", "/image/"), downloads);
}

}  // namespace
}  // namespace encore
