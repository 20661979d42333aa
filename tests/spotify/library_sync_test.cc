// The library jobs of the real plugin, in-process, against the fake Spotify: what they
// store, how they page, what they skip, and how they resume.
#include <gtest/gtest.h>

#include "fake_spotify.h"
#include "spotify_host.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using fake::FakeEntry;
using fake::FakeLibrary;
using fake::FakeSpotify;
using fake::LibrarySpec;

class LibrarySyncTest : public ::testing::Test {
 protected:
  void start(const LibrarySpec &spec) {
    fake_ = std::make_unique<FakeSpotify>(FakeLibrary::generate(spec));
    host_ = std::make_unique<test::SpotifyHost>(
        test::SpotifyHost::Options{(dir_ / "data").string(), fake_->url()});
    host_->setSetting("spotify.requests_per_30s", 0);
    ASSERT_EQ(host_->connect().outcome, OAuthManager::Outcome::Connected);
  }
  void runOk(const std::string &job) {
    auto result = host_->run(job);
    ASSERT_EQ(result.status, RunStatus::Ok) << job << ": " << result.error;
  }
  fake::ExpectedCounts expected(bool discographies = false) {
    return fake_->withLibrary([&](FakeLibrary &lib) { return lib.expected(discographies); });
  }
  int64_t count(const std::string &sql) { return host_->count(sql); }

  test::TempDir dir_;
  std::unique_ptr<FakeSpotify> fake_;
  std::unique_ptr<test::SpotifyHost> host_;
};

TEST_F(LibrarySyncTest, StoresTheWholeLibraryOnceAndLinked) {
  LibrarySpec spec;
  spec.followedArtists = 120;  // three cursor pages
  spec.playlists = 6;
  spec.playlistEntries = 400;
  spec.likedSongs = 130;
  spec.savedAlbums = 60;
  start(spec);
  for (const char *job : {"artists", "liked_songs", "playlists", "saved_albums"}) runOk(job);

  auto want = expected();
  EXPECT_EQ(count("SELECT count(*) FROM artists"), want.artists);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), want.albums);
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), want.tracks);
  EXPECT_EQ(count("SELECT count(*) FROM playlists WHERE is_liked_songs = 0"), want.playlists);
  EXPECT_EQ(count("SELECT count(*) FROM library_items WHERE collection = 'followed_artists'"), 120);
  EXPECT_EQ(count("SELECT count(*) FROM library_items WHERE collection = 'saved_albums'"),
            want.savedAlbums);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
                  " WHERE p.is_liked_songs = 1"),
            want.likedSongs);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
                  " WHERE p.is_liked_songs = 0"),
            400);
  // Every special entry kind arrived as what it is.
  int64_t unavailable = 0, local = 0, episodes = 0;
  fake_->withLibrary([&](FakeLibrary &lib) {
    for (const auto &p : lib.playlists) {
      for (const auto &e : p.entries) {
        unavailable += e.kind == FakeEntry::Kind::Unavailable;
        local += e.kind == FakeEntry::Kind::Local;
        episodes += e.kind == FakeEntry::Kind::Episode;
      }
    }
    return 0;
  });
  ASSERT_GT(unavailable * local * episodes, 0);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items WHERE item_type = 'unavailable'"),
            unavailable);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items WHERE item_type = 'local' AND name LIKE "
                  "'Local Song %'"
                  " AND uri LIKE 'spotify:local:%'"),
            local);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items WHERE item_type = 'episode' AND uri LIKE "
                  "'spotify:episode:%'"),
            episodes);
  // Spot checks: a track is linked to its album and artists, an artist carries its images.
  EXPECT_EQ(host_->text("SELECT a.name FROM tracks t JOIN albums a ON a.id = t.album_id"
                        " WHERE t.external_id = '" +
                        FakeLibrary::makeId('T', 1) + "'"),
            "Artist 1 Album 1");
  EXPECT_EQ(count("SELECT count(*) FROM track_artists ta JOIN tracks t ON t.id = ta.track_id"
                  " WHERE t.external_id = '" +
                  FakeLibrary::makeId('T', 1) + "'"),
            2);  // every 7th track has a guest
  EXPECT_EQ(count("SELECT json_array_length(images) FROM artists WHERE external_id = '" +
                  FakeLibrary::makeId('A', 3) + "'"),
            3);
  EXPECT_EQ(host_->text("SELECT snapshot_id FROM playlists WHERE external_id = '" +
                        FakeLibrary::makeId('P', 2) + "'"),
            fake_->withLibrary([](FakeLibrary &lib) { return lib.playlists[1].snapshotId(); }));
  EXPECT_EQ(host_->text("SELECT added_at FROM library_items l JOIN albums a ON a.id = l.entity_id"
                        " WHERE l.collection = 'saved_albums' ORDER BY l.added_at DESC LIMIT 1"),
            "2025-06-01T00:00:00Z");
}

}  // namespace
}  // namespace encore
