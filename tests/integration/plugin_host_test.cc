// Plugins in a running daemon: refusals, the C example built out of tree, hot settings,
// rejected records, and Retry-After pauses.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "support/daemon_process.h"
#include "support/fake_server.h"
#include "support/shell.h"
#include "support/sqlite_peek.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using test::DaemonProcess;
using test::runShell;
namespace fs = std::filesystem;

TEST(PluginHostTest, RefusedPluginsAreListedWithTheirReasonsAndTheRestRuns) {
  test::TempDir dir;
  std::string plugins =
      pluginDirWith(dir, {"testkit.so", "older_minor.so", "bad_major.so", "newer_minor.so",
                          "short_entry.so", "no_entry.so", "init_fails.so"});
  test::writeFile(fs::path(plugins) / "corrupt.so", "not a shared library at all\n");
  DaemonProcess daemon({.dataDir = (dir / "data").string(), .pluginDir = plugins});
  std::map<std::string, nlohmann::json> byFile;
  auto all = daemon.get("/api/plugins").json();
  for (const auto &p : all["plugins"]) byFile[p["file"]] = p;
  ASSERT_EQ(byFile.size(), 8u);
  EXPECT_EQ(all["host_abi"], "1.1");
  EXPECT_EQ(byFile["testkit.so"]["status"], "loaded");
  EXPECT_EQ(byFile["testkit.so"]["abi"], "1.1");
  // A plugin built for an older minor of the same major loads.
  EXPECT_EQ(byFile["older_minor.so"]["status"], "loaded") << byFile["older_minor.so"];
  EXPECT_EQ(byFile["older_minor.so"]["abi"], "1.0");
  for (const char *refused : {"bad_major.so", "newer_minor.so", "short_entry.so", "no_entry.so",
                              "init_fails.so", "corrupt.so"}) {
    EXPECT_EQ(byFile[refused]["status"], "refused") << refused;
    EXPECT_FALSE(byFile[refused]["reason"].get<std::string>().empty()) << refused;
    EXPECT_NE(daemon.log().find(std::string("refused plugin ") + plugins + "/" + refused),
              std::string::npos)
        << refused;
  }
  EXPECT_NE(byFile["bad_major.so"]["reason"].get<std::string>().find("ABI 2.0"), std::string::npos);
  EXPECT_EQ(daemon.get("/api/health").status, 200);
  EXPECT_EQ(daemon.get("/api/health").json()["plugins"]["refused"], 6);
}

TEST(PluginHostTest, TheCExampleBuiltOutOfTreeRunsInTheDaemon) {
  test::TempDir dir;
  fs::path prefix = dir / "prefix";
  std::string out;
  ASSERT_EQ(
      runShell("cmake --install '" + test::binaryDir() + "' --prefix '" + prefix.string() + "'",
               &out),
      0)
      << out;
  ASSERT_TRUE(fs::exists(prefix / "include/encore/plugin_api.h"));
  ASSERT_TRUE(fs::exists(prefix / "lib/cmake/EncorePluginAPI/EncorePluginAPIConfig.cmake"));
  // Only the installed header: the example is copied away from the source tree.
  fs::path src = dir / "src";
  fs::create_directories(src);
  for (const char *f : {"hello.c", "CMakeLists.txt"}) {
    fs::copy_file(fs::path(test::sourceDir()) / "plugin_api/examples/hello" / f, src / f);
  }
  const std::string flags = " -std=c99 -pedantic -Werror -Wall -Wextra -fPIC -shared -I'" +
                            (prefix / "include").string() + "' '" + (src / "hello.c").string() +
                            "'";
  struct Build {
    std::string name;
    std::string command;
  };
  std::vector<Build> builds = {
      {"cc", "cc" + flags + " -o '" + (dir / "cc/hello.so").string() + "'"},
      {"clang", "clang" + flags + " -o '" + (dir / "clang/hello.so").string() + "'"},
      {"cmake", "cmake -S '" + src.string() + "' -B '" + (dir / "cmake-build").string() +
                    "' -DCMAKE_PREFIX_PATH='" + prefix.string() + "' && cmake --build '" +
                    (dir / "cmake-build").string() + "' && mkdir -p '" + (dir / "cmake").string() +
                    "' && cp '" + (dir / "cmake-build/hello.so").string() + "' '" +
                    (dir / "cmake").string() + "/'"}};
  for (const auto &build : builds) {
    SCOPED_TRACE(build.name);
    fs::create_directories(dir / build.name);
    ASSERT_EQ(runShell(build.command, &out), 0) << out;
    std::string symbols;
    runShell("nm -D --defined-only '" + (dir / build.name / "hello.so").string() + "'", &symbols);
    if (build.name == "cmake") {
      // The package's version script keeps everything but the entry hidden.
      EXPECT_NE(symbols.find("encore_plugin_entry"), std::string::npos);
      EXPECT_EQ(symbols.find("greet"), std::string::npos) << symbols;
    }
    std::string data = (dir / ("data-" + build.name)).string();
    DaemonProcess daemon({.dataDir = data, .pluginDir = (dir / build.name).string()});
    ASSERT_EQ(daemon.get("/api/plugins").json()["plugins"][0]["status"], "loaded");
    ASSERT_TRUE(DaemonProcess::waitFor(
        [&] { return test::queryInt(data, "SELECT count(*) FROM artists") >= 1; }, 10000));
    EXPECT_EQ(test::queryText(data, "SELECT name FROM artists WHERE external_id = 'hello-1'"),
              "hello 1");
    EXPECT_EQ(test::queryText(
                  data, "SELECT value FROM plugin_kv WHERE plugin = 'hello' AND key = 'count'"),
              "1");
  }
}

TEST(PluginHostTest, ACooldownChangedThroughTheApiAppliesWithoutRestart) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data, .pluginDir = test::pluginDirWith(dir, {"testkit.so"})});
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::queryInt(data, "SELECT count(*) FROM job_runs WHERE status = 'ok'") == 1;
      },
      5000));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(test::queryInt(data, "SELECT count(*) FROM job_runs"), 1);  // an hour's cooldown
  EXPECT_EQ(worker(daemon, "testkit.work")["cooldown_seconds"], 3600);
  ASSERT_EQ(daemon.put("/api/settings", {{"testkit.interval_seconds", 1}}).status, 200);
  EXPECT_EQ(worker(daemon, "testkit.work")["cooldown_seconds"], 1);
  EXPECT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::queryInt(data, "SELECT count(*) FROM job_runs WHERE status = 'ok'") >= 3;
      },
      6000));
}

TEST(PluginHostTest, TheMasterToggleAndRunNow) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data, .pluginDir = test::pluginDirWith(dir, {"hello.so"})});
  ASSERT_EQ(
      daemon.put("/api/settings", {{"hello.enabled", false}, {"hello.interval_seconds", 1}}).status,
      200);
  // A run may have started just before the toggle; none may start after it.
  const int64_t toggledAt = std::chrono::duration_cast<std::chrono::milliseconds>(
                                std::chrono::system_clock::now().time_since_epoch())
                                .count();
  std::this_thread::sleep_for(std::chrono::milliseconds(2500));
  EXPECT_EQ(test::queryInt(
                data, "SELECT count(*) FROM job_runs WHERE job = 'hello.greet' AND started_at > " +
                          std::to_string(toggledAt)),
            0);
  EXPECT_EQ(worker(daemon, "hello.greet")["state"], "disabled");
  EXPECT_EQ(daemon.post("/api/workers/hello.greet/run").status, 202);  // explicit: runs anyway
  EXPECT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::queryInt(data,
                              "SELECT count(*) FROM job_runs WHERE job = 'hello.greet' AND trigger "
                              "= 'manual'") == 1;
      },
      5000));
}

TEST(PluginHostTest, RejectedRecordsFailTheRunWithTheReasonAndKeepStoredData) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data, .pluginDir = test::pluginDirWith(dir, {"testkit.so"})});
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return test::queryInt(data, "SELECT count(*) FROM artists") == 1; }, 5000));
  ASSERT_EQ(daemon.put("/api/settings", {{"testkit.mode", "invalid_record"}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return daemon.post("/api/workers/testkit.work/run").status == 202; }, 5000));
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return worker(daemon, "testkit.work")["last_run"]["status"] == "failed"; }, 5000));
  auto w = worker(daemon, "testkit.work");
  EXPECT_EQ(w["last_error"], "rejected records: records[1].name: must not be empty");
  EXPECT_EQ(test::queryInt(data, "SELECT count(*) FROM artists"), 1);
  EXPECT_EQ(test::queryText(data, "SELECT error FROM job_runs ORDER BY id DESC LIMIT 1"),
            "rejected records: records[1].name: must not be empty");
}

TEST(PluginHostTest, ARetryAfterHoldsThePluginAndNothingIsSentUntilItPasses) {
  test::FakeServer upstream([](const test::RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    res.set("Retry-After", "3");
    test::FakeServer::reply(res, 429, "application/json",
                            R"({"error":{"status":429,"message":"API rate limit exceeded"}})");
  });
  test::TempDir dir;
  std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data,
                        .pluginDir = test::pluginDirWith(dir, {"testkit.so"}),
                        .env = {{"ENCORE_TESTKIT_URL", upstream.url() + "/resource"}}});
  ASSERT_EQ(daemon.put("/api/settings", {{"testkit.mode", "http"}, {"testkit.interval_seconds", 1}})
                .status,
            200);
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return upstream.requestCount() >= 1; }, 5000));
  // The 429 has arrived; the run ends right after it.
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return worker(daemon, "testkit.work")["state"] == "held"; }, 3000));
  auto w = worker(daemon, "testkit.work");
  EXPECT_EQ(w["state"], "held");
  EXPECT_FALSE(w["paused_until"].is_null());
  EXPECT_NE(w["pause_reason"].get<std::string>().find("rate-limited until"), std::string::npos);
  auto denied = daemon.post("/api/workers/testkit.work/run");
  EXPECT_EQ(denied.status, 409);
  EXPECT_EQ(denied.json()["error"]["code"], "held");
  EXPECT_EQ(test::queryInt(data, "SELECT count(*) FROM host_pauses"), 1);
  std::this_thread::sleep_for(std::chrono::milliseconds(2000));
  EXPECT_EQ(upstream.requestCount(), 1u);  // a 1 s cooldown, yet nothing inside the 3 s pause
  upstream.setHandler([](const test::RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    test::FakeServer::reply(res, 200, "text/plain", "fine");
  });
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return upstream.requestCount() >= 2; }, 5000));
  auto requests = upstream.requests();
  EXPECT_GE(requests[1].atMs - requests[0].atMs, 2900);
  EXPECT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::queryText(data, "SELECT value FROM plugin_kv WHERE key = 'last_status'") ==
               "200";
      },
      5000));
}

TEST(PluginHostTest, AGradualJobWorksThroughStoredItems) {
  test::TempDir dir;
  std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data, .pluginDir = test::pluginDirWith(dir, {"hello.so"})});
  ASSERT_EQ(daemon.put("/api/settings", {{"hello.interval_seconds", 1}}).status, 200);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return test::queryInt(data, "SELECT count(*) FROM artists") >= 3; }, 8000));
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return daemon.post("/api/workers/hello.review/run").status == 202; }, 5000));
  EXPECT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::queryInt(
                   data, "SELECT count(*) FROM gradual_progress WHERE job = 'hello.review'") >= 2;
      },
      5000));
}

}  // namespace
}  // namespace encore
