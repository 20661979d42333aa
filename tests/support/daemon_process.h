// Runs the real encored binary as a child process on an ephemeral port with its own data
// directory, for integration tests.
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "support/http_call.h"

namespace encore::test {

class TempDir;

/// Makes `<dir>/plugins` holding copies of the named test plugins (tests/plugins), and
/// returns its path: a plugin directory for a daemon under test.
std::string pluginDirWith(const TempDir &dir, std::initializer_list<std::string> testPlugins);

/// Paths of the build under test (set by CMake).
std::string encoredBinary();
std::string builtPluginDir();
/// Starts `encored import <file> --data-dir <dataDir>` with the built plugins, its output
/// discarded, and returns its pid: the caller kills or waits for it.
pid_t startImportCli(const std::string &file, const std::string &dataDir);
/// Where the test plugins (tests/plugins) are built.
std::string testPluginDir();
std::string sourceDir();
std::string binaryDir();

class DaemonProcess {
 public:
  struct Options {
    std::string dataDir;                       // required
    std::string pluginDir = builtPluginDir();  // "" for none
    int port = 0;                              // 0: any free port
    std::vector<std::string> args;             // extra command-line arguments
    std::map<std::string, std::string> env;    // added to (or replacing) the environment
    std::vector<std::string> launcher;         // runs encored: {program, args...} before it
    bool waitUntilListening = true;
    int startTimeoutMs = 15000;
  };

  explicit DaemonProcess(Options options);
  ~DaemonProcess();  // SIGKILL if still running
  DaemonProcess(const DaemonProcess &) = delete;
  DaemonProcess &operator=(const DaemonProcess &) = delete;

  pid_t pid() const { return pid_; }
  uint16_t port() const { return port_; }
  /// "http://127.0.0.1:<port>"
  std::string url() const;
  HttpResult get(const std::string &path) const { return httpGet(url() + path); }
  HttpResult put(const std::string &path, const nlohmann::json &body) const {
    return httpPutJson(url() + path, body);
  }
  HttpResult post(const std::string &path,
                  const nlohmann::json &body = nlohmann::json::object()) const {
    return httpPostJson(url() + path, body);
  }

  /// Sends `signal` and waits up to `timeoutMs` for the exit. Returns the exit code, or
  /// -1 on timeout (the process is then killed). An orderly stop ends with syncs to disk (a
  /// running job's last commit, the WAL checkpoint), and on a disk busy with other writers
  /// each waits for the journal to write their data out too, seconds at times: the default
  /// is a budget for a hang, not for a slow disk.
  int stop(int signal = 15, int timeoutMs = 15'000);
  /// kill -9, as a crash or power cut would.
  void kill9();
  /// Waits for the process to exit by itself; its exit code, or -1 on timeout.
  int waitExit(int timeoutMs);
  bool running();
  /// Everything the daemon logged so far.
  std::string log() const;
  /// Polls until `predicate` holds or `timeoutMs` passes.
  static bool waitFor(const std::function<bool()> &predicate, int timeoutMs, int stepMs = 50);

 private:
  Options options_;
  std::string logPath_;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  int exitCode_ = -1;
};

/// The worker of `job` from /api/workers (null when missing).
nlohmann::json worker(const DaemonProcess &daemon, const std::string &job);

}  // namespace encore::test
