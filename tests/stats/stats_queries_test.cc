// Statistics on small hand-computed histories: every expected value below is worked out
// by hand from the plays the test stores.
#include "stats/stats_fixture.h"

namespace encore::test {
namespace {

const StatsFixture::Track kA1{"Alpha One", "Ann", "Alpha", ""};
const StatsFixture::Track kA2{"Alpha Two", "Ann", "Alpha", ""};
const StatsFixture::Track kB1{"Beta One", "Bob", "Beta", ""};
const StatsFixture::Track kC1{"Gamma One", "Cid", "", ""};

class StatsQueries : public StatsFixture {};

TEST_F(StatsQueries, TopListsCountPlaysAndMinutesAndBreakTiesByMinutes) {
  play("2024-05-01T10:00:00Z", 180, kA1);
  play("2024-05-01T11:00:00Z", 180, kA1);
  play("2024-05-01T12:00:00Z", 120, kA1);
  play("2024-05-02T10:00:00Z", 240, kB1);
  play("2024-05-02T11:00:00Z", 240, kB1);
  play("2024-05-03T10:00:00Z", 60, kA2);
  play("2024-05-03T11:00:00Z", 30, kC1);

  auto tracks = query("top-tracks", "2024-05-01", "2024-05-31");
  ASSERT_EQ(tracks.size(), 4u);
  EXPECT_EQ(tracks[0]["name"], "Alpha One");
  EXPECT_EQ(tracks[0]["plays"], 3);
  EXPECT_EQ(tracks[0]["minutes"], 8.0);
  EXPECT_EQ(tracks[1]["name"], "Beta One");
  EXPECT_EQ(tracks[1]["minutes"], 8.0);
  // One play each: Alpha Two (1 min) before Gamma One (0.5 min).
  EXPECT_EQ(tracks[2]["name"], "Alpha Two");
  EXPECT_EQ(tracks[3]["name"], "Gamma One");
  EXPECT_EQ(tracks[3]["minutes"], 0.5);

  auto artists = query("top-artists", "2024-05-01", "2024-05-31");
  ASSERT_EQ(artists.size(), 3u);
  EXPECT_EQ(artists[0]["name"], "Ann");
  EXPECT_EQ(artists[0]["plays"], 4);
  EXPECT_EQ(artists[0]["minutes"], 9.0);
  EXPECT_EQ(artists[1]["name"], "Bob");
  EXPECT_EQ(artists[2]["name"], "Cid");

  auto albums = query("top-albums", "2024-05-01", "2024-05-31");
  ASSERT_EQ(albums.size(), 2u);  // Gamma One has no album
  EXPECT_EQ(albums[0]["name"], "Alpha");
  EXPECT_EQ(albums[0]["plays"], 4);

  auto totals = query("totals", "2024-05-01", "2024-05-31");
  EXPECT_EQ(totals["plays"], 7);
  EXPECT_EQ(totals["ms_played"], 1050000);
  EXPECT_EQ(totals["minutes"], 17.5);
  EXPECT_EQ(totals["tracks"], 4);
  EXPECT_EQ(totals["artists"], 3);
  EXPECT_EQ(totals["albums"], 2);
  EXPECT_EQ(totals["active_days"], 3);

  // The limit and the range bounds.
  EXPECT_EQ(query("top-tracks", "2024-05-01", "2024-05-31", "UTC", 1).size(), 1u);
  EXPECT_EQ(query("totals", "2024-05-02", "2024-05-02")["plays"], 2);
}

TEST_F(StatsQueries, DaysAndHoursAreCountedInTheUsersZone) {
  // 23:30 UTC on Saturday June 1st: 19:30 Saturday in New York, 08:30 Sunday in Tokyo.
  play("2024-06-01T23:30:00Z", 200, kA1);
  EXPECT_EQ(query("totals", "2024-06-02", "2024-06-02", "Asia/Tokyo")["plays"], 1);
  EXPECT_EQ(query("totals", "2024-06-02", "2024-06-02", "America/New_York")["plays"], 0);
  EXPECT_EQ(query("totals", "2024-06-01", "2024-06-01", "America/New_York")["plays"], 1);

  auto tokyo = query("heatmap", "2024-06-01", "2024-06-03", "Asia/Tokyo");
  EXPECT_EQ(tokyo["plays"][6][8], 1);  // Sunday 08:00
  auto newYork = query("heatmap", "2024-06-01", "2024-06-03", "America/New_York");
  EXPECT_EQ(newYork["plays"][5][19], 1);  // Saturday 19:00
  EXPECT_EQ(query("hours", "2024-06-01", "2024-06-03", "Asia/Tokyo")["peak_hour"], 8);
}

TEST_F(StatsQueries, HoursFollowDaylightSavingChangesBothWays) {
  // Berlin springs forward at 01:00 UTC on 2024-03-31 (02:00 -> 03:00 local).
  play("2024-03-31T00:30:00Z", 100, kA1);  // 01:30 CET
  play("2024-03-31T01:30:00Z", 100, kB1);  // 03:30 CEST
  // ... and falls back at 01:00 UTC on 2024-10-27 (03:00 -> 02:00 local).
  play("2024-10-27T00:30:00Z", 100, kA1);  // 02:30 CEST
  play("2024-10-27T01:30:00Z", 100, kB1);  // 02:30 CET
  auto hours = query("hours", "2024-01-01", "2024-12-31", "Europe/Berlin")["hours"];
  EXPECT_EQ(hours[1]["plays"], 1);
  EXPECT_EQ(hours[2]["plays"], 2);
  EXPECT_EQ(hours[3]["plays"], 1);
  EXPECT_EQ(hours[0]["plays"], 0);
  auto utc = query("hours", "2024-01-01", "2024-12-31", "UTC")["hours"];
  EXPECT_EQ(utc[0]["plays"], 2);
  EXPECT_EQ(utc[1]["plays"], 2);
  // The day of the fall-back has 25 hours: a range of that local day holds both plays.
  EXPECT_EQ(query("totals", "2024-10-27", "2024-10-27", "Europe/Berlin")["plays"], 2);
  auto peaks = query("peaks", "2024-10-27", "2024-10-27", "Europe/Berlin");
  // Both start at 02:30 on the wall clock (CEST, then CET): the peak hour is the wall-clock
  // hour 02:00 of that day, which happened twice and holds both.
  EXPECT_EQ(peaks["peak_hour"]["date"], "2024-10-27");
  EXPECT_EQ(peaks["peak_hour"]["hour"], 2);
  EXPECT_EQ(peaks["peak_hour"]["plays"], 2);
  EXPECT_EQ(peaks["busiest_hour_of_day"]["hour"], 2);
  EXPECT_EQ(peaks["busiest_hour_of_day"]["plays"], 2);
}

TEST_F(StatsQueries, SessionsSplitOnGapsOverThirtyMinutesAndCrossMidnight) {
  // Berlin summer time (UTC+2). Session 1 crosses local midnight: 23:40 (3 min),
  // 23:50 (4 min), 00:05 (3 min) -> 23:40 .. 00:08 = 28 min, 3 plays.
  play("2024-07-05T21:40:00Z", 180, kA1);
  play("2024-07-05T21:50:00Z", 240, kA2);
  play("2024-07-05T22:05:00Z", 180, kB1);
  // Exactly 30 minutes after 00:08 still continues it: 00:38 (2 min) -> 23:40 .. 00:40.
  play("2024-07-05T22:38:00Z", 120, kC1);
  // 30 minutes and 1 second after 00:40 starts session 2: 01:10:01 (10 min).
  play("2024-07-05T23:10:01Z", 600, kA1);
  auto s = query("sessions", "2024-07-05", "2024-07-06", "Europe/Berlin");
  EXPECT_EQ(s["count"], 2);
  EXPECT_EQ(s["longest"]["plays"], 4);
  EXPECT_EQ(s["longest"]["minutes"], 60.0);
  EXPECT_EQ(s["longest"]["date"], "2024-07-05");
  EXPECT_EQ(s["longest"]["start"], "2024-07-05T21:40:00Z");
  EXPECT_EQ(s["average_minutes"], 35.0);  // (60 + 10) / 2
  EXPECT_EQ(s["average_plays"], 2.5);
}

TEST_F(StatsQueries, TheSessionGapIsMeasuredInMilliseconds) {
  // A play of 200,000 ms ends at 10:03:20.000; the next starting at 10:33:20 is 1,800,000 ms
  // later: not more than 30 minutes, one session (10:00:00 .. 10:34:20).
  playMs("2024-08-01T10:00:00Z", 200'000, kA1);
  playMs("2024-08-01T10:33:20Z", 60'000, kB1);
  // 199,999 ms ends at 10:03:19.999: 1,800,001 ms before the next start, two sessions.
  playMs("2024-08-02T10:00:00Z", 199'999, kA1);
  playMs("2024-08-02T10:33:20Z", 60'000, kB1);
  // 199,600 ms: a gap of 1,800.4 s, which rounding the end up to 10:03:20 would hide.
  playMs("2024-08-03T10:00:00Z", 199'600, kA1);
  playMs("2024-08-03T10:33:20Z", 60'000, kB1);
  auto one = query("sessions", "2024-08-01", "2024-08-01");
  EXPECT_EQ(one["count"], 1);
  EXPECT_EQ(one["longest"]["plays"], 2);
  EXPECT_EQ(one["longest"]["minutes"], 34.3);
  EXPECT_EQ(one["longest"]["end"], "2024-08-01T10:34:20Z");
  EXPECT_EQ(query("sessions", "2024-08-02", "2024-08-02")["count"], 2);
  EXPECT_EQ(query("sessions", "2024-08-03", "2024-08-03")["count"], 2);
  EXPECT_EQ(query("sessions", "2024-08-01", "2024-08-03")["count"], 5);
}

TEST_F(StatsQueries, StreaksCountConsecutiveLocalDaysOverallAndPerArtist) {
  // Ann: Jan 1, 2, 3; Bob: Jan 2, 3, 5, 6, 7, 8 -> listening days 1-3 and 5-8.
  for (const char *d : {"01", "02", "03"})
    play(std::string("2024-01-") + d + "T12:00:00Z", 100, kA1);
  for (const char *d : {"02", "03", "05", "06", "07", "08"})
    play(std::string("2024-01-") + d + "T13:00:00Z", 100, kB1);
  auto s = query("streaks", "2024-01-01", "2024-01-31");
  EXPECT_EQ(s["longest"]["days"], 4);
  EXPECT_EQ(s["longest"]["from"], "2024-01-05");
  EXPECT_EQ(s["longest"]["to"], "2024-01-08");
  EXPECT_EQ(s["latest"]["days"], 4);
  ASSERT_EQ(s["artists"].size(), 2u);
  EXPECT_EQ(s["artists"][0]["artist"]["name"], "Bob");
  EXPECT_EQ(s["artists"][0]["days"], 4);
  EXPECT_EQ(s["artists"][1]["artist"]["name"], "Ann");
  EXPECT_EQ(s["artists"][1]["days"], 3);
  // 23:30 UTC is already the next day in Tokyo: Jan 1..3 at 12:00 UTC stay, but a play at
  // 23:30 UTC on Jan 3 lands on Jan 4 in Tokyo and bridges the gap.
  play("2024-01-03T23:30:00Z", 100, kC1);
  EXPECT_EQ(query("streaks", "2024-01-01", "2024-01-31", "Asia/Tokyo")["longest"]["days"], 8);
  EXPECT_EQ(query("streaks", "2024-01-01", "2024-01-31", "UTC")["longest"]["days"], 4);
}

TEST_F(StatsQueries, DiscoveriesAreArtistsAndTracksFirstHeardInTheRange) {
  play("2023-12-20T10:00:00Z", 100, kA1);  // Ann known before January
  play("2024-01-10T10:00:00Z", 100, kA2);  // new track of a known artist
  play("2024-01-11T10:00:00Z", 100, kB1);  // new artist
  play("2024-01-12T10:00:00Z", 100, kB1);
  play("2024-01-13T10:00:00Z", 100, kA1);  // neither
  auto d = query("discoveries", "2024-01-01", "2024-01-31");
  EXPECT_EQ(d["new_artists"], 1);
  EXPECT_EQ(d["new_tracks"], 2);
  EXPECT_EQ(d["artists_heard"], 2);
  EXPECT_EQ(d["new_artist_share"], 0.5);
  ASSERT_EQ(d["artists"].size(), 1u);
  EXPECT_EQ(d["artists"][0]["name"], "Bob");
  EXPECT_EQ(d["artists"][0]["first_heard"], "2024-01-11");
  EXPECT_EQ(d["tracks"][0]["name"], "Beta One");  // 2 plays before Alpha Two's 1
}

TEST_F(StatsQueries, BingesAreCountedPerLocalDay) {
  // Five plays of one track from 21:00 to 01:00 UTC: split over two UTC days, but all on
  // July 5th in New York (UTC-4).
  for (const char *t : {"2024-07-05T21:00:00Z", "2024-07-05T22:00:00Z", "2024-07-05T23:00:00Z",
                        "2024-07-06T00:00:00Z", "2024-07-06T01:00:00Z"}) {
    play(t, 200, kA1);
  }
  auto ny = query("binges", "2024-07-01", "2024-07-31", "America/New_York");
  EXPECT_EQ(ny["binge_days"], 1);
  EXPECT_EQ(ny["binges"][0]["date"], "2024-07-05");
  EXPECT_EQ(ny["binges"][0]["plays"], 5);
  EXPECT_EQ(ny["binges"][0]["track"]["name"], "Alpha One");
  EXPECT_EQ(query("binges", "2024-07-01", "2024-07-31", "UTC")["binge_days"], 0);
  EXPECT_EQ(query("binges", "2024-07-01", "2024-07-31", "UTC", 10, 3)["binge_days"], 1);
}

TEST_F(StatsQueries, WeekdaysAndWeekendsAreSeparatedLocally) {
  play("2024-06-07T12:00:00Z", 600, kA1);  // Friday
  play("2024-06-08T12:00:00Z", 300, kB1);  // Saturday
  play("2024-06-09T12:00:00Z", 300, kB1);  // Sunday
  play("2024-06-09T23:30:00Z", 300, kB1);  // Sunday in UTC, Monday in Tokyo
  auto utc = query("weekdays", "2024-06-01", "2024-06-30");
  EXPECT_EQ(utc["weekday"]["plays"], 1);
  EXPECT_EQ(utc["weekend"]["plays"], 3);
  EXPECT_EQ(utc["weekend"]["active_days"], 2);
  EXPECT_EQ(utc["weekend"]["minutes_per_active_day"], 7.5);
  EXPECT_EQ(utc["weekend"]["share"], 0.75);
  EXPECT_EQ(utc["weekend"]["top_artists"][0]["name"], "Bob");
  EXPECT_EQ(utc["days"][4]["plays"], 1);  // Friday
  auto tokyo = query("weekdays", "2024-06-01", "2024-06-30", "Asia/Tokyo");
  EXPECT_EQ(tokyo["weekday"]["plays"], 2);
  EXPECT_EQ(tokyo["days"][0]["plays"], 1);  // Monday
}

TEST_F(StatsQueries, EvolutionListsMonthlyLeadersWithEmptyMonthsInBetween) {
  play("2024-01-05T10:00:00Z", 100, kA1);
  play("2024-01-06T10:00:00Z", 100, kA1);
  play("2024-01-07T10:00:00Z", 100, kB1);
  play("2024-03-05T10:00:00Z", 100, kB1);
  auto e = query("evolution", "2024-01-01", "2024-12-31");
  ASSERT_EQ(e["months"].size(), 3u);
  EXPECT_EQ(e["months"][0]["month"], "2024-01");
  EXPECT_EQ(e["months"][0]["top_artists"][0]["name"], "Ann");
  EXPECT_EQ(e["months"][1]["month"], "2024-02");
  EXPECT_EQ(e["months"][1]["plays"], 0);
  EXPECT_EQ(e["months"][2]["top_artists"][0]["name"], "Bob");
  ASSERT_EQ(e["series"].size(), 2u);
  EXPECT_EQ(e["series"][0]["artist"]["name"], "Ann");  // 2 plays, then Bob's 2 (tie: older id)
  EXPECT_EQ(e["series"][0]["plays"], nlohmann::json({2, 0, 0}));
  EXPECT_EQ(e["series"][1]["plays"], nlohmann::json({1, 0, 1}));
}

TEST_F(StatsQueries, EmptyRangesAnswerWithZerosAndNulls) {
  EXPECT_EQ(query("totals", "", "")["plays"], 0);
  EXPECT_TRUE(query("top-tracks", "", "").empty());
  EXPECT_TRUE(query("sessions", "", "")["longest"].is_null());
  EXPECT_TRUE(query("streaks", "", "")["longest"].is_null());
  EXPECT_TRUE(query("peaks", "", "")["peak_day"].is_null());
  EXPECT_TRUE(query("mainstream", "", "")["score"].is_null());
  EXPECT_TRUE(query("personality", "", "")["profile"].is_null());
  EXPECT_TRUE(query("evolution", "", "")["months"].empty());
  EXPECT_EQ(engine->wrapped(2024)["totals"]["plays"], 0);
}

}  // namespace
}  // namespace encore::test
