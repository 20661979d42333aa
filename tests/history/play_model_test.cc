// The plays model against a real SQLite store: identity, the dedup rule across sources,
// local time and rollups, rollback of an import.
#include "history/history_fixture.h"
#include "history/import_rollback.h"

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

TEST_F(PlayModelTest, LocalTimeAndRollupsFollowTheZoneSettingWithDst) {
  // 2024-07-01T22:30:00Z is 00:30 the next day in Berlin (CEST, +2).
  const int64_t summer = 1719873000;
  // 2024-12-31T23:30:00Z is 00:30 on New Year's day in Berlin (CET, +1).
  const int64_t winter = 1735687800;
  ASSERT_TRUE(submit({play(summer, 60000, "lastfm", "A", "Song"),
                      play(winter, 30000, "lastfm", "B", "Tune")})
                  .ok);
  EXPECT_EQ(count("SELECT local_at FROM plays WHERE started_at = 1719873000"),
            summer);  // UTC first
  EXPECT_EQ(count("SELECT count(*) FROM track_months WHERE month = 202412"), 1);

  ASSERT_TRUE(applyTimeZoneSetting(*store_, "Europe/Berlin"));
  EXPECT_EQ(count("SELECT local_at FROM plays WHERE started_at = 1719873000"), summer + 7200);
  EXPECT_EQ(count("SELECT local_at FROM plays WHERE started_at = 1735687800"), winter + 3600);
  EXPECT_EQ(count("SELECT local_at % 86400 / 3600 FROM plays WHERE started_at = 1735687800"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM track_months WHERE month = 202501"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM track_months WHERE month = 202412"), 0);
  // New plays are written in the zone in force; rollups match a recount from plays.
  ASSERT_TRUE(submit({play(winter + 600, 1000, "lastfm", "B", "Tune 2")}).ok);
  EXPECT_EQ(count("SELECT local_at FROM plays WHERE started_at = 1735688400"), winter + 600 + 3600);
  EXPECT_EQ(count("SELECT sum(plays) FROM play_hours"), 3);
  EXPECT_EQ(count("SELECT plays FROM play_hours WHERE local_hour = (1735687800 + 3600) / 3600"), 2);
  EXPECT_EQ(count("SELECT sum(ms_played) FROM track_months"), 91000);
  EXPECT_FALSE(applyTimeZoneSetting(*store_, "Not/AZone"));
}

TEST_F(PlayModelTest, RollupsFollowMsPlayedFilledInLater) {
  ASSERT_TRUE(submit({play(1'700'000'000, 0, "lastfm", "A", "Song")}, "lastfm").ok);
  ASSERT_TRUE(submit({play(1'700'000'005, 180000, "spotify-poll", "A", "Song")}).ok);
  EXPECT_EQ(count("SELECT sum(ms_played) FROM play_hours"), 180000);
  EXPECT_EQ(count("SELECT sum(plays) FROM track_months"), 1);
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
  EXPECT_EQ(count("SELECT sum(plays) FROM play_hours"), 2);
}

}  // namespace
}  // namespace encore::test
