// The C++ SDK in a running daemon: the example plugin built out of tree from an installed
// prefix alone, loaded and run; and its guard turning an exception into the run's code and
// error text, as /api/workers shows it.
#include <gtest/gtest.h>

#include <filesystem>

#include "encore/plugin_api.h"
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

/// A server that answers every request 503, as a broken upstream does.
test::FakeServer brokenUpstream() {
  return test::FakeServer([](const test::RecordedRequest &, Poco::Net::HTTPServerResponse &res) {
    test::FakeServer::reply(res, 503, "text/plain", "down for maintenance");
  });
}

/// Greets, then fails its fetch with the reason the plugin gave.
void expectGreetingAndFailedFetch(const DaemonProcess &daemon, const std::string &data) {
  auto plugins = daemon.get("/api/plugins").json();
  EXPECT_EQ(plugins["host_abi"], ENCORE_ABI_VERSION_STRING);
  ASSERT_EQ(plugins["plugins"][0]["status"], "loaded") << plugins;
  EXPECT_EQ(plugins["plugins"][0]["abi"], ENCORE_ABI_VERSION_STRING);
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] {
        return test::queryText(
                   data, "SELECT name FROM artists WHERE external_id = 'hello-cpp-1'") == "hello 1";
      },
      10000))
      << daemon.log();
  EXPECT_EQ(test::queryText(
                data, "SELECT value FROM plugin_kv WHERE plugin = 'hello_cpp' AND key = 'count'"),
            "1");
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return worker(daemon, "hello_cpp.fetch")["last_run"]["status"] == "failed"; }, 10000))
      << daemon.get("/api/workers").json().dump();
  // The exception's code gives the first words, its message the rest.
  EXPECT_EQ(worker(daemon, "hello_cpp.fetch")["last_error"],
            "failed: the server answered HTTP 503");
  EXPECT_EQ(test::queryText(data, "SELECT error FROM job_runs WHERE job = 'hello_cpp.fetch'"),
            "failed: the server answered HTTP 503");
  EXPECT_NE(daemon.log().find("hello_cpp.fetch"), std::string::npos);
}

TEST(SdkExampleTest, TheGuardsReasonReachesApiWorkers) {
  auto upstream = brokenUpstream();
  test::TempDir dir;
  const std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data,
                        .pluginDir = test::pluginDirWith(dir, {"hello_cpp.so"}),
                        .env = {{"ENCORE_HELLO_URL", upstream.url() + "/hello"}}});
  expectGreetingAndFailedFetch(daemon, data);
  EXPECT_GE(upstream.requestCount(), 1u);
}

TEST(SdkExampleTest, TheCppExampleBuiltOutOfTreeRunsInTheDaemon) {
  test::TempDir dir;
  const fs::path prefix = dir / "prefix";
  std::string out;
  ASSERT_EQ(
      runShell("cmake --install '" + test::binaryDir() + "' --prefix '" + prefix.string() + "'",
               &out),
      0)
      << out;
  for (const char *header :
       {"plugin_api.h", "plugin.hpp", "host.hpp", "guard.hpp", "decl.hpp", "records.hpp",
        "import.hpp", "json_writer.hpp", "status.hpp", "text.hpp", "time.hpp"}) {
    EXPECT_TRUE(fs::exists(prefix / "include/encore" / header)) << header;
  }
  // Every SDK header, from the installed prefix, as C++17 with clang too.
  const fs::path check = dir / "check.cc";
  test::writeFile(check, "#include \"encore/plugin.hpp\"\nint main() { return 0; }\n");
  ASSERT_EQ(runShell("clang++ -std=c++17 -pedantic -Wall -Wextra -Werror -fsyntax-only -I'" +
                         (prefix / "include").string() + "' '" + check.string() + "'",
                     &out),
            0)
      << out;

  // Only what is installed: the example is copied away from the source tree.
  const fs::path src = dir / "src", build = dir / "build", plugins = dir / "plugins";
  fs::create_directories(src);
  fs::create_directories(plugins);
  for (const char *f : {"hello_cpp.cc", "CMakeLists.txt"}) {
    fs::copy_file(fs::path(test::sourceDir()) / "plugin_api/examples/hello_cpp" / f, src / f);
  }
  ASSERT_EQ(
      runShell("cmake -S '" + src.string() + "' -B '" + build.string() + "' -DCMAKE_PREFIX_PATH='" +
                   prefix.string() + "' && cmake --build '" + build.string() + "'",
               &out),
      0)
      << out;
  fs::copy_file(build / "hello_cpp.so", plugins / "hello_cpp.so");
  std::string symbols;
  runShell("nm -D --defined-only '" + (plugins / "hello_cpp.so").string() + "'", &symbols);
  EXPECT_NE(symbols.find("encore_plugin_entry"), std::string::npos);
  EXPECT_EQ(symbols.find("greet"), std::string::npos) << symbols;  // everything else hidden

  auto upstream = brokenUpstream();
  const std::string data = (dir / "data").string();
  DaemonProcess daemon({.dataDir = data,
                        .pluginDir = plugins.string(),
                        .env = {{"ENCORE_HELLO_URL", upstream.url() + "/hello"}}});
  expectGreetingAndFailedFetch(daemon, data);
}

}  // namespace
}  // namespace encore
