// Under systemd: readiness through $NOTIFY_SOCKET (Type=notify), and the log written for the
// journal when stderr is its stream ($JOURNAL_STREAM): priorities, no second timestamp.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <regex>

#include "daemon/app/journal_log.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {
namespace {

/// A datagram socket standing in for systemd's notification socket.
class NotifySocket {
 public:
  explicit NotifySocket(const std::string &path) : path_(path) {
    fd_ = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    std::snprintf(address.sun_path, sizeof address.sun_path, "%s", path.c_str());
    EXPECT_EQ(bind(fd_, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
    timeval timeout{10, 0};
    setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  ~NotifySocket() { close(fd_); }
  /// The next message, "" after 10 s without one.
  std::string receive() {
    char buffer[4096];
    ssize_t n = recv(fd_, buffer, sizeof buffer, 0);
    return n > 0 ? std::string(buffer, static_cast<size_t>(n)) : std::string();
  }

 private:
  std::string path_;
  int fd_ = -1;
};

TEST(Systemd, TellsTheNotifySocketWhenReadyAndWhenStopping) {
  TempDir dir;
  NotifySocket socket((dir / "notify").string());
  DaemonProcess daemon({.dataDir = (dir / "data").string(),
                        .pluginDir = "",
                        .env = {{"NOTIFY_SOCKET", (dir / "notify").string()}}});
  // Ready only once it listens: the port is in the status.
  std::string ready = socket.receive();
  EXPECT_NE(ready.find("READY=1"), std::string::npos) << ready;
  EXPECT_NE(ready.find("STATUS=listening on port " + std::to_string(daemon.port())),
            std::string::npos)
      << ready;
  EXPECT_EQ(daemon.get("/api/health").status, 200);
  ASSERT_EQ(daemon.stop(SIGTERM), 0);
  EXPECT_EQ(socket.receive(), "STOPPING=1");
}

TEST(Systemd, WithoutANotifySocketItStartsAsBefore) {
  TempDir dir;
  DaemonProcess daemon({.dataDir = (dir / "data").string(), .pluginDir = ""});
  EXPECT_EQ(daemon.get("/api/health").status, 200);
}

/// "<device>:<inode>" of `path`, as systemd sets JOURNAL_STREAM for the stream it hands over.
std::string journalStreamOf(const std::filesystem::path &path) {
  struct stat st {};
  EXPECT_EQ(stat(path.c_str(), &st), 0);
  return std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino);
}

TEST(Systemd, LogsForTheJournalWhenStderrIsItsStream) {
  TempDir dir;
  // DaemonProcess sends stderr to <dir>/data.log, emptied in place: made first to name it.
  writeFile(dir / "data.log", "");
  DaemonProcess daemon({.dataDir = (dir / "data").string(),
                        .pluginDir = "",
                        .args = {"--log-level", "chatty"},
                        .env = {{"JOURNAL_STREAM", journalStreamOf(dir / "data.log")}}});
  ASSERT_EQ(daemon.stop(SIGTERM), 0);
  const std::string log = daemon.log();
  // An unknown level is a warning (4), the start an information (6); no line has a time.
  EXPECT_NE(log.find("<4>encored: unknown log level 'chatty'; using information\n"),
            std::string::npos)
      << log;
  EXPECT_TRUE(std::regex_search(log, std::regex("(^|\n)<6>encored: encored .* listening on ")))
      << log;
  EXPECT_FALSE(std::regex_search(log, std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:"))) << log;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    EXPECT_TRUE(std::regex_match(line, std::regex("<[0-7]>[^ :]+: .*"))) << line;
  }
}

TEST(Systemd, AJournalStreamNamingAnotherFileIsIgnored) {
  TempDir dir;
  writeFile(dir / "elsewhere", "");
  DaemonProcess daemon({.dataDir = (dir / "data").string(),
                        .pluginDir = "",
                        .env = {{"JOURNAL_STREAM", journalStreamOf(dir / "elsewhere")}}});
  ASSERT_EQ(daemon.stop(SIGTERM), 0);
  EXPECT_TRUE(std::regex_search(daemon.log(), std::regex("[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9:.]+ "
                                                         "\\[Information\\] encored: ")))
      << daemon.log();
}

TEST(Systemd, PrioritiesFollowSyslogAndEveryLineIsPrefixed) {
  EXPECT_EQ(syslogPriority(Poco::Message::PRIO_FATAL), 2);
  EXPECT_EQ(syslogPriority(Poco::Message::PRIO_ERROR), 3);
  EXPECT_EQ(syslogPriority(Poco::Message::PRIO_WARNING), 4);
  EXPECT_EQ(syslogPriority(Poco::Message::PRIO_NOTICE), 5);
  EXPECT_EQ(syslogPriority(Poco::Message::PRIO_INFORMATION), 6);
  EXPECT_EQ(syslogPriority(Poco::Message::PRIO_TRACE), 7);
  JournalFormatter formatter;
  std::string text;
  formatter.format(Poco::Message("http", "first\nsecond", Poco::Message::PRIO_ERROR), text);
  EXPECT_EQ(text, "<3>http: first\n<3>second");
}

}  // namespace
}  // namespace encore::test
