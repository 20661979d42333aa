// The real daemon syncing a large library from the fake, removals on the next cycle, and
// settings that change the schedule without a restart.
#include <gtest/gtest.h>

#include "spotify_daemon.h"

namespace encore {
namespace {

using fake::FakeEntry;
using fake::FakeLibrary;
using fake::FakeSpotify;
using test::SpotifyDaemon;

void expectStats(SpotifyDaemon &daemon, const fake::ExpectedCounts &want) {
  auto stats = daemon.dbStats();
  EXPECT_EQ(stats["artists"], want.artists);
  EXPECT_EQ(stats["albums"], want.albums);
  EXPECT_EQ(stats["tracks"], want.tracks);
  EXPECT_EQ(stats["playlists"], want.playlists);
  EXPECT_EQ(stats["liked_songs"], want.likedSongs);
  EXPECT_EQ(stats["saved_albums"], want.savedAlbums);
}

TEST(DaemonSyncTest, ALargeLibrarySyncsExactly) {
  fake::LibrarySpec spec;
  spec.followedArtists = 2000;
  spec.playlists = 300;
  spec.playlistEntries = 20000;
  spec.likedSongs = 10000;
  spec.savedAlbums = 1000;
  FakeSpotify fake(FakeLibrary::generate(spec));
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  daemon.setSettings({{"spotify.requests_per_30s", 0}});  // this test is not about the budget
  ASSERT_EQ(daemon.connect().status, 200);
  ASSERT_TRUE(daemon.waitForOk(SpotifyDaemon::kLibraryJobs, 120000));

  auto want = fake.withLibrary([](FakeLibrary &lib) { return lib.expected(); });
  expectStats(daemon, want);
  EXPECT_EQ(daemon.query(
                "SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
                " WHERE p.is_liked_songs = 0"),
            20000);
  // Spot checks against the fake's own data.
  auto lib = fake.withLibrary([](FakeLibrary &l) { return l; });
  EXPECT_EQ(
      daemon.query(
          "SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
          " JOIN tracks t ON t.id = pi.track_id WHERE p.is_liked_songs = 1 AND pi.position = 0"
          " AND t.external_id = '" +
          lib.liked[0].id + "'"),
      1);
  const auto &last = lib.playlists.back();
  EXPECT_EQ(daemon.query(
                "SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
                " WHERE p.external_id = '" +
                last.id + "'"),
            static_cast<int64_t>(last.entries.size()));
  int64_t special = 0;
  for (const auto &p : lib.playlists) {
    for (const auto &e : p.entries) special += e.kind != FakeEntry::Kind::Track;
  }
  EXPECT_GT(special, 0);
  EXPECT_EQ(daemon.query("SELECT count(*) FROM playlist_items WHERE item_type IN ('unavailable', "
                         "'local', 'episode')"),
            special);
  EXPECT_EQ(daemon.query("SELECT count(*) FROM library_items l JOIN albums a ON a.id = l.entity_id"
                         " WHERE l.collection = 'saved_albums' AND a.external_id = '" +
                         lib.savedAlbums[999].id + "' AND l.added_at = '" +
                         lib.savedAlbums[999].addedAt + "'"),
            1);
  EXPECT_EQ(daemon.query("SELECT count(*) FROM artists WHERE followers IS NOT NULL"), 2000);
}

TEST(DaemonSyncTest, UnfollowedAndDeletedAreRemovedOrKeptPerSettingOnTheNextCycle) {
  fake::LibrarySpec spec;
  spec.followedArtists = 60;
  spec.playlists = 6;
  spec.playlistEntries = 300;
  spec.likedSongs = 80;
  spec.savedAlbums = 10;
  FakeSpotify fake(FakeLibrary::generate(spec));
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  daemon.setSettings({{"spotify.requests_per_30s", 0}});
  ASSERT_EQ(daemon.connect().status, 200);
  ASSERT_TRUE(daemon.waitForOk(SpotifyDaemon::kLibraryJobs, 30000));

  auto loners = fake.withLibrary([](FakeLibrary &lib) { return lib.followedOnly(); });
  ASSERT_GE(loners.size(), 2u);
  const std::string deleted = FakeLibrary::makeId('P', 2),
                    alsoDeleted = FakeLibrary::makeId('P', 5);
  fake.withLibrary([&](FakeLibrary &lib) {
    std::erase(lib.followed, loners[0]);
    return std::erase_if(lib.playlists, [&](const auto &p) { return p.id == deleted; });
  });
  // Default settings: unfollowed artists go, deleted playlists stay.
  ASSERT_TRUE(daemon.runAndWait({"spotify.artists", "spotify.playlists"}));
  EXPECT_EQ(daemon.query("SELECT count(*) FROM artists WHERE external_id = '" + loners[0] + "'"),
            0);
  EXPECT_EQ(daemon.query("SELECT count(*) FROM playlists WHERE external_id = '" + deleted + "'"),
            1);

  // The other way round.
  auto put = daemon.process().put(
      "/api/settings/spotify-sync",
      {{"remove_unfollowed_artists", false}, {"remove_unfollowed_playlists", true}});
  ASSERT_EQ(put.status, 200) << put.body;
  fake.withLibrary([&](FakeLibrary &lib) {
    std::erase(lib.followed, loners[1]);
    return std::erase_if(lib.playlists, [&](const auto &p) { return p.id == alsoDeleted; });
  });
  ASSERT_TRUE(daemon.runAndWait({"spotify.artists", "spotify.playlists"}));
  EXPECT_EQ(daemon.query("SELECT count(*) FROM artists WHERE external_id = '" + loners[1] + "'"),
            1);
  EXPECT_EQ(daemon.query("SELECT count(*) FROM playlists WHERE external_id IN ('" + deleted +
                         "', '" + alsoDeleted + "')"),
            0);
  auto stats = daemon.dbStats();
  EXPECT_EQ(stats["playlists"], 4);
  auto want = fake.withLibrary([&](FakeLibrary &lib) {
    lib.followed.push_back(loners[1]);  // kept on purpose: count it as still there
    auto counts = lib.expected();
    lib.followed.pop_back();
    return counts;
  });
  EXPECT_EQ(stats["artists"], want.artists);
  EXPECT_EQ(stats["tracks"], want.tracks);
  EXPECT_EQ(stats["albums"], want.albums);
}

TEST(DaemonSyncTest, SyncSettingsHaveTheSeedShapeAndACooldownChangeAppliesAtOnce) {
  FakeSpotify fake(FakeLibrary::generate({}));
  test::TempDir dir;
  SpotifyDaemon daemon(fake, (dir / "data").string());
  auto sync = daemon.process().get("/api/settings/spotify-sync").json();
  EXPECT_EQ(sync["settings"], nlohmann::json({{"auto_sync_enabled", true},
                                              {"auto_sync_artists", true},
                                              {"auto_sync_playlists", true},
                                              {"auto_sync_liked_songs", true},
                                              {"auto_sync_saved_albums", true},
                                              {"artists_sync_interval_minutes", 5},
                                              {"playlists_sync_interval_minutes", 10},
                                              {"download_images", true},
                                              {"remove_unfollowed_artists", true},
                                              {"remove_unfollowed_playlists", false},
                                              {"auto_sync_artist_albums", true},
                                              {"artist_albums_sync_interval_minutes", 2},
                                              {"artist_albums_per_cycle", 5}}));
  daemon.setSettings({{"spotify.recently_played_interval_seconds", 3600}});
  ASSERT_EQ(daemon.connect().status, 200);
  ASSERT_TRUE(daemon.waitForOk({"spotify.artists", "spotify.recently_played"}, 30000));
  EXPECT_EQ(daemon.worker("spotify.artists")["cooldown_seconds"], 300);
  EXPECT_EQ(daemon.worker("spotify.liked_songs")["cooldown_seconds"], 600);

  // Minutes through the seed's API...
  auto put = daemon.process().put(
      "/api/settings/spotify-sync",
      {{"settings",
        {{"artists_sync_interval_minutes", 1}, {"playlists_sync_interval_minutes", 3}}}});
  ASSERT_EQ(put.status, 200) << put.body;
  EXPECT_EQ(put.json()["settings"]["artists_sync_interval_minutes"], 1);
  auto artists = daemon.worker("spotify.artists");
  EXPECT_EQ(artists["cooldown_seconds"], 60);
  EXPECT_EQ(daemon.worker("spotify.saved_albums")["cooldown_seconds"], 180);  // follows playlists
  EXPECT_EQ(daemon.process()
                .put("/api/settings/spotify-sync", {{"artists_sync_interval_minutes", 0}})
                .status,
            400);

  // ...and a poll that was an hour away happens seconds after its interval is shortened.
  const size_t polls = fake.countRequests("GET", "/v1/me/player/recently-played");
  EXPECT_EQ(polls, 1u);
  daemon.setSettings({{"spotify.recently_played_interval_seconds", 5}});
  ASSERT_TRUE(test::DaemonProcess::waitFor(
      [&] { return fake.countRequests("GET", "/v1/me/player/recently-played") >= 3; }, 20000));
  std::vector<int64_t> at;
  for (const auto &r : fake.log()) {
    if (r.target.rfind("/v1/me/player/recently-played", 0) == 0) at.push_back(r.atMs);
  }
  ASSERT_GE(at.size(), 3u);
  EXPECT_GE(at[2] - at[1], 4900);  // the new cooldown, counted from the end of the last poll
  EXPECT_LT(at[2] - at[1], 9000);
}

}  // namespace
}  // namespace encore
