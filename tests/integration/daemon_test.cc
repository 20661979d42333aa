// The real encored binary as a process: start-up, options, signals, crashes, migrations.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>

#include "support/daemon_process.h"
#include "support/sqlite_peek.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using test::DaemonProcess;
namespace fs = std::filesystem;

/// Gets testkit's slow mode running: "run now", or the start-up run itself when the mode
/// was set before it began (then "run now" answers 409 for as long as it writes). A
/// start-up run that began before the mode changed stores one artist and ends; it is not
/// taken for the slow run, which has stored a second one within its first 100 ms.
void startSlowRun(const DaemonProcess &daemon, const std::string &data) {
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        if (daemon.post("/api/workers/testkit.work/run").status == 202) return true;
        auto workers = daemon.get("/api/workers").json();
        for (const auto &w : workers["workers"]) {
          if (w["job"] == "testkit.work" && w["state"] == "running") {
            return test::queryInt(data, "SELECT count(*) FROM artists") >= 2;
          }
        }
        return false;
      },
      5000));
}

TEST(DaemonTest, ServesHealthWithTheRealPluginsAndNoExample) {
  test::TempDir dir;
  DaemonProcess daemon({.dataDir = (dir / "data").string()});
  auto health = daemon.get("/api/health");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  // The build's plugin directory holds the real plugins alone: the example and the test
  // plugins are built elsewhere.
  std::set<std::string> built;
  for (const auto &f : std::filesystem::directory_iterator(test::builtPluginDir())) {
    if (f.path().extension() == ".so") built.insert(f.path().stem().string());
  }
  EXPECT_TRUE(built.count("spotify") && built.count("lastfm") && built.count("spotify_export"));
  EXPECT_FALSE(built.count("hello"));
  std::set<std::string> loaded;
  const auto plugins = daemon.get("/api/plugins").json();  // kept: the loop reads into it
  for (const auto &p : plugins["plugins"]) loaded.insert(p["id"]);
  EXPECT_EQ(loaded, built);
  EXPECT_EQ(health.json()["plugins"]["loaded"], built.size());
  EXPECT_EQ(health.json()["plugins"]["refused"], 0);
  EXPECT_GE(health.json()["schema_version"].get<int>(), 3);
  EXPECT_TRUE(fs::exists(dir / "data" / "encore.db"));
  EXPECT_EQ(test::queryText((dir / "data").string(), "PRAGMA journal_mode"), "wal");
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

TEST(DaemonTest, StopsWithinTwoSecondsOnSigtermWhileAJobIsWriting) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data, .pluginDir = test::pluginDirWith(dir, {"testkit.so"})});
  ASSERT_EQ(daemon.put("/api/settings", {{"testkit.mode", "slow"}}).status, 200);
  startSlowRun(daemon, data);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return test::queryInt(data, "SELECT count(*) FROM artists") >= 3; }, 10000));
  auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon.stop(SIGTERM, 5000), 0);
  auto took = std::chrono::steady_clock::now() - started;
  EXPECT_LT(took, std::chrono::seconds(2)) << daemon.log();
  // The run was cancelled, recorded as such, and every stored page kept its checkpoint.
  EXPECT_EQ(test::queryText(data, "SELECT status FROM job_runs ORDER BY id DESC LIMIT 1"),
            "cancelled");
  EXPECT_EQ(test::queryText(data, "PRAGMA integrity_check"), "ok");
  EXPECT_EQ(test::queryText(data, "SELECT value FROM plugin_kv WHERE key = 'count'"),
            std::to_string(test::queryInt(data, "SELECT count(*) FROM artists")));
}

TEST(DaemonTest, SigintStopsItToo) {
  test::TempDir dir;
  DaemonProcess daemon({.dataDir = (dir / "data").string()});
  EXPECT_EQ(daemon.stop(SIGINT), 0);
  EXPECT_NE(daemon.log().find("stopped"), std::string::npos);
}

TEST(DaemonTest, AKillDuringARunLosesNothingAndTheRunIsMarkedInterrupted) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  std::string plugins = test::pluginDirWith(dir, {"testkit.so"});
  int64_t killedRun = 0;
  {
    DaemonProcess daemon({.dataDir = data, .pluginDir = plugins});
    daemon.put("/api/settings", {{"testkit.mode", "slow"}});
    startSlowRun(daemon, data);
    ASSERT_TRUE(DaemonProcess::waitFor(
        [&] { return test::queryInt(data, "SELECT count(*) FROM artists") >= 3; }, 10000));
    killedRun = test::queryInt(data, "SELECT max(id) FROM job_runs");
    daemon.kill9();
  }
  int64_t stored = test::queryInt(data, "SELECT count(*) FROM artists");
  DaemonProcess again({.dataDir = data, .pluginDir = plugins});
  EXPECT_EQ(
      test::queryText(data, "SELECT status FROM job_runs WHERE id = " + std::to_string(killedRun)),
      "interrupted");
  // Each page came with its checkpoint: the counter matches what was stored, and the
  // settings changed before the crash are still in force.
  EXPECT_EQ(test::queryText(data, "SELECT value FROM plugin_kv WHERE key = 'count'"),
            std::to_string(stored));
  auto all = again.get("/api/settings").json();
  for (const auto &s : all["settings"]) {
    if (s["key"] == "testkit.mode") {
      EXPECT_EQ(s["value"], "slow");
    }
  }
  EXPECT_NE(again.log().find("interrupted by the last shutdown"), std::string::npos);
}

TEST(DaemonTest, RefusesADatabaseNewerThanItselfAndLeavesItUntouched) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  {
    DaemonProcess daemon({.dataDir = data});
    daemon.stop();
  }
  {
    // A future version's schema: insert directly, as that version would have.
    std::string cmd =
        "sqlite3 '" + data +
        "/encore.db' \"INSERT INTO schema_migrations VALUES (9999, '9999_future', 0)\"";
    if (std::system("command -v sqlite3 >/dev/null") != 0)
      GTEST_SKIP() << "sqlite3 shell not installed";
    ASSERT_EQ(std::system(cmd.c_str()), 0);
  }
  std::string before = test::readFile(fs::path(data) / "encore.db");
  DaemonProcess daemon({.dataDir = data, .waitUntilListening = false});
  EXPECT_EQ(daemon.waitExit(10000), 78);  // EX_CONFIG
  EXPECT_NE(daemon.log().find("has schema version 9999 but this encored knows only up to"),
            std::string::npos)
      << daemon.log();
  EXPECT_EQ(test::readFile(fs::path(data) / "encore.db"), before);
}

TEST(DaemonTest, OptionsComeFromCommandLineThenEnvironmentThenConfigFile) {
  test::TempDir dir;
  std::string config = (dir / "encore.properties").string();
  test::writeFile(config,
                  "ENCORE_LOG_LEVEL = debug\nENCORE_BIND = 127.0.0.1\nENCORE_HELLO_URL = "
                  "http://127.0.0.1:9/x\n");
  // The example plugin's job runs at once (the real plugins wait to be connected).
  DaemonProcess daemon({.dataDir = (dir / "data").string(),
                        .pluginDir = test::pluginDirWith(dir, {"hello.so"}),
                        .args = {"--config", config},
                        .env = {{"ENCORE_DATA_DIR", (dir / "ignored").string()}}});
  // --data-dir on the command line beat ENCORE_DATA_DIR; the config file set the log level.
  EXPECT_TRUE(fs::exists(dir / "data" / "encore.db"));
  EXPECT_FALSE(fs::exists(dir / "ignored"));
  // The first job starts right after the daemon listens, and logs that at debug level.
  EXPECT_TRUE(DaemonProcess::waitFor(
      [&] { return daemon.log().find("[Debug]") != std::string::npos; }, 5000));
}

TEST(DaemonTest, RunsDetachedWithAPidFile) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  std::string pidFile = (dir / "encored.pid").string();
  DaemonProcess launcher(
      {.dataDir = data, .args = {"--daemon", "--pidfile", pidFile}, .waitUntilListening = false});
  EXPECT_EQ(launcher.waitExit(5000), 0);  // the parent returns at once
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return fs::exists(pidFile) && fs::exists(fs::path(data) / "encored.log"); }, 5000));
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::readFile(fs::path(data) / "encored.log").find("listening on") !=
               std::string::npos;
      },
      10000));
  pid_t pid = std::stoi(test::readFile(pidFile));
  ASSERT_EQ(::kill(pid, SIGTERM), 0);
  EXPECT_TRUE(DaemonProcess::waitFor([&] { return ::kill(pid, 0) != 0; }, 5000));
  EXPECT_NE(test::readFile(fs::path(data) / "encored.log").find("stopped"), std::string::npos);
}

TEST(DaemonTest, ABusyPortStopsStartUpWithAClearMessage) {
  test::TempDir dir;
  DaemonProcess first({.dataDir = (dir / "a").string()});
  DaemonProcess second(
      {.dataDir = (dir / "b").string(), .port = first.port(), .waitUntilListening = false});
  EXPECT_NE(second.waitExit(10000), 0);
  EXPECT_NE(second.log().find("cannot start"), std::string::npos) << second.log();
}

}  // namespace
}  // namespace encore
