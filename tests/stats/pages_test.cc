// The pages and /api/stats served by the real daemon: on a first start with nothing
// stored, and over a generated history.
#include <gtest/gtest.h>

#include <fstream>
#include <map>

#include "stats/history_generator.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

bool mapsLibvips(pid_t pid) {
  std::ifstream maps("/proc/" + std::to_string(pid) + "/maps");
  std::string line;
  while (std::getline(maps, line)) {
    if (line.find("libvips.so") != std::string::npos) return true;
  }
  return false;
}

const char *const kPages[] = {
    "/", "/settings", "/workers", "/stats", "/stats?range=4w", "/wrapped/2025", "/playlists"};

TEST(StatsPages, EveryPageAndStatisticWorksOnAnEmptyDatabase) {
  TempDir dir;
  DaemonProcess daemon({.dataDir = (dir / "data").string()});
  for (const char *path : kPages) {
    auto page = daemon.get(path);
    EXPECT_EQ(page.status, 200) << path << ": " << page.body.substr(0, 300);
    EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos) << path;
    EXPECT_NE(page.body.find("/assets/app.js"), std::string::npos) << path;
  }
  EXPECT_NE(daemon.get("/stats").body.find("No plays in this range yet"), std::string::npos);
  auto index = daemon.get("/api/stats").json();
  EXPECT_EQ(index["plays"], 0);
  for (const auto &endpoint : index["endpoints"]) {
    std::string path = endpoint;
    if (path.find("{year}") != std::string::npos) path.replace(path.find("{year}"), 6, "2025");
    auto r = daemon.get(path);
    EXPECT_EQ(r.status, 200) << path << ": " << r.body;
  }
  // libvips (a hundred shared libraries) is mapped for the first card, not at rest.
  EXPECT_FALSE(mapsLibvips(daemon.pid()));
  auto card = daemon.get("/wrapped/2025/card.webp");
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_TRUE(mapsLibvips(daemon.pid()));
  EXPECT_EQ(card.header("Content-Type"), "image/webp");
  ASSERT_GT(card.body.size(), 1000u);
  EXPECT_EQ(card.body.substr(0, 4), "RIFF");
  EXPECT_EQ(card.body.substr(8, 4), "WEBP");
  auto css = daemon.get("/assets/app.css");
  EXPECT_EQ(css.status, 200);
  EXPECT_NE(css.header("Content-Type").find("text/css"), std::string::npos);
  EXPECT_EQ(daemon.get("/assets/nope.js").status, 404);
  auto wrapped = daemon.get("/wrapped");
  EXPECT_EQ(wrapped.status, 302);
  EXPECT_EQ(wrapped.header("Location").rfind("/wrapped/20", 0), 0u);
}

TEST(StatsPages, ChartsAndListsFillFromAHistoryAndBadQueriesNameTheirField) {
  TempDir dir;
  HistorySpec spec;
  spec.plays = 3000;
  spec.tracks = 200;
  spec.artists = 30;
  spec.years = 2;
  auto seeded = generateHistory((dir / "data").string(), spec);
  DaemonProcess daemon({.dataDir = (dir / "data").string()});

  auto totals = daemon.get("/api/stats/totals?range=all").json();
  EXPECT_EQ(totals["totals"]["plays"], 3000);
  EXPECT_EQ(totals["range"]["preset"], "all");
  auto top = daemon.get("/api/stats/top-artists?range=1y&limit=3").json()["top-artists"];
  ASSERT_EQ(top.size(), 3u);
  EXPECT_GE(top[0]["plays"].get<int>(), top[1]["plays"].get<int>());
  EXPECT_TRUE(top[0]["image"].is_string() || top[0]["image"].is_null());

  auto page = daemon.get("/stats?range=all").body;
  EXPECT_NE(page.find("chart-heatmap"), std::string::npos);
  EXPECT_NE(page.find("chart-hours"), std::string::npos);
  EXPECT_NE(page.find("chart-evolution"), std::string::npos);
  EXPECT_NE(page.find("class=\"cell\" data-plays=\""), std::string::npos);
  EXPECT_EQ(page.find("No plays in this range yet"), std::string::npos);
  EXPECT_NE(page.find("profile-name"), std::string::npos);

  auto bad = daemon.get("/api/stats/totals?from=2024-02-30");
  EXPECT_EQ(bad.status, 400);
  EXPECT_TRUE(bad.json()["error"]["fields"].contains("from"));
  EXPECT_EQ(daemon.get("/api/stats/totals?tz=Nowhere/Land").json()["error"]["fields"].count("tz"),
            1u);
  EXPECT_EQ(daemon.get("/api/stats/top-tracks?limit=0").status, 400);
  EXPECT_EQ(daemon.get("/api/stats/nothing").status, 404);
  EXPECT_EQ(daemon.get("/api/stats/wrapped/1999").status, 400);
  EXPECT_EQ(daemon.get("/stats?from=2024-99-01").status, 400);

  // The time zone setting moves the days: the same range in another zone counts differently
  // only at its edges, and the answer names the zone used.
  ASSERT_EQ(daemon.put("/api/settings", {{"server.timezone", "Asia/Tokyo"}}).status, 200);
  EXPECT_EQ(daemon.get("/api/stats/hours").json()["range"]["timezone"], "Asia/Tokyo");
  EXPECT_EQ(daemon.get("/stats").body.find("zone-warning"), std::string::npos);
  // A zone this system does not know is refused beside its field; the stats keep theirs.
  auto unknown = daemon.put("/api/settings", {{"server.timezone", "Mars/Olympus_Mons"}});
  ASSERT_EQ(unknown.status, 400);
  EXPECT_TRUE(unknown.json()["error"]["fields"].contains("server.timezone"));
  EXPECT_EQ(daemon.get("/api/stats/hours").json()["range"]["timezone"], "Asia/Tokyo");
  EXPECT_EQ(daemon.get("/stats").body.find("zone-warning"), std::string::npos);

  // Restarting reuses the saved index and answers the same.
  auto before = daemon.get("/api/stats/top-tracks?range=all&limit=5").json();
  ASSERT_EQ(daemon.stop(), 0);
  EXPECT_TRUE(std::filesystem::exists(dir / "data" / "stats-index.bin"));
  DaemonProcess again({.dataDir = (dir / "data").string()});
  EXPECT_EQ(again.get("/api/stats/top-tracks?range=all&limit=5").json(), before);
  (void)seeded;
}

TEST(StatsPages, NamesInEveryScriptShowWholeInListsInitialsAndTheCard) {
  TempDir dir;
  HistorySpec spec;
  spec.plays = 2000;
  spec.tracks = 48;
  spec.artists = 12;  // one of each name in kWorldArtistNames
  spec.years = 1;
  spec.worldNames = true;
  generateHistory((dir / "data").string(), spec);
  DaemonProcess daemon({.dataDir = (dir / "data").string()});

  const std::string stats = daemon.get("/stats?range=all").body;
  // Every artist's initial is one whole character of its name, as a reader sees it.
  const std::map<std::string, std::string> initials = {
      {"坂本龍一", "坂"},
      {"아이유", "아"},
      {"Земфира", "З"},
      {"Ólafur Arnalds", "Ó"},
      {"👩🏽‍🎤 Ms. Mic", "👩🏽‍🎤"},
      {"🇯🇵 City Pop", "🇯🇵"},
      {"宇多田ヒカル", "宇"},
      {"방탄소년단", "방"},
      {"Кино", "К"},
      {"Sigur Rós", "S"},
      {"Björk", "B"},
      {"Þursaflokkurinn", "Þ"}};
  auto top = daemon.get("/api/stats/top-artists?range=all&limit=10").json()["top-artists"];
  ASSERT_EQ(top.size(), 10u);
  for (const auto &artist : top) {
    const std::string name = artist["name"];
    ASSERT_EQ(initials.count(name), 1u) << name;
    EXPECT_NE(stats.find("data-initials=\"" + initials.at(name) + "\""), std::string::npos) << name;
    EXPECT_NE(stats.find("<span class=\"name\">" + name + "</span>"), std::string::npos) << name;
  }
  EXPECT_EQ(stats.find("\xEF\xBF\xBD"), std::string::npos) << "a replacement character";
  EXPECT_NE(stats.find("戦場のメリークリスマス"), std::string::npos);

  const int year = static_cast<int>(
      std::stoi(daemon.get("/wrapped").header("Location").substr(std::string("/wrapped/").size())));
  const std::string wrapped = daemon.get("/wrapped/" + std::to_string(year)).body;
  EXPECT_EQ(wrapped.find("\xEF\xBF\xBD"), std::string::npos);
  const auto yearTop =
      daemon.get("/api/stats/wrapped/" + std::to_string(year)).json()["top_artists"];
  ASSERT_FALSE(yearTop.empty());
  EXPECT_NE(
      wrapped.find("data-initials=\"" + initials.at(yearTop[0]["name"].get<std::string>()) + "\""),
      std::string::npos);
  auto card = daemon.get("/wrapped/" + std::to_string(year) + "/card.webp");
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(card.body.substr(8, 4), "WEBP");
  // Every name on the card has its glyphs: the daemon says otherwise in its log.
  EXPECT_EQ(daemon.log().find("as boxes"), std::string::npos) << daemon.log();
}

}  // namespace
}  // namespace encore::test
