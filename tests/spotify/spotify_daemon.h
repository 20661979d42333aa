// The real encored with the real spotify.so against the fake Spotify: start, connect the
// account through the browser redirects, wait for jobs, read the database.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "fake_spotify.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore::test {

class SpotifyDaemon {
 public:
  /// The four library jobs a first sync runs.
  static const std::vector<std::string> kLibraryJobs;

  SpotifyDaemon(fake::FakeSpotify &fake, const std::string &dataDir,
                std::map<std::string, std::string> env = {});

  DaemonProcess &process() { return *process_; }
  /// kill -9, then the same daemon again on the same data directory.
  void crashAndRestart();
  void stop();

  /// The browser's walk: /auth/spotify/login -> the fake's /authorize -> the callback.
  /// Returns the final page.
  HttpResult connect();

  nlohmann::json worker(const std::string &job);
  nlohmann::json plugin();
  nlohmann::json dbStats();
  /// PUT /api/settings with `changes`; fails the test unless it is accepted.
  void setSettings(const nlohmann::json &changes);
  /// Asks for a run now, retrying while the plugin is held (e.g. a pause) or busy.
  bool runNow(const std::string &job, int timeoutMs = 20000);
  /// The id of each job's latest run (job_runs), 0 when it never ran.
  std::map<std::string, int64_t> lastRuns(const std::vector<std::string> &jobs);
  /// Waits until every job has a run newer than `after` (its entry, or 0) that ended ok; a
  /// run that failed (rate-limited, ...) is started again once nothing holds the plugin.
  bool waitForOk(const std::vector<std::string> &jobs, int timeoutMs,
                 const std::map<std::string, int64_t> &after = {});
  /// Runs the jobs now and waits for them to end ok.
  bool runAndWait(const std::vector<std::string> &jobs, int timeoutMs = 30000);

  /// One integer from the daemon's database, read beside it (WAL lets it).
  int64_t query(const std::string &sql);

 private:
  void start();

  fake::FakeSpotify &fake_;
  std::string dataDir_;
  std::string pluginDir_;  // spotify.so alone, so other plugins' records do not mix in
  std::map<std::string, std::string> env_;
  std::unique_ptr<DaemonProcess> process_;
};

}  // namespace encore::test
