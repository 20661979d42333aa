// The library jobs of the real plugin, in-process, against the fake Spotify: what they
// store, how they page, what they skip, and how they resume.
#include <gtest/gtest.h>

#include <set>

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
  // A track seen only in playlists (read with `fields`) lacks nothing a liked one has.
  std::string playlistOnly;
  fake_->withLibrary([&](FakeLibrary &lib) {
    std::set<std::string> liked;
    for (const auto &s : lib.liked) liked.insert(s.id);
    for (const auto &e : lib.playlists[0].entries) {
      if (e.kind == FakeEntry::Kind::Track && !liked.count(e.trackId)) playlistOnly = e.trackId;
    }
    return 0;
  });
  ASSERT_FALSE(playlistOnly.empty());
  const auto t = fake_->withLibrary([&](FakeLibrary &lib) { return lib.tracks.at(playlistOnly); });
  EXPECT_EQ(
      count("SELECT count(*) FROM tracks t JOIN albums a ON a.id = t.album_id WHERE t.external_id "
            "= '" +
            playlistOnly + "' AND t.isrc = '" + t.isrc +
            "' AND t.duration_ms = " + std::to_string(t.durationMs) + " AND t.track_number = " +
            std::to_string(t.trackNumber) + " AND t.uri = 'spotify:track:" + playlistOnly +
            "' AND t.url LIKE 'https://open.spotify.com/track/%' AND a.release_date IS NOT NULL"
            " AND json_array_length(a.images) = 3 AND a.album_type IS NOT NULL"),
      1);
  EXPECT_EQ(host_->text("SELECT added_at FROM library_items l JOIN albums a ON a.id = l.entity_id"
                        " WHERE l.collection = 'saved_albums' ORDER BY l.added_at DESC LIMIT 1"),
            "2025-06-01T00:00:00Z");
}

TEST_F(LibrarySyncTest, LaterRunsReadOnlyWhatChanged) {
  LibrarySpec spec;
  spec.playlists = 4;
  spec.playlistEntries = 240;
  spec.likedSongs = 120;
  spec.savedAlbums = 70;
  start(spec);
  for (const char *job : {"artists", "liked_songs", "playlists", "saved_albums"}) runOk(job);
  fake_->clearLog();
  runOk("liked_songs");
  runOk("saved_albums");
  runOk("playlists");
  EXPECT_EQ(fake_->countRequests("GET", "/v1/me/tracks"), 1u);  // first page unchanged: stop
  EXPECT_EQ(fake_->countRequests("GET", "/v1/me/albums"), 1u);
  EXPECT_EQ(fake_->countRequests("GET", "/v1/me/playlists"), 1u);
  EXPECT_EQ(fake_->countRequests("GET", "/v1/playlists/"), 0u);  // every snapshot unchanged

  // One playlist edited upstream: only its entries are read again, and a track it let go
  // of that nothing else holds leaves the store.
  const std::string edited = FakeLibrary::makeId('P', 2);
  std::string dropped;
  fake_->withLibrary([&](FakeLibrary &lib) {
    auto *p = lib.playlist(edited);
    for (auto &e : p->entries) {
      if (e.kind == FakeEntry::Kind::Track) {
        dropped = e.trackId;
        break;
      }
    }
    // Drop every entry of that track anywhere, so nothing else keeps it.
    for (auto &pl : lib.playlists) {
      std::erase_if(pl.entries, [&](const FakeEntry &x) { return x.trackId == dropped; });
      ++pl.version;
    }
    std::erase_if(lib.liked, [&](const fake::Saved &x) { return x.id == dropped; });
    return 0;
  });
  fake_->clearLog();
  runOk("playlists");
  runOk("liked_songs");
  EXPECT_EQ(fake_->countRequests("GET", "/v1/playlists/" + edited + "/items"), 2u);  // 60 entries
  auto want = expected();
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), want.tracks);
  EXPECT_EQ(count("SELECT count(*) FROM tracks WHERE external_id = '" + dropped + "'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), want.albums);
  EXPECT_EQ(count("SELECT count(*) FROM artists"), want.artists);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
                  " WHERE p.external_id = '" +
                  edited + "'"),
            fake_->withLibrary([&](FakeLibrary &lib) {
              return static_cast<int64_t>(lib.playlist(edited)->entries.size());
            }));
}

TEST_F(LibrarySyncTest, UnfollowedArtistLeavesWithItsAlbumsOrStaysPerSetting) {
  LibrarySpec spec;
  spec.followedArtists = 30;
  spec.albumsPerArtist = 4;
  start(spec);
  host_->setSetting("spotify.artist_albums_per_cycle", 100);
  runOk("artists");
  runOk("liked_songs");
  runOk("playlists");
  runOk("saved_albums");
  runOk("artist_albums");
  EXPECT_EQ(count("SELECT count(*) FROM albums"), expected(true).albums);
  EXPECT_EQ(count("SELECT count(*) FROM gradual_progress WHERE job = 'spotify.artist_albums'"), 30);

  auto loners = fake_->withLibrary([](FakeLibrary &lib) { return lib.followedOnly(); });
  ASSERT_GE(loners.size(), 2u);
  // Kept while remove_unfollowed_artists is off...
  host_->setSetting("spotify.remove_unfollowed_artists", false);
  fake_->withLibrary([&](FakeLibrary &lib) { return std::erase(lib.followed, loners[0]); });
  runOk("artists");
  EXPECT_EQ(count("SELECT count(*) FROM artists WHERE external_id = '" + loners[0] + "'"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM album_artists aa JOIN artists a ON a.id = aa.artist_id"
                  " WHERE a.external_id = '" +
                  loners[0] + "'"),
            4);
  // ...and removed with its discography when it is on (the default).
  host_->setSetting("spotify.remove_unfollowed_artists", true);
  fake_->withLibrary([&](FakeLibrary &lib) { return std::erase(lib.followed, loners[1]); });
  runOk("artists");
  auto want = expected(true);
  EXPECT_EQ(count("SELECT count(*) FROM artists WHERE external_id = '" + loners[1] + "'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM artists WHERE external_id = '" + loners[0] + "'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM artists"), want.artists);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), want.albums);
  EXPECT_EQ(count("SELECT count(*) FROM gradual_progress WHERE job = 'spotify.artist_albums'"), 28);
}

TEST_F(LibrarySyncTest, DeletedPlaylistIsKeptOrRemovedPerSetting) {
  LibrarySpec spec;
  spec.playlists = 5;
  spec.playlistEntries = 150;
  start(spec);
  for (const char *job : {"artists", "liked_songs", "playlists", "saved_albums"}) runOk(job);
  const std::string gone = FakeLibrary::makeId('P', 3);
  fake_->withLibrary([&](FakeLibrary &lib) {
    return std::erase_if(lib.playlists, [&](const fake::FakePlaylist &p) { return p.id == gone; });
  });
  runOk("playlists");  // remove_unfollowed_playlists is off by default
  EXPECT_EQ(count("SELECT count(*) FROM playlists WHERE external_id = '" + gone + "'"), 1);
  host_->setSetting("spotify.remove_unfollowed_playlists", true);
  runOk("playlists");
  auto want = expected();
  EXPECT_EQ(count("SELECT count(*) FROM playlists WHERE external_id = '" + gone + "'"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM playlists WHERE is_liked_songs = 0"), 4);
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), want.tracks);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), want.albums);
  EXPECT_EQ(count("SELECT count(*) FROM artists"), want.artists);
  EXPECT_EQ(count("SELECT count(*) FROM playlists WHERE is_liked_songs = 1"), 1);
}

TEST_F(LibrarySyncTest, ArtistAlbumsComeInPagesOfTenAFewArtistsPerRun) {
  LibrarySpec spec;
  spec.followedArtists = 7;
  spec.albumsPerArtist = 23;
  start(spec);
  runOk("artists");
  runOk("artist_albums");  // 5 artists per run by default
  EXPECT_EQ(count("SELECT count(*) FROM gradual_progress WHERE job = 'spotify.artist_albums'"), 5);
  for (const auto &r : fake_->log()) {
    if (r.target.find("/albums?") != std::string::npos) {
      EXPECT_NE(r.target.find("limit=10"), std::string::npos) << r.target;
      EXPECT_NE(r.target.find("include_groups=album,single,compilation"), std::string::npos)
          << r.target;
    }
  }
  EXPECT_EQ(fake_->countRequests("GET", "/v1/artists/"), 15u);  // 23 albums: 3 pages each
  runOk("artist_albums");
  EXPECT_EQ(count("SELECT count(*) FROM gradual_progress WHERE job = 'spotify.artist_albums'"), 7);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), 7 * 23);
  EXPECT_EQ(count("SELECT count(*) FROM album_artists aa JOIN artists a ON a.id = aa.artist_id"
                  " WHERE a.external_id = '" +
                  FakeLibrary::makeId('A', 6) + "'"),
            23);
}

TEST_F(LibrarySyncTest, UnreadablePlaylistKeepsItsDetailsAndIsNotAskedAgain) {
  LibrarySpec spec;
  spec.playlists = 3;
  spec.playlistEntries = 30;
  fake_ = nullptr;
  start(spec);
  const std::string theirs = FakeLibrary::makeId('P', 2);
  fake_->withLibrary([&](FakeLibrary &lib) { return lib.playlist(theirs)->readable = false; });
  runOk("playlists");
  EXPECT_EQ(count("SELECT count(*) FROM playlists WHERE external_id = '" + theirs +
                  "' AND snapshot_id IS NOT NULL"),
            1);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items pi JOIN playlists p ON p.id = pi.playlist_id"
                  " WHERE p.external_id = '" +
                  theirs + "'"),
            0);
  fake_->clearLog();
  runOk("playlists");
  EXPECT_EQ(fake_->countRequests("GET", "/v1/playlists/"), 0u);
}

TEST_F(LibrarySyncTest, AFailedPageResumesFromItsCheckpoint) {
  LibrarySpec spec;
  spec.likedSongs = 230;
  start(spec);
  fake_->addFault({fake::Fault::Kind::ServerError, "/v1/me/tracks", 1, 2});
  auto failed = host_->run("liked_songs");
  EXPECT_EQ(failed.status, RunStatus::Failed);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items"), 100);  // two pages stored
  fake_->clearLog();
  runOk("liked_songs");
  auto log = fake_->log();
  ASSERT_FALSE(log.empty());
  EXPECT_NE(log[0].target.find("offset=100"), std::string::npos) << log[0].target;
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items"), 230);
  EXPECT_EQ(count("SELECT count(DISTINCT position) FROM playlist_items"), 230);
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), fake_->withLibrary([](FakeLibrary &lib) {
    std::set<std::string> ids;
    for (const auto &s : lib.liked) ids.insert(s.id);
    return static_cast<int64_t>(ids.size());
  }));
}

TEST_F(LibrarySyncTest, MalformedOrMistypedAnswersStoreNothingAndFailClearly) {
  LibrarySpec spec;
  spec.savedAlbums = 30;
  start(spec);
  fake_->addFault({fake::Fault::Kind::TruncatedJson, "/v1/me/albums"});
  EXPECT_EQ(host_->run("saved_albums").status, RunStatus::Failed);
  fake_->addFault(
      {fake::Fault::Kind::Body, "/v1/me/albums", 1, 0, 1, 0, 200,
       R"({"href":"x","items":"not a list","limit":50,"next":null,"offset":0,"total":3})"});
  EXPECT_EQ(host_->run("saved_albums").status, RunStatus::Failed);
  fake_->addFault(
      {fake::Fault::Kind::Body, "/v1/me/albums", 1, 0, 1, 0, 200,
       R"({"items":[{"added_at":"2020-01-01T00:00:00Z","album":{"id":"B000000000000000000001","name":7}}],"next":null,"total":1})"});
  EXPECT_EQ(host_->run("saved_albums").status, RunStatus::Failed);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM library_items"), 0);
  runOk("saved_albums");
  EXPECT_EQ(count("SELECT count(*) FROM library_items WHERE collection = 'saved_albums'"), 30);
}

}  // namespace
}  // namespace encore
