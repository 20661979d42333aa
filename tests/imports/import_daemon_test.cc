// Imports through the real daemon (POST /api/imports) and the real CLI (encored import),
// with the real spotify_export and lastfm plugins.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>

#include "imports/export_files.h"
#include "imports/lastfm_test_support.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

HttpResult upload(const DaemonProcess &d, const std::string &fileName, const std::string &content) {
  const std::string boundary = "encore-test-boundary-7MA4YWxkTrZu0gW";
  std::string body = "--" + boundary +
                     "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName +
                     "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + content + "\r\n--" +
                     boundary + "--\r\n";
  return httpCall("POST", d.url() + "/api/imports", body,
                  {{"Content-Type", "multipart/form-data; boundary=" + boundary}});
}

nlohmann::json waitForEnd(const DaemonProcess &d, int64_t id) {
  nlohmann::json last;
  DaemonProcess::waitFor(
      [&] {
        last = d.get("/api/imports/" + std::to_string(id)).json()["import"];
        return last["state"] == "done" || last["state"] == "failed";
      },
      60'000);
  return last;
}

std::string fixture(const std::string &name) {
  return readFile(sourceDir() + "/tests/fixtures/spotify-export/" + name);
}

class ImportDaemonTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string db_ = (dir_ / "data" / "encore.db").string();
  DaemonProcess daemon_{{.dataDir = (dir_ / "data").string()}};
};

TEST_F(ImportDaemonTest, SpotifyExportZipAsDownloaded) {
  std::string zip = zipArchive({
      {"Spotify Extended Streaming History/Streaming_History_Audio_2016-2017_0.json",
       extendedHistoryJson(0, 3000, false)},
      {"Spotify Extended Streaming History/Streaming_History_Audio_2017_1.json",
       extendedHistoryJson(3000, 2000, true)},
      {"Spotify Extended Streaming History/Streaming_History_Video_2019.json", "[]"},
      {"Spotify Extended Streaming History/ReadMeFirst_ExtendedStreamingHistory.pdf",
       "%PDF-1.4 not json"},
      {"Spotify Account Data/StreamingHistory_music_0.json",
       fixture("StreamingHistory_music_0.sample-50.mixtapestudy.json")},
  });
  auto posted = upload(daemon_, "my_spotify_data.zip", zip);
  ASSERT_EQ(posted.status, 202) << posted.body;
  auto done = waitForEnd(daemon_, posted.json()["import"]["id"].get<int64_t>());
  ASSERT_EQ(done["state"], "done") << done;
  // 5000 generated entries: every 40th a podcast, every 25th under 30 s (the 25 that are
  // both count as podcasts); and the 50 real account-data entries.
  EXPECT_EQ(done["skipped"]["reasons"]["podcast episode"], 125) << done;
  EXPECT_GE(done["skipped"]["reasons"]["under 30 s"].get<int>(), 175) << done;
  EXPECT_EQ(done["processed"], 5050);
  const int64_t stored = 5050 - done["skipped"]["total"].get<int64_t>();
  EXPECT_GT(stored, 5000 - 125 - 175);
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM plays"), stored);
  EXPECT_EQ(done["added"], stored);
  int skippedFiles = 0;
  for (const auto &f : done["files"]) skippedFiles += f["state"] == "skipped";
  EXPECT_EQ(skippedFiles, 2) << done["files"];  // the video history and the PDF

  // The same file again adds nothing.
  auto again =
      waitForEnd(daemon_, upload(daemon_, "again.zip", zip).json()["import"]["id"].get<int64_t>());
  EXPECT_EQ(again["state"], "done");
  EXPECT_EQ(again["added"], 0);
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM plays"), stored);
}

TEST_F(ImportDaemonTest, AFailedImportLeavesNothingBehind) {
  ASSERT_EQ(waitForEnd(daemon_,
                       upload(daemon_, "a.json",
                              fixture("Streaming_History_Audio.genB-2024plus.DERIVED-sample.json"))
                           .json()["import"]["id"]
                           .get<int64_t>())["state"],
            "done");
  ASSERT_EQ(scalar(db_, "SELECT count(*) FROM plays"), 1);
  std::string good = extendedHistoryJson(0, 2000, true);
  std::string truncated = extendedHistoryJson(2000, 500, false);
  truncated.resize(truncated.size() / 2);
  auto failed =
      waitForEnd(daemon_, upload(daemon_, "export.zip",
                                 zipArchive({{"Streaming_History_Audio_2016_0.json", good},
                                             {"Streaming_History_Audio_2016_1.json", truncated}}))
                              .json()["import"]["id"]
                              .get<int64_t>());
  EXPECT_EQ(failed["state"], "failed");
  EXPECT_NE(failed["error"].get<std::string>().find("truncated"), std::string::npos) << failed;
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM plays"), 1);  // the first file's plays went too
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM music_tracks"), 1);

  auto other = upload(daemon_, "notes.json", "{\"hello\": \"world\"}");
  auto rejected = waitForEnd(daemon_, other.json()["import"]["id"].get<int64_t>());
  EXPECT_EQ(rejected["state"], "failed");
  EXPECT_NE(rejected["error"].get<std::string>().find("no importer recognises"), std::string::npos);
}

/// One extended-history entry ending at 2024-05-23T06:49:<second>Z; names as JSON text,
/// escapes and raw bytes as given.
std::string exportEntry(int second, const std::string &track, const std::string &artist) {
  char ts[32];
  std::snprintf(ts, sizeof ts, "2024-05-23T06:49:%02dZ", second);
  return std::string("{\"ts\": \"") + ts +
         "\", \"platform\": \"osx\", \"ms_played\": 200000, \"master_metadata_track_name\": \"" +
         track + "\", \"master_metadata_album_artist_name\": \"" + artist +
         "\", \"master_metadata_album_album_name\": \"Album\", \"spotify_track_uri\": null, "
         "\"episode_name\": null, \"spotify_episode_uri\": null}";
}

TEST_F(ImportDaemonTest, EntriesWhoseTextIsNotUtf8AreSkippedAndTheFileGoesOn) {
  const std::vector<std::string> entries = {
      exportEntry(1, "Before", "Artist"),
      exportEntry(2, "Overlong \xC0\xAF slash", "Artist"),          // overlong '/'
      exportEntry(3, "Overlong \xE0\x80\xAF", "Artist"),            // overlong, 3 bytes
      exportEntry(4, "Lone", "High \\ud800 surrogate"),             // escape, no low half
      exportEntry(5, "Lone", "Low \\udc00 surrogate"),              // escape, low half alone
      exportEntry(6, "High \\ud83d then \\u0041", "Artist"),        // high, then no low
      exportEntry(7, "Raw surrogate \xED\xA0\x80", "Artist"),       // surrogate as bytes
      exportEntry(8, "Past U+10FFFF \xF4\x90\x80\x80", "Artist"),   // above the last one
      exportEntry(9, "Five bytes \xF8\x88\x80\x80\x80", "Artist"),  // no such form
      exportEntry(10, "Cut \xE3\x81", "Artist"),                    // a sequence cut short
      exportEntry(11, "Note \\ud83c\\udfb5", "\xE3\x83\xA8\xE3\x83\xAB\xE3\x82\xB7\xE3\x82\xAB"),
      exportEntry(12, "After", "Artist"),
  };
  std::string file = "[\n";
  for (size_t i = 0; i < entries.size(); ++i) file += (i > 0 ? ",\n" : "") + entries[i];
  file += "\n]\n";
  auto posted = upload(daemon_, "Streaming_History_Audio_2024_0.json", file);
  ASSERT_EQ(posted.status, 202) << posted.body;
  auto done = waitForEnd(daemon_, posted.json()["import"]["id"].get<int64_t>());
  ASSERT_EQ(done["state"], "done") << done;
  EXPECT_EQ(done["processed"], 12);
  EXPECT_EQ(done["skipped"]["reasons"], nlohmann::json({{"text is not valid UTF-8", 9}})) << done;
  EXPECT_EQ(done["added"], 3);
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM plays"), 3);
  // The pair of escapes is one character, and the names in Japanese arrive as they were.
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM music_tracks WHERE name = 'Note \xF0\x9F\x8E\xB5'"),
            1);
  EXPECT_EQ(scalar(db_,
                   "SELECT count(*) FROM music_artists WHERE name = "
                   "'\xE3\x83\xA8\xE3\x83\xAB\xE3\x82\xB7\xE3\x82\xAB'"),
            1);
}

TEST_F(ImportDaemonTest, ZipBombsAreRefusedBeforeInflating) {
  std::string zeros(64u << 20, '\0');  // 64 MiB of zeros deflate to about 64 KiB
  auto bomb = waitForEnd(
      daemon_, upload(daemon_, "bomb.zip", zipArchive({{"Streaming_History_Audio_0.json", zeros}}))
                   .json()["import"]["id"]
                   .get<int64_t>());
  EXPECT_EQ(bomb["state"], "failed");
  EXPECT_NE(bomb["error"].get<std::string>().find("zip bomb"), std::string::npos) << bomb;
  auto broken =
      waitForEnd(daemon_, upload(daemon_, "broken.zip", std::string("PK\x03\x04garbage", 11))
                              .json()["import"]["id"]
                              .get<int64_t>());
  EXPECT_EQ(broken["state"], "failed");
  EXPECT_EQ(scalar(db_, "SELECT count(*) FROM plays"), 0);
}

TEST_F(ImportDaemonTest, OversizedUploadsAreRefusedUnread) {
  Poco::Net::HTTPClientSession session("127.0.0.1", daemon_.port());
  Poco::Net::HTTPRequest request(Poco::Net::HTTPRequest::HTTP_POST, "/api/imports", "HTTP/1.1");
  request.setContentType("multipart/form-data; boundary=x");
  request.setContentLength64(2LL << 30);  // 2 GiB announced
  std::ostream &out = session.sendRequest(request);
  out << "--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.zip\"\r\n\r\n";
  out.flush();
  Poco::Net::HTTPResponse response;
  session.receiveResponse(response);
  EXPECT_EQ(response.getStatus(), 413);
  auto wrongType = upload(daemon_, "photo.png", "not an export");
  EXPECT_EQ(wrongType.status, 415);
  EXPECT_EQ(daemon_.get("/api/imports/99").status, 404);
}

TEST(ImportCliTest, ResumesAfterKill9BesideARunningDaemon) {
  TempDir dir;
  const std::string data = (dir / "data").string(), db = data + "/encore.db";
  const std::string file = (dir / "Streaming_History_Audio_2016-2019_0.json").string();
  // Large enough for several pages of the importer (50,000 plays each), so the kill lands
  // between two of them.
  const int64_t entries = 160'000;
  const int64_t skipped = entries / 40 + entries / 25 - entries / 200;  // podcasts, < 30 s
  {
    std::ofstream out(file);
    writeExtendedHistory(out, entries, true);
  }
  DaemonProcess daemon({.dataDir = data});
  auto cli = [&] { return startImportCli(file, data); };
  pid_t first = cli();
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scalar(db, "SELECT count(*) FROM plays") > 0; },
                                     60'000, 5));
  kill(first, SIGKILL);
  waitpid(first, nullptr, 0);
  ASSERT_LT(scalar(db, "SELECT count(*) FROM plays"), entries - skipped);
  pid_t second = cli();
  int status = 0;
  waitpid(second, &status, 0);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM plays"), entries - skipped);
  EXPECT_EQ(scalar(db, "SELECT count(*) FROM imports"), 1);
  EXPECT_EQ(scalar(db, "SELECT processed FROM imports"), entries);
  EXPECT_EQ(scalar(db, "SELECT sum(count) FROM import_skips"), skipped);
  auto listed = daemon.get("/api/imports").json()["imports"];
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0]["state"], "done");
}

}  // namespace
}  // namespace encore::test
