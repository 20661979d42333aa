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
  EXPECT_EQ(health.json()["plugins"]["loaded"], 1);
  EXPECT_EQ(daemon.stop(SIGTERM), 0);
}

}  // namespace
}  // namespace encore
