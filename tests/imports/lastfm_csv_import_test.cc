// Last.fm scrobble CSVs imported by the real lastfm plugin: both layouts through the API
// (the real samples), every skip reason, and a large file through `encored import`
// killed between two pages and run again.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <map>

#include "imports/lastfm_test_support.h"

namespace encore::test {
namespace {

HttpResult upload(const DaemonProcess &d, const std::string &fileName, const std::string &content) {
  const std::string boundary = "encore-test-boundary-Q2lEnc0reCsv";
  std::string body =
      "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" +
      fileName + "\"\r\nContent-Type: text/csv\r\n\r\n" + content + "\r\n--" + boundary + "--\r\n";
  return httpCall("POST", d.url() + "/api/imports", body,
                  {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
}

nlohmann::json importToTheEnd(const DaemonProcess &d, const std::string &fileName,
                              const std::string &content) {
  auto posted = upload(d, fileName, content);
  EXPECT_EQ(posted.status, 202) << posted.body;
  const std::string path =
      "/api/imports/" + std::to_string(posted.json()["import"]["id"].get<int64_t>());
  nlohmann::json last;
  DaemonProcess::waitFor(
      [&] {
        last = d.get(path).json()["import"];
        return last["state"] == "done" || last["state"] == "failed";
      },
      60'000);
  return last;
}

std::string fixture(const std::string &name) {
  return readFile(sourceDir() + "/tests/fixtures/lastfm/" + name);
}

/// A scrobble export in the uts layout, newest first, as the exporters write it: `rows`
/// entries, every 97th without a title and every 89th (else) dated 1995. Returns the
/// skipped entries by reason.
std::map<std::string, int64_t> writeScrobbleCsv(std::ostream &out, int64_t rows) {
  std::map<std::string, int64_t> skipped;
  out << "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n";
  std::string row;
  for (int64_t i = 0; i < rows; ++i) {
    const int64_t n = rows - 1 - i;  // the oldest scrobble is the last row
    const int64_t song = (n * 7919) % 6000;
    int64_t uts = 1'500'000'000 + n * 200;
    std::string title = "Song " + std::to_string(song);
    if (n % 97 == 0) {
      title.clear();
      ++skipped["no track name or artist"];
    } else if (n % 89 == 0) {
      uts = 800'000'000;
      ++skipped["date before 2000"];
    }
    row = "\"" + std::to_string(uts) + "\",\"14 Jul 2017, 02:40\",\"Artist " +
          std::to_string(song % 300) + "\",\"\",\"Album " + std::to_string(song % 300) + "-" +
          std::to_string(song % 12) + "\",\"\",\"" + title + "\",\"\"\n";
    out << row;
  }
  return skipped;
}

TEST(LastfmCsvImportTest, BothLayoutsAndEverySkipThroughTheApi) {
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  DaemonProcess daemon({.dataDir = (dir / "data").string()});

  auto plain =
      importToTheEnd(daemon, "lastfm.csv", fixture("benfoxall-lastfm-to-csv.derived-sample.csv"));
  ASSERT_EQ(plain["state"], "done") << plain;
  EXPECT_EQ(plain["files"][0]["importer"], "lastfm.scrobble_csv") << plain;
  EXPECT_EQ(plain["added"], 2);
  auto headered = importToTheEnd(daemon, "scrobbles.csv",
                                 fixture("uts-utc_time-mbid-format.derived-sample.csv"));
  ASSERT_EQ(headered["state"], "done") << headered;
  EXPECT_EQ(headered["processed"], 3);
  EXPECT_EQ(headered["added"], 3);
  // "22 May 2014 20:11" UTC is when the track started; the uts column wins over the text.
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM plays WHERE started_at = 1400789460 AND source = "
                   "'lastfm-csv'"),
            1);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays WHERE started_at = 1526234243"), 1);

  // One good row, and one of each reason a row is skipped for.
  const std::string longName(2049, 'x');
  const std::string bad =
      "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
      "\"1600000000\",\"13 Sep 2020, 12:26\",\"Good Artist\",\"\",\"Good Album\",\"\",\"Good "
      "Song\",\"\"\n"
      "\"1600000300\",\"\",\"Bad \xC3\x28 Bytes\",\"\",\"\",\"\",\"Song\",\"\"\n"
      "\"1600000600\",\"\",\"" +
      longName +
      "\",\"\",\"\",\"\",\"Song\",\"\"\n"
      "\"800000000\",\"\",\"Old Artist\",\"\",\"\",\"\",\"Old Song\",\"\"\n"
      "\"4100000000\",\"\",\"Future Artist\",\"\",\"\",\"\",\"Future Song\",\"\"\n"
      "\"1600000900\",\"\",\"\",\"\",\"\",\"\",\"No Artist\",\"\"\n"
      "\"\",\"yesterday\",\"Some Artist\",\"\",\"\",\"\",\"Some Song\",\"\"\n"
      "\"1600001200\",\"only three\",\"fields\"\n";
  auto skips = importToTheEnd(daemon, "mixed.csv", bad);
  ASSERT_EQ(skips["state"], "done") << skips;
  EXPECT_EQ(skips["processed"], 8);
  EXPECT_EQ(skips["added"], 1);
  EXPECT_EQ(skips["skipped"]["reasons"], nlohmann::json({{"text is not valid UTF-8", 1},
                                                         {"name over 2048 bytes", 1},
                                                         {"date before 2000", 1},
                                                         {"date in the future", 1},
                                                         {"no track name or artist", 1},
                                                         {"unreadable date", 1},
                                                         {"malformed row", 1}}))
      << skips;
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 6);

  // The same files again add nothing.
  auto again =
      importToTheEnd(daemon, "again.csv", fixture("uts-utc_time-mbid-format.derived-sample.csv"));
  EXPECT_EQ(again["state"], "done");
  EXPECT_EQ(again["added"], 0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), 6);
}

TEST(LastfmCsvImportTest, ResumesExactlyAfterKill9BetweenPages) {
  TempDir dir;
  const std::string data = (dir / "data").string(), db = data + "/encore.db";
  const std::string file = (dir / "scrobbles.csv").string();
  // Large enough for several pages of the importer (50,000 plays each), so the kill lands
  // between two of them.
  const int64_t rows = 160'000;
  std::map<std::string, int64_t> skipped;
  {
    std::ofstream out(file);
    skipped = writeScrobbleCsv(out, rows);
  }
  int64_t skippedTotal = 0;
  for (const auto &[reason, count] : skipped) skippedTotal += count;
  DaemonProcess daemon({.dataDir = data});  // the CLI imports beside a running daemon
  auto cli = [&] { return startImportCli(file, data); };
  pid_t first = cli();
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scalar(db, "SELECT count(*) FROM plays") > 0; },
                                     60'000, 5));
  kill(first, SIGKILL);
  waitpid(first, nullptr, 0);
  const int64_t before = scalar(db, "SELECT count(*) FROM plays");
  ASSERT_LT(before, rows - skippedTotal);
  EXPECT_EQ(before % 50'000, 0) << "a page is stored whole or not at all";
  pid_t second = cli();
  int status = 0;
  waitpid(second, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), rows - skippedTotal);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays WHERE source <> 'lastfm-csv'"), 0);
  EXPECT_EQ(scalar(db,
                   "SELECT count(*) FROM (SELECT started_at, track_id FROM plays GROUP BY 1, 2 "
                   "HAVING count(*) > 1)"),
            0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM imports"), 1);
  EXPECT_EQ(scalar(db, "SELECT processed FROM imports"), rows);
  EXPECT_EQ(scalar(db, "SELECT sum(count) FROM import_skips"), skippedTotal);
  for (const auto &[reason, count] : skipped) {
    EXPECT_EQ(scalar(db, "SELECT count FROM import_skips WHERE reason = '" + reason + "'"), count)
        << reason;
  }
  auto listed = daemon.get("/api/imports").json()["imports"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["state"], "done");
  EXPECT_EQ(listed[0]["added"], rows - skippedTotal);
}

}  // namespace
}  // namespace encore::test
