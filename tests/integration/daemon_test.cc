// The real encored binary, started as a process.
#include <gtest/gtest.h>
#include <signal.h>

#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using test::DaemonProcess;

TEST(DaemonTest, ServesHealthWithTheExamplePluginLoaded) {
  test::TempDir dir;
  DaemonProcess daemon({.dataDir = (dir / "data").string()});
  auto health = daemon.get("/api/health");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(health.json()["status"], "ok");
  // Every plugin built into the plugin directory loads, the example among them.
  EXPECT_GE(health.json()["plugins"]["loaded"].get<int>(), 1);
  bool hello = false;
  const auto plugins = daemon.get("/api/plugins").json();
  for (const auto &p : plugins["plugins"]) hello = hello || (p["id"] == "hello" && p["status"] == "loaded");
  EXPECT_TRUE(hello);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace encore
