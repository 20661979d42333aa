// The real encored binary, started as a process.
#include <gtest/gtest.h>
#include <signal.h>

#include <filesystem>

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
  // Every plugin the build put into the plugin directory (the example and the real ones).
  int built = 0;
  for (const auto &f : std::filesystem::directory_iterator(test::builtPluginDir())) {
    built += f.path().extension() == ".so";
  }
  EXPECT_GE(built, 1);
  EXPECT_EQ(health.json()["plugins"]["loaded"], built);
  EXPECT_EQ(health.json()["plugins"]["refused"], 0);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace encore
