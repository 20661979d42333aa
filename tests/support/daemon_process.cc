#include "support/daemon_process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <stdexcept>
#include <thread>

#include "support/temp_dir.h"

extern char **environ;

namespace encore::test {

std::string encoredBinary() {
  return ENCORE_TEST_BINARY_DIR "/bin/encored";
}
std::string builtPluginDir() {
  return ENCORE_TEST_BINARY_DIR "/lib/encore/plugins";
}
pid_t startImportCli(const std::string &file, const std::string &dataDir) {
  const std::string binary = encoredBinary(), plugins = builtPluginDir();
  pid_t pid = fork();
  if (pid == 0) {
    int null = ::open("/dev/null", O_WRONLY);
    dup2(null, 1);
    dup2(null, 2);
    execl(binary.c_str(), "encored", "import", file.c_str(), "--data-dir", dataDir.c_str(),
          "--plugin-dir", plugins.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  return pid;
}

std::string testPluginDir() {
  return ENCORE_TEST_BINARY_DIR "/test-plugins";
}
std::string sourceDir() {
  return ENCORE_TEST_SOURCE_DIR;
}
std::string binaryDir() {
  return ENCORE_TEST_BINARY_DIR;
}

std::string pluginDirWith(const TempDir &dir, std::initializer_list<std::string> testPlugins) {
  std::filesystem::path plugins = dir / "plugins";
  std::filesystem::create_directories(plugins);
  for (const auto &name : testPlugins) {
    std::filesystem::copy_file(std::filesystem::path(testPluginDir()) / name, plugins / name,
                               std::filesystem::copy_options::overwrite_existing);
  }
  return plugins.string();
}

bool DaemonProcess::waitFor(const std::function<bool()> &predicate, int timeoutMs, int stepMs) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
  while (std::chrono::steady_clock::now() < deadline) {
    if (predicate()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(stepMs));
  }
  return predicate();
}

DaemonProcess::DaemonProcess(Options options) : options_(std::move(options)) {
  std::filesystem::create_directories(options_.dataDir);
  logPath_ = (std::filesystem::path(options_.dataDir).parent_path() /
              (std::filesystem::path(options_.dataDir).filename().string() + ".log"))
                 .string();
  std::vector<std::string> args = {encoredBinary(), "--data-dir", options_.dataDir, "--port",
                                   std::to_string(options_.port)};
  if (!options_.pluginDir.empty()) {
    args.push_back("--plugin-dir");
    args.push_back(options_.pluginDir);
  }
  args.insert(args.end(), options_.args.begin(), options_.args.end());
  args.insert(args.begin(), options_.launcher.begin(), options_.launcher.end());

  std::map<std::string, std::string> env;
  for (char **e = environ; *e != nullptr; ++e) {
    std::string entry(*e);
    auto eq = entry.find('=');
    if (eq != std::string::npos) env[entry.substr(0, eq)] = entry.substr(eq + 1);
  }
  for (const auto &[k, v] : options_.env) env[k] = v;

  std::vector<std::string> envStrings;
  for (const auto &[k, v] : env) envStrings.push_back(k + "=" + v);
  std::vector<char *> argv, envp;
  for (auto &a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  for (auto &e : envStrings) envp.push_back(e.data());
  envp.push_back(nullptr);

  // A fresh log per process, emptied before the fork so the wait below can never read a
  // previous daemon's "listening" line.
  writeFile(logPath_, "");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    int devnull = open("/dev/null", O_RDONLY);
    int log = open(logPath_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    dup2(devnull, 0);
    dup2(log, 1);
    dup2(log, 2);
    execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  if (!options_.waitUntilListening) return;
  static const std::regex listening("listening on http://[^:]+:([0-9]+)");
  bool ready = waitFor(
      [&] {
        std::smatch m;
        std::string text = log();
        if (std::regex_search(text, m, listening)) {
          port_ = static_cast<uint16_t>(std::stoi(m[1]));
          return true;
        }
        return !running();
      },
      options_.startTimeoutMs, 20);
  if (!ready || port_ == 0) {
    std::string text = log();
    kill9();
    throw std::runtime_error("encored did not start; its log:\n" + text);
  }
}

DaemonProcess::~DaemonProcess() {
  if (pid_ > 0 && running()) kill9();
}

std::string DaemonProcess::url() const {
  return "http://127.0.0.1:" + std::to_string(port_);
}

std::string DaemonProcess::log() const {
  return readFile(logPath_);
}

bool DaemonProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  pid_t r = waitpid(pid_, &status, WNOHANG);
  if (r == pid_) {
    exitCode_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    pid_ = -1;
    return false;
  }
  return r == 0;
}

int DaemonProcess::waitExit(int timeoutMs) {
  if (waitFor([&] { return !running(); }, timeoutMs, 10)) return exitCode_;
  return -1;
}

int DaemonProcess::stop(int signal, int timeoutMs) {
  if (!running()) return exitCode_;
  ::kill(pid_, signal);
  int code = waitExit(timeoutMs);
  if (code == -1) kill9();
  return code;
}

void DaemonProcess::kill9() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  exitCode_ = 128 + SIGKILL;
  pid_ = -1;
}

nlohmann::json worker(const DaemonProcess &daemon, const std::string &job) {
  const nlohmann::json all = daemon.get("/api/workers").json();  // the loop reads into it
  for (const auto &w : all["workers"]) {
    if (w["job"] == job) return w;
  }
  return nullptr;
}

}  // namespace encore::test
