// The play index stays right however history changes, and its snapshot is used only when
// it still describes the database. Also mainstream, personality, ranges and Wrapped.
#include <sys/stat.h>

#include <filesystem>

#include "stats/stats_fixture.h"

namespace encore::test {
namespace {

ino_t fileInode(const std::string &path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_ino : 0;
}

const StatsFixture::Track kA1{"Alpha One", "Ann", "Alpha", "spotify:track:4uLU6hMCjMI75M1A2tKUQC"};
const StatsFixture::Track kB1{"Beta One", "Bob", "Beta", "spotify:track:1301WleyT98MSxVHPZCA6M"};
const StatsFixture::Track kC1{"Gamma One", "Cid", "Gamma", "spotify:track:2TpxZ7JUBn3uw46aR7qd6V"};
const StatsFixture::Track kD1{"Delta One", "Dee", "", ""};

class StatsIndex : public StatsFixture {
 protected:
  void sql(const std::string &statement) {
    store.write([&](Database &db) { db.exec(statement); });
  }
  void library(const nlohmann::json &records) {
    auto r =
        this->records->submit({"spotify", "", ""}, nlohmann::json{{"records", records}}.dump());
    ASSERT_TRUE(r.ok) << r.error;
  }
  std::string snapshotPath() const { return (dir.path() / "stats-index.bin").string(); }
};

TEST_F(StatsIndex, NewPlaysOfAnyDateAreMergedInOrder) {
  play("2024-03-01T10:00:00Z", 100, kA1);
  EXPECT_EQ(query("totals", "", "")["plays"], 1);
  play("2024-01-01T10:00:00Z", 100, kB1);  // older than what the index holds
  play("2024-05-01T10:00:00Z", 100, kC1);
  auto totals = query("totals", "", "");
  EXPECT_EQ(totals["plays"], 3);
  EXPECT_EQ(totals["first_play"], "2024-01-01T10:00:00Z");
  EXPECT_EQ(totals["last_play"], "2024-05-01T10:00:00Z");
  EXPECT_EQ(query("totals", "2024-01-01", "2024-02-01")["plays"], 1);
}

TEST_F(StatsIndex, DeletedAndRewrittenPlaysRebuildTheIndex) {
  play("2024-03-01T10:00:00Z", 100, kA1);
  play("2024-03-02T10:00:00Z", 100, kB1);
  EXPECT_EQ(query("totals", "", "")["plays"], 2);
  sql("DELETE FROM plays WHERE started_at = " + std::to_string(at("2024-03-02T10:00:00Z")));
  EXPECT_EQ(query("totals", "", "")["plays"], 1);
  sql("UPDATE plays SET started_at = " + std::to_string(at("2024-04-01T10:00:00Z")));
  EXPECT_EQ(query("totals", "2024-03-01", "2024-03-31")["plays"], 0);
  EXPECT_EQ(query("totals", "2024-04-01", "2024-04-30")["plays"], 1);
  // Columns the index does not hold change nothing in it and cost no rebuild.
  const uint64_t version = engine->index().version();
  sql("UPDATE plays SET source = 'spotify-export'");
  EXPECT_EQ(query("totals", "2024-04-01", "2024-04-30")["plays"], 1);
  EXPECT_EQ(engine->index().version(), version);
  sql("UPDATE plays SET ms_played = 60000");
  EXPECT_EQ(query("totals", "2024-04-01", "2024-04-30")["minutes"], 1.0);
  // A track relinked to another artist (a merge) moves its plays.
  play("2024-04-02T10:00:00Z", 100, kB1);
  sql("UPDATE music_tracks SET artist_id = (SELECT id FROM music_artists WHERE name = 'Bob')");
  auto artists = query("top-artists", "", "");
  ASSERT_EQ(artists.size(), 1u);
  EXPECT_EQ(artists[0]["name"], "Bob");
  EXPECT_EQ(artists[0]["plays"], 2);
}

TEST_F(StatsIndex, ASnapshotIsReusedOnlyWhileItDescribesTheDatabase) {
  play("2024-03-01T10:00:00Z", 100, kA1);
  play("2024-03-02T10:00:00Z", 100, kB1);
  EXPECT_EQ(query("totals", "", "")["plays"], 2);
  engine->saveIndex();
  ASSERT_TRUE(std::filesystem::exists(snapshotPath()));

  // Appended since: the snapshot plus the new plays.
  play("2024-03-03T10:00:00Z", 100, kC1);
  {
    StatsEngine next(store, settings, clock, false);
    EXPECT_EQ(next.query("totals", {})["totals"]["plays"], 3);
  }
  // Rewritten since (epoch moved): rebuilt, so the deleted play is gone.
  sql("DELETE FROM plays WHERE started_at = " + std::to_string(at("2024-03-01T10:00:00Z")));
  {
    StatsEngine next(store, settings, clock, false);
    EXPECT_EQ(next.query("totals", {})["totals"]["plays"], 2);
  }
  // A damaged file is ignored.
  {
    std::filesystem::resize_file(snapshotPath(), 100);
    StatsEngine next(store, settings, clock, false);
    EXPECT_EQ(next.query("totals", {})["totals"]["plays"], 2);
  }
  // So is garbage of the right size with a valid header but tracks out of range.
  {
    engine->index().refresh();
    engine->saveIndex();
    std::string bytes = readFile(snapshotPath());
    for (size_t i = bytes.size() - 40; i < bytes.size(); ++i) bytes[i] = '\xff';
    writeFile(snapshotPath(), bytes);
    StatsEngine next(store, settings, clock, false);
    auto top = next.query("top-artists", {})["top-artists"];
    ASSERT_EQ(top.size(), 2u);
  }
}

TEST_F(StatsIndex, AnUnchangedIndexIsNotWrittenAgain) {
  // Each write syncs the file, which on a busy disk can hold a shutdown for seconds: a save
  // writes only what the file does not hold yet. A written file is a new inode (renamed
  // over the old one).
  auto inode = [&] { return fileInode(snapshotPath()); };  // 0: no file
  play("2024-03-01T10:00:00Z", 100, kA1);
  play("2024-03-02T10:00:00Z", 100, kB1);
  EXPECT_EQ(query("totals", "", "")["plays"], 2);
  engine->saveIndex();
  const auto written = inode();
  ASSERT_NE(written, 0u);
  engine->saveIndex();
  EXPECT_EQ(inode(), written);

  // A new play is saved; a daemon that loaded the file as it is leaves it alone.
  play("2024-03-03T10:00:00Z", 100, kC1);
  EXPECT_EQ(query("totals", "", "")["plays"], 3);
  engine->saveIndex();
  const auto withThree = inode();
  EXPECT_NE(withThree, written);
  {
    StatsEngine next(store, settings, clock, false);
    EXPECT_EQ(next.query("totals", {})["totals"]["plays"], 3);
    next.saveIndex();
    EXPECT_EQ(inode(), withThree);
  }
  // A file removed meanwhile is written again.
  std::filesystem::remove(snapshotPath());
  engine->saveIndex();
  EXPECT_NE(inode(), 0u);
}

TEST_F(StatsIndex, MainstreamUsesTrackThenArtistPopularityThenFollowers) {
  play("2024-03-01T10:00:00Z", 100, kA1);
  play("2024-03-02T10:00:00Z", 100, kA1);
  play("2024-03-03T10:00:00Z", 100, kB1);
  play("2024-03-04T10:00:00Z", 100, kC1);
  play("2024-03-05T10:00:00Z", 100, kD1);
  library(
      {{{"type", "track"},
        {"id", "4uLU6hMCjMI75M1A2tKUQC"},
        {"name", "Alpha One"},
        {"popularity", 80}},
       {{"type", "track"}, {"id", "1301WleyT98MSxVHPZCA6M"}, {"name", "Beta One"}},
       {{"type", "artist"}, {"id", "0bobbobbobbobbobbobbob"}, {"name", "Bob"}, {"popularity", 20}},
       {{"type", "artist"},
        {"id", "0cidcidcidcidcidcidcid"},
        {"name", "Cid"},
        {"followers", 1000000}}});
  EXPECT_TRUE(query("mainstream", "", "")["score"].is_number());  // track popularity alone
  sql("UPDATE music_artists SET spotify_id = '0bobbobbobbobbobbobbob' WHERE name = 'Bob';"
      "UPDATE music_artists SET spotify_id = '0cidcidcidcidcidcidcid' WHERE name = 'Cid';");
  auto m = query("mainstream", "", "");
  // Known: 80, 80 (track), 20 (Bob), 67 (Cid: 10^6 followers); Dee unknown.
  EXPECT_EQ(m["score"], 61.8);
  EXPECT_EQ(m["label"], "mainstream");
  EXPECT_EQ(m["coverage"], 0.8);
  EXPECT_EQ(m["mainstream_share"], 0.75);
  EXPECT_EQ(m["underground_share"], 0.25);
  EXPECT_EQ(m["signal"]["track_popularity"], 2);
  EXPECT_EQ(m["signal"]["artist_popularity"], 1);
  EXPECT_EQ(m["signal"]["artist_followers"], 1);
  EXPECT_EQ(m["signal"]["none"], 1);
  EXPECT_EQ(m["underground_artists"][0]["name"], "Bob");
}

TEST_F(StatsIndex, PersonalityNamesTheRuleThatDecided) {
  for (const char *t : {"2024-03-01T23:00:00Z", "2024-03-01T23:10:00Z", "2024-03-01T23:20:00Z",
                        "2024-03-01T23:30:00Z", "2024-03-01T12:00:00Z"}) {
    play(t, 200, kD1);
  }
  auto p = query("personality", "", "");
  EXPECT_EQ(p["profile"], "Night Owl");
  EXPECT_EQ(p["features"]["night_share"], 0.8);
  EXPECT_NE(p["reason"].get<std::string>().find("80%"), std::string::npos);
  // In Tokyo (UTC+9) those late plays are morning plays: a short listening day is casual.
  auto tokyo = query("personality", "", "", "Asia/Tokyo");
  EXPECT_EQ(tokyo["features"]["night_share"], 0.0);
  EXPECT_EQ(tokyo["profile"], "Casual Listener");
  EXPECT_EQ(tokyo["rules"].size(), 5u);
}

TEST_F(StatsIndex, RangesRejectWhatTheyCannotUseNamingTheField) {
  auto fieldOf = [&](RangeQuery q) {
    try {
      engine->resolve(q);
    } catch (const RangeError &e) {
      return e.field();
    }
    return std::string("none");
  };
  EXPECT_EQ(fieldOf({.tz = "Mars/Olympus"}), "tz");
  EXPECT_EQ(fieldOf({.from = "2024-13-01"}), "from");
  EXPECT_EQ(fieldOf({.from = "2023-02-30"}), "from");
  EXPECT_EQ(fieldOf({.from = "2024-05-02", .to = "2024-05-01"}), "to");
  EXPECT_EQ(fieldOf({.range = "decade"}), "range");
  EXPECT_EQ(fieldOf({.range = "4w", .from = "2024-05-01"}), "range");
  EXPECT_EQ(fieldOf({.range = "6m"}), "none");
  // Presets end with the current local day; the clock is 2030-01-01T00:00Z.
  auto r = engine->resolve({.range = "4w", .tz = "America/New_York"});
  EXPECT_EQ(r.to, at("2030-01-01T05:00:00Z"));  // midnight after Dec 31st in New York
  EXPECT_EQ(r.from, at("2029-12-04T05:00:00Z"));
}

TEST_F(StatsIndex, WrappedCoversTheLocalCalendarYear) {
  play("2024-12-31T23:30:00Z", 200, kA1);  // 2025 already in Tokyo
  play("2024-06-01T12:00:00Z", 200, kB1);
  EXPECT_EQ(engine->wrapped(2024, std::string("UTC"))["totals"]["plays"], 2);
  EXPECT_EQ(engine->wrapped(2024, std::string("Asia/Tokyo"))["totals"]["plays"], 1);
  auto w = engine->wrapped(2025, std::string("Asia/Tokyo"));
  EXPECT_EQ(w["totals"]["plays"], 1);
  EXPECT_EQ(w["top_artists"][0]["name"], "Ann");
  EXPECT_EQ(w["months"][0]["month"], "2025-01");
  EXPECT_EQ(w["year"], 2025);
  EXPECT_THROW(engine->wrapped(1999), RangeError);
}

}  // namespace
}  // namespace encore::test
