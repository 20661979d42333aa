// The plays model against a real SQLite store: identity, the dedup rule across sources,
// first plays, rollback of an import.
#include "daemon/history/import_rollback.h"
#include "daemon/records/plugin_kv.h"
#include "history/history_fixture.h"

namespace encore::test {
namespace {

using PlayModelTest = HistoryFixture;

constexpr const char *kUri = "spotify:track:68R0zVUeMJ2C852Ov6d2Mh";

TEST_F(PlayModelTest, SameListeningFromThreeSourcesIsStoredOnce) {
  // The export's ts is the end: start = 06:49:10 - 220.538 s = 06:45:29.
  const int64_t start = 1716446729;
  ASSERT_TRUE(submit({play(start, 220538, "spotify-export", "John Summit",
                           "Go Back (feat. Julia Church)", "Go Back (feat. Julia Church)", kUri)},
                     "spotify_export")
                  .ok);
  // Spotify polling: played_at (the end) - duration, a few seconds off.
  ASSERT_TRUE(submit({play(start + 4, 220538, "spotify-poll", "John Summit",
                           "Go Back (feat. Julia Church)", "Go Back (feat. Julia Church)", kUri)})
                  .ok);
  // Last.fm: its own spelling, no URI, no duration, the start a little early.
  ASSERT_TRUE(
      submit({play(start - 12, 0, "lastfm", "JOHN SUMMIT", "Go Back", "Go Back")}, "lastfm").ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks"), 1);
  EXPECT_EQ(count("SELECT ms_played FROM plays"), 220538);
}

TEST_F(PlayModelTest, TheWindowIsThirtySecondsOnTheStart) {
  ASSERT_TRUE(submit({play(1'700'000'000, 200000, "lastfm", "A", "Song")}).ok);
  ASSERT_TRUE(submit({play(1'700'000'030, 200000, "spotify-poll", "A", "Song")}).ok);  // 30 s: same
  ASSERT_TRUE(
      submit({play(1'700'000'031 + 200, 200000, "spotify-poll", "A", "Song")}).ok);  // replayed
  ASSERT_TRUE(submit({play(1'699'999'969, 200000, "lastfm", "A", "Song")}).ok);  // 31 s before: new
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 3);
}

TEST_F(PlayModelTest, ADifferentSongAtTheSameTimeIsAnotherPlay) {
  ASSERT_TRUE(submit({play(1'700'000'000, 1000, "lastfm", "A", "Song"),
                      play(1'700'000'000, 1000, "lastfm", "A", "Other Song"),
                      play(1'700'000'000, 1000, "lastfm", "B", "Song")})
                  .ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 3);
}

TEST_F(PlayModelTest, ReleasesOfOneSongShareTheDedupButKeepTheirTracks) {
  ASSERT_TRUE(submit({play(1'700'000'000, 1000, "spotify-poll", "A", "Song", "Single",
                           "spotify:track:0000000000000000000001")})
                  .ok);
  ASSERT_TRUE(submit({play(1'700'000'010, 1000, "spotify-export", "A", "Song", "Album",
                           "spotify:track:0000000000000000000002")})
                  .ok);
  ASSERT_TRUE(submit({play(1'700'100'000, 1000, "spotify-export", "A", "Song", "Album",
                           "spotify:track:0000000000000000000002")})
                  .ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks"), 2);
  EXPECT_EQ(count("SELECT count(DISTINCT song_key) FROM music_tracks"), 1);
}

TEST_F(PlayModelTest, AKnownUriWinsOverNamesAndATrackLearnsItsAlbum) {
  ASSERT_TRUE(submit({play(1'600'000'000, 1000, "lastfm", "Lansdowne", "Burn Brighter")}).ok);
  ASSERT_TRUE(submit({play(1'650'000'000, 1000, "spotify-export", "Lansdowne", "Burn Brighter",
                           "No Home but the Road", "spotify:track:6BUMVGOnIeOIE6YetJGGDT")})
                  .ok);
  ASSERT_TRUE(
      submit({play(1'660'000'000, 1000, "spotify-poll", "Lansdowne", "Burn Brighter (Remastered)",
                   "No Home but the Road", "spotify:track:6BUMVGOnIeOIE6YetJGGDT")})
          .ok);
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE album_id IS NOT NULL"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks WHERE album_id IS NOT NULL"), 1);
  EXPECT_EQ(count("SELECT first_played_at FROM music_tracks"), 1'600'000'000);
  EXPECT_EQ(count("SELECT first_played_at FROM music_artists"), 1'600'000'000);
}

TEST_F(PlayModelTest, InvalidPlaysRejectTheWholePage) {
  auto result = submit({play(1'700'000'000, 1000, "lastfm", "A", "Song"),
                        play(946684799, 1000, "lastfm", "A", "Before 2000")});
  EXPECT_FALSE(result.ok);
  EXPECT_NE(result.error.find("records[1].started_at"), std::string::npos) << result.error;
  EXPECT_FALSE(submit({play(1'900'000'000, 1000, "lastfm", "A", "Future")}).ok);
  EXPECT_FALSE(submit({play(1'700'000'000, 1000, "lastfm", "", "No artist")}).ok);
  EXPECT_FALSE(submit({play(1'700'000'000, 1000, "Bad Source", "A", "B")}).ok);
  EXPECT_FALSE(
      submit({play(1'700'000'000, 1000, "lastfm", "A", "B", "", "spotify:track:short")}).ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks"), 0);
}

TEST_F(PlayModelTest, AMeasuredLengthFillsInAPlayStoredWithoutOne) {
  ASSERT_TRUE(submit({play(1'700'000'000, 0, "lastfm", "A", "Song")}, "lastfm").ok);
  const int64_t epoch = count("SELECT plays_epoch FROM stats_epochs");
  ASSERT_TRUE(submit({play(1'700'000'005, 180000, "spotify-poll", "A", "Song")}).ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
  EXPECT_EQ(count("SELECT ms_played FROM plays"), 180000);
  // The stats engine's index holds ms_played: it hears of the rewrite.
  EXPECT_GT(count("SELECT plays_epoch FROM stats_epochs"), epoch);
}

TEST_F(PlayModelTest, TheSameListeningTwiceInOnePageIsStoredOnce) {
  ASSERT_TRUE(submit({play(1'700'000'000, 0, "lastfm", "A", "Song"),
                      play(1'700'000'100, 0, "lastfm", "B", "Tune"),
                      play(1'700'000'020, 200000, "spotify-poll", "A", "Song"),
                      play(1'700'000'010, 150000, "spotify-poll", "A", "Song"),
                      play(1'700'000'031, 1000, "spotify-poll", "A", "Song")})  // 31 s: another
                  .ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 3);
  EXPECT_EQ(count("SELECT ms_played FROM plays WHERE started_at = 1700000000"), 200000);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE started_at = 1700000031"), 1);
}

TEST_F(PlayModelTest, APageSpreadOverYearsMeetsEveryStoredPlayNearItsStarts) {
  // Stored plays at far apart times; the page repeats each of them and adds new ones in
  // between, out of order: each repeat is found, whatever range query it fell into.
  const std::vector<int64_t> starts = {1'000'000'000, 1'000'004'000, 1'300'000'000, 1'300'000'500,
                                       1'700'000'000};
  std::vector<nlohmann::json> first, second;
  for (int64_t s : starts) first.push_back(play(s, 60000, "lastfm", "A", "Song"));
  ASSERT_TRUE(submit(first, "lastfm").ok);
  for (auto it = starts.rbegin(); it != starts.rend(); ++it) {
    second.push_back(play(*it + 29, 60000, "spotify-export", "A", "Song"));
    second.push_back(play(*it + 3600, 60000, "spotify-export", "A", "Song"));
  }
  ASSERT_TRUE(submit(second, "spotify_export").ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 10);
  EXPECT_EQ(count("SELECT count(*) FROM plays WHERE source = 'lastfm'"), 5);
}

TEST_F(PlayModelTest, FirstPlaysFollowTheEarliestPlayOfTrackArtistAndAlbum) {
  ASSERT_TRUE(submit({play(1'650'000'000, 1000, "lastfm", "A", "Song")}).ok);
  // The track learns its album: the album's first play is the track's.
  ASSERT_TRUE(submit({play(1'660'000'000, 1000, "spotify-poll", "A", "Song", "Album")}).ok);
  EXPECT_EQ(count("SELECT first_played_at FROM music_albums"), 1'650'000'000);
  ASSERT_TRUE(submit({play(1'640'000'000, 1000, "spotify-poll", "A", "Other", "Album"),
                      play(1'630'000'000, 1000, "spotify-poll", "A", "Other", "Album"),
                      play(1'670'000'000, 1000, "spotify-poll", "A", "Song", "Album")})
                  .ok);
  EXPECT_EQ(count("SELECT first_played_at FROM music_albums"), 1'630'000'000);
  EXPECT_EQ(count("SELECT first_played_at FROM music_artists"), 1'630'000'000);
  EXPECT_EQ(count("SELECT first_played_at FROM music_tracks WHERE name = 'Song'"), 1'650'000'000);
  EXPECT_EQ(count("SELECT first_played_at FROM music_tracks WHERE name = 'Other'"), 1'630'000'000);
}

TEST_F(PlayModelTest, PlayPagesStoreAlikeWithOrWithoutTheirFastReader) {
  // A page of nothing but plays is read without a JSON tree; one with another record type
  // goes the generic way. Both store their plays and their checkpoint.
  auto doc = [](std::vector<nlohmann::json> records, const nlohmann::json &checkpoint) {
    return nlohmann::json{{"records", records}, {"checkpoint", checkpoint}}.dump();
  };
  const SubmitScope scope{"lastfm", "", "", 0};
  auto fast = records_->submit(
      scope, doc({play(1'700'000'000, 0, "lastfm", "A", "Song")}, {{"page", "2"}}));
  ASSERT_TRUE(fast.ok) << fast.error;
  EXPECT_EQ(fast.records, 1);
  auto generic =
      records_->submit(scope, doc({play(1'700'000'010, 1000, "lastfm", "A", "Song"),
                                   play(1'700'001'000, 0, "lastfm", "A", "Song"),
                                   {{"type", "artist"}, {"id", "a1"}, {"name", "Someone"}}},
                                  {{"page", "3"}}));
  ASSERT_TRUE(generic.ok) << generic.error;
  EXPECT_EQ(generic.records, 3);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
  EXPECT_EQ(count("SELECT ms_played FROM plays WHERE started_at = 1700000000"), 1000);
  auto page = store_->read([](Database &db) { return kvGet(db, "lastfm", "page"); });
  EXPECT_EQ(page, "3");

  // The same errors either way, and nothing stored.
  auto badCheckpoint = records_->submit(
      scope, doc({play(1'700'100'000, 0, "lastfm", "A", "Song")}, nlohmann::json::array()));
  EXPECT_EQ(badCheckpoint.error, "checkpoint: expected an object");
  auto badPlay = records_->submit(
      scope, doc({play(1'700'100'000, 0, "lastfm", "A", "Song"), play(5, 0, "lastfm", "A", "B")},
                 nullptr));
  EXPECT_EQ(badPlay.error,
            "records[1].started_at: expected an integer from 946684800 to 1800086400");
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
}

TEST_F(PlayModelTest, RollingBackAnImportRestoresWhatWasThere) {
  store_->write([](Database &db) {
    db.exec(
        "INSERT INTO imports (id, origin, file_name, path, size, fingerprint, state, created_at,"
        " updated_at) VALUES (7, 'cli', 'x', '/x', 1, 'f', 'running', 0, 0)");
  });
  ASSERT_TRUE(submit({play(1'700'000'000, 1000, "lastfm", "Old", "Song")}, "lastfm").ok);
  ASSERT_TRUE(
      submit({play(1'600'000'000, 1000, "spotify-export", "Old", "Song"),  // earlier first play
              play(1'600'000'500, 1000, "spotify-export", "New", "Song"),
              play(1'700'000'003, 1000, "spotify-export", "Old", "Song")},  // a duplicate
             "spotify_export", 7)
          .ok);
  // Meanwhile Last.fm reports the new artist's play too: it must survive the rollback.
  ASSERT_TRUE(submit({play(1'600'000'510, 1000, "lastfm", "New", "Song")}, "lastfm").ok);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 3);
  EXPECT_EQ(count("SELECT first_played_at FROM music_artists WHERE name = 'Old'"), 1'600'000'000);

  int64_t removed = store_->write([](Database &db) { return removeImportedPlays(db, 7); });
  EXPECT_EQ(removed, 1);
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
  EXPECT_EQ(count("SELECT first_played_at FROM music_artists WHERE name = 'Old'"), 1'700'000'000);
  EXPECT_EQ(count("SELECT count(*) FROM music_artists"), 2);
}

TEST_F(PlayModelTest, RollingBackAnImportDeletesTheCatalogOnlyItsPlaysNeeded) {
  store_->write([](Database &db) {
    db.exec(
        "INSERT INTO imports (id, origin, file_name, path, size, fingerprint, state, created_at,"
        " updated_at) VALUES (8, 'cli', 'x', '/x', 1, 'f', 'running', 0, 0)");
  });
  ASSERT_TRUE(submit({play(1'700'000'000, 1000, "lastfm", "Kept", "Song")}, "lastfm").ok);
  ASSERT_TRUE(submit({play(1'650'000'000, 1000, "spotify-export", "Kept", "Song", "First Album",
                           "spotify:track:0000000000000000000001"),
                      play(1'650'000'500, 1000, "spotify-export", "Kept", "B-Side", "Second Album"),
                      play(1'650'001'000, 1000, "spotify-export", "Gone", "Hit", "Gone Album",
                           "spotify:track:0000000000000000000002")},
                     "spotify_export", 8)
                  .ok);
  EXPECT_EQ(count("SELECT count(*) FROM music_albums"), 3);
  EXPECT_EQ(count("SELECT first_played_at FROM music_albums WHERE name = 'First Album'"),
            1'650'000'000);

  store_->write([](Database &db) { return removeImportedPlays(db, 8); });
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
  // "Song" learned its album from the import and keeps it; the rest goes.
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM music_albums"), 1);
  EXPECT_EQ(count("SELECT first_played_at FROM music_albums"), 1'700'000'000);
  EXPECT_EQ(count("SELECT count(*) FROM music_artists"), 1);
  EXPECT_EQ(count("SELECT first_played_at FROM music_artists"), 1'700'000'000);
  EXPECT_EQ(count("SELECT count(*) FROM music_track_uris"), 1);
  // The indexes the deletes needed were for that moment only.
  EXPECT_EQ(count("SELECT count(*) FROM sqlite_master WHERE name LIKE 'rollback%'"), 0);
}

}  // namespace
}  // namespace encore::test
