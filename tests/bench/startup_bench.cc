// Start-up to the first 200 on /api/health, and idle RSS, of the real encored binary.
//   encore_startup_bench <encored> <plugin-dir> [runs]
// Prints one line per measure: name, median, p95, max (milliseconds or kB).
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int freePort() {
  Poco::Net::ServerSocket s(Poco::Net::SocketAddress("127.0.0.1", 0));
  return s.address().port();
}

bool healthy(int port) {
  try {
    Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
    session.setTimeout(Poco::Timespan(0, 200000));
    Poco::Net::HTTPRequest request("GET", "/api/health", Poco::Net::HTTPMessage::HTTP_1_1);
    session.sendRequest(request);
    Poco::Net::HTTPResponse response;
    std::istream &in = session.receiveResponse(response);
    std::string ignored((std::istreambuf_iterator<char>(in)), {});
    return response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK;
  } catch (const Poco::Exception &) {
    return false;
  }
}

pid_t spawn(const std::string &encored, const std::string &dataDir, const std::string &plugins,
            int port) {
  pid_t pid = fork();
  if (pid == 0) {
    int devnull = open("/dev/null", O_RDWR);
    dup2(devnull, 0);
    dup2(devnull, 1);
    dup2(devnull, 2);
    std::string portText = std::to_string(port);
    execl(encored.c_str(), encored.c_str(), "--data-dir", dataDir.c_str(), "--plugin-dir",
          plugins.c_str(), "--port", portText.c_str(), static_cast<char *>(nullptr));
    _exit(127);
  }
  return pid;
}

void stop(pid_t pid) {
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
}

long rssKb(pid_t pid, const char *field) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind(field, 0) == 0) return std::stol(line.substr(std::strlen(field)));
  }
  return -1;
}

double startupMs(const std::string &encored, const std::string &dataDir,
                 const std::string &plugins) {
  int port = freePort();
  auto started = Clock::now();
  pid_t pid = spawn(encored, dataDir, plugins, port);
  while (!healthy(port)) {
    if (Clock::now() - started > std::chrono::seconds(10)) {
      stop(pid);
      return -1;
    }
    std::this_thread::sleep_for(std::chrono::microseconds(500));
  }
  double ms = std::chrono::duration<double, std::milli>(Clock::now() - started).count();
  stop(pid);
  return ms;
}

void report(const std::string &name, std::vector<double> values, const char *unit) {
  std::sort(values.begin(), values.end());
  auto at = [&](double q) {
    return values[std::min(values.size() - 1, size_t(q * values.size()))];
  };
  std::printf("%-34s median %8.1f %s   p95 %8.1f %s   max %8.1f %s   (n=%zu)\n", name.c_str(),
              at(0.5), unit, at(0.95), unit, values.back(), unit, values.size());
}

}  // namespace

int main(int argc, char **argv) {
  if (argc < 3) {
    std::cerr << "usage: encore_startup_bench <encored> <plugin-dir> [runs]\n";
    return 64;
  }
  std::string encored = argv[1], plugins = argv[2];
  int runs = argc > 3 ? std::atoi(argv[3]) : 20;
  auto root = std::filesystem::temp_directory_path() / ("encore-bench-" + std::to_string(getpid()));
  std::filesystem::create_directories(root);

  std::vector<double> fresh, existing;
  for (int i = 0; i < runs; ++i) {
    auto dir = (root / ("fresh-" + std::to_string(i))).string();
    fresh.push_back(startupMs(encored, dir, plugins));  // creates and migrates the database
    existing.push_back(startupMs(encored, dir, plugins));
  }
  report("start-up to 200 (new database)", fresh, "ms");
  report("start-up to 200 (existing database)", existing, "ms");

  // Idle RSS: started, first runs done, then left alone.
  std::vector<double> rss, hwm;
  for (int i = 0; i < 3; ++i) {
    int port = freePort();
    pid_t pid = spawn(encored, (root / ("idle-" + std::to_string(i))).string(), plugins, port);
    while (!healthy(port)) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::seconds(10));
    rss.push_back(static_cast<double>(rssKb(pid, "VmRSS:")) / 1024.0);
    hwm.push_back(static_cast<double>(rssKb(pid, "VmHWM:")) / 1024.0);
    stop(pid);
  }
  report("idle RSS after 10 s", rss, "MB");
  report("peak RSS during start-up", hwm, "MB");
  std::filesystem::remove_all(root);
  return 0;
}
