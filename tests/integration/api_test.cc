// The JSON API of a running daemon: errors, settings, secrets, workers.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "support/daemon_process.h"
#include "support/sqlite_peek.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using test::DaemonProcess;
namespace fs = std::filesystem;

class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir = new test::TempDir();
    fs::create_directories(*dir / "plugins");
    fs::copy_file(fs::path(test::testPluginDir()) / "testkit.so", *dir / "plugins" / "testkit.so");
    fs::copy_file(fs::path(test::testPluginDir()) / "hello.so", *dir / "plugins" / "hello.so");
    daemon = new DaemonProcess(
        {.dataDir = (*dir / "data").string(), .pluginDir = (*dir / "plugins").string()});
  }
  static void TearDownTestSuite() {
    delete daemon;
    delete dir;
  }
  static nlohmann::json setting(const std::string &key) {
    auto all = daemon->get("/api/settings").json();
    for (const auto &s : all["settings"]) {
      if (s["key"] == key) return s;
    }
    return nullptr;
  }
  static test::TempDir *dir;
  static DaemonProcess *daemon;
};
test::TempDir *ApiTest::dir = nullptr;
DaemonProcess *ApiTest::daemon = nullptr;

TEST_F(ApiTest, UnknownRoutesWrongMethodsAndMalformedBodiesAreJsonErrors) {
  auto notFound = daemon->get("/api/nothing");
  EXPECT_EQ(notFound.status, 404);
  EXPECT_EQ(notFound.json()["error"]["code"], "not_found");
  auto wrongMethod = test::httpCall("DELETE", daemon->url() + "/api/settings");
  EXPECT_EQ(wrongMethod.status, 405);
  EXPECT_EQ(wrongMethod.json()["error"]["code"], "method_not_allowed");
  EXPECT_EQ(wrongMethod.header("Allow"), "GET, PUT");
  auto malformed = test::httpCall("PUT", daemon->url() + "/api/settings", "{\"hello.greeting\": ");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(malformed.json()["error"]["code"], "malformed_json");
  auto notObject = test::httpCall("PUT", daemon->url() + "/api/settings", "[1,2,3]");
  EXPECT_EQ(notObject.status, 400);
  EXPECT_EQ(daemon->post("/api/workers/nope.job/run").status, 404);
}

TEST_F(ApiTest, SettingsPutValidatesEverythingFirstAndAppliesNothingOnError) {
  auto before = setting("hello.greeting")["value"];
  auto bad = daemon->put("/api/settings", {{"hello.greeting", "hi"},
                                           {"hello.interval_seconds", 0},
                                           {"hello.enabled", "yes"},
                                           {"nobody.knows", 1}});
  ASSERT_EQ(bad.status, 400);
  auto error = bad.json()["error"];
  EXPECT_EQ(error["code"], "invalid_settings");
  EXPECT_EQ(error["fields"]["hello.interval_seconds"], "expected an integer between 1 and 86400");
  EXPECT_EQ(error["fields"]["hello.enabled"], "expected true or false");
  EXPECT_EQ(error["fields"]["nobody.knows"], "unknown setting");
  EXPECT_FALSE(error["fields"].contains("hello.greeting"));
  EXPECT_EQ(setting("hello.greeting")["value"], before);
  auto good = daemon->put("/api/settings", {{"hello.greeting", "hi"}});
  EXPECT_EQ(good.status, 200);
  EXPECT_EQ(setting("hello.greeting")["value"], "hi");
}

TEST_F(ApiTest, AnUnknownTimeZoneIsRefusedBesideItsField) {
  auto bad = daemon->put("/api/settings", {{"server.timezone", "Europe/Atlantis"}});
  ASSERT_EQ(bad.status, 400);
  EXPECT_NE(
      bad.json()["error"]["fields"]["server.timezone"].get<std::string>().find("unknown time zone"),
      std::string::npos);
  EXPECT_EQ(setting("server.timezone")["value"], "UTC");
  EXPECT_EQ(daemon->put("/api/settings", {{"server.timezone", "Asia/Tokyo"}}).status, 200);
  EXPECT_EQ(daemon->put("/api/settings", {{"server.timezone", nullptr}}).status, 200);
}

TEST_F(ApiTest, BodiesOver64KiBAreRefused) {
  std::string huge = "{\"hello.greeting\": \"" + std::string(70 * 1024, 'x') + "\"}";
  auto r = test::httpCall("PUT", daemon->url() + "/api/settings", huge);
  EXPECT_EQ(r.status, 400);
  EXPECT_EQ(r.json()["error"]["code"], "body_too_large");
}

TEST_F(ApiTest, SettingsCarryTheirSchema) {
  auto interval = setting("hello.interval_seconds");
  EXPECT_EQ(interval["type"], "int");
  EXPECT_EQ(interval["min"], 1);
  EXPECT_EQ(interval["max"], 86400);
  EXPECT_EQ(interval["default"], 60);
  EXPECT_EQ(interval["owner"], "hello");
  EXPECT_FALSE(interval["description"].get<std::string>().empty());
  EXPECT_EQ(setting("server.timezone")["value"], "UTC");
}

TEST_F(ApiTest, SecretsAreWriteOnlyAndNeverLogged) {
  EXPECT_EQ(setting("testkit.token")["is_set"], false);
  ASSERT_EQ(daemon->put("/api/settings", {{"testkit.token", "s3cr3t-v4lue"}}).status, 200);
  auto token = setting("testkit.token");
  EXPECT_EQ(token["is_set"], true);
  EXPECT_FALSE(token.contains("value"));
  EXPECT_EQ(daemon->get("/api/settings").body.find("s3cr3t-v4lue"), std::string::npos);
  EXPECT_EQ(daemon->log().find("s3cr3t-v4lue"), std::string::npos);
}

TEST_F(ApiTest, SpotifySyncAnswersThatThePluginIsMissing) {
  auto r = daemon->get("/api/settings/spotify-sync");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.json()["error"]["code"], "plugin_not_loaded");
}

TEST_F(ApiTest, DbStatsCountsWhatIsStored) {
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return daemon->get("/api/settings/db-stats").json()["artists"] >= 1; }, 5000));
  auto stats = daemon->get("/api/settings/db-stats").json();
  for (const char *key : {"artists", "followed_artists", "albums", "tracks", "playlists",
                          "liked_songs", "saved_albums", "plays"}) {
    EXPECT_TRUE(stats[key].is_number_integer()) << key;
  }
}

TEST_F(ApiTest, SettingsTitleEveryGroupAndOfferTheSystemsTimeZones) {
  auto all = daemon->get("/api/settings").json();
  ASSERT_TRUE(all["groups"].is_array()) << all.dump().substr(0, 300);
  std::map<std::string, std::string> titles;
  for (const auto &g : all["groups"]) titles[g["owner"]] = g["title"];
  for (const auto &s : all["settings"]) {
    const std::string owner = s["owner"];
    ASSERT_EQ(titles.count(owner), 1u) << owner;
    EXPECT_NE(titles[owner], owner) << "the group " << owner << " has no title";
  }
  EXPECT_EQ(titles["imports"], "Imports");
  EXPECT_EQ(titles["server"], "Server");
  EXPECT_EQ(titles["testkit"], "Test kit");  // a plugin's group: its own name

  const auto zone = setting("server.timezone");
  ASSERT_TRUE(zone["suggestions"].is_array());
  const auto zones = zone["suggestions"].get<std::vector<std::string>>();
  EXPECT_GT(zones.size(), 300u);
  EXPECT_TRUE(std::is_sorted(zones.begin(), zones.end()));
  for (const char *name : {"UTC", "Europe/Berlin", "Asia/Tokyo", "America/Argentina/Buenos_Aires"})
    EXPECT_NE(std::find(zones.begin(), zones.end(), name), zones.end()) << name;
  for (const auto &name : zones) {
    EXPECT_NE(name.rfind("posix/", 0), 0u) << name;
    EXPECT_NE(name.rfind("right/", 0), 0u) << name;
  }
  // What is offered is accepted: a sample across the list.
  for (size_t i = 0; i < zones.size(); i += zones.size() / 12) {
    EXPECT_EQ(daemon->put("/api/settings", {{"server.timezone", zones[i]}}).status, 200)
        << zones[i];
  }
  EXPECT_EQ(daemon->put("/api/settings", {{"server.timezone", nullptr}}).status, 200);
  EXPECT_FALSE(setting("server.public_url").contains("suggestions"));
}

TEST_F(ApiTest, WorkersShowEveryJobWithItsState) {
  auto all = daemon->get("/api/workers").json();
  std::set<std::string> jobs;
  for (const auto &w : all["workers"]) {
    jobs.insert(w["job"]);
    EXPECT_TRUE(w.contains("enabled"));
    EXPECT_TRUE(w.contains("next_due"));
    EXPECT_TRUE(w.contains("breaker"));
    EXPECT_TRUE(w.contains("paused_until"));
    EXPECT_TRUE(w.contains("last_error"));
  }
  EXPECT_EQ(jobs, (std::set<std::string>{"hello.fetch", "hello.greet", "hello.review",
                                         "playlists.push", "testkit.work"}));
}

}  // namespace
}  // namespace encore
