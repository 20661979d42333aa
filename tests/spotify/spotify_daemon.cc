#include "spotify_daemon.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "daemon/store/database.h"

namespace encore::test {

const std::vector<std::string> SpotifyDaemon::kLibraryJobs = {
    "spotify.artists", "spotify.liked_songs", "spotify.playlists", "spotify.saved_albums"};

SpotifyDaemon::SpotifyDaemon(fake::FakeSpotify &fake, const std::string &dataDir,
                             std::map<std::string, std::string> env)
    : fake_(fake), dataDir_(dataDir), pluginDir_(dataDir + "-plugins"), env_(std::move(env)) {
  std::filesystem::create_directories(pluginDir_);
  std::error_code ignored;
  std::filesystem::create_symlink(builtPluginDir() + "/spotify.so", pluginDir_ + "/spotify.so",
                                  ignored);
  env_.emplace("ENCORE_SPOTIFY_API_URL", fake_.url());
  env_.emplace("ENCORE_SPOTIFY_ACCOUNTS_URL", fake_.url());
  env_.emplace("ENCORE_SPOTIFY_CLIENT_ID", fake_.options().clientId);
  env_.emplace("ENCORE_SPOTIFY_CLIENT_SECRET", fake_.options().clientSecret);
  start();
}

void SpotifyDaemon::start() {
  DaemonProcess::Options options;
  options.dataDir = dataDir_;
  options.pluginDir = pluginDir_;
  options.env = env_;
  process_ = std::make_unique<DaemonProcess>(options);
}

void SpotifyDaemon::crashAndRestart() {
  process_->kill9();
  start();
}

void SpotifyDaemon::stop() {
  process_->stop();
}

HttpResult SpotifyDaemon::connect() {
  auto login = process_->get("/auth/spotify/login");
  EXPECT_EQ(login.status, 302) << login.body;
  const std::string authorize = login.header("Location");
  EXPECT_EQ(authorize.rfind(fake_.url() + "/authorize?", 0), 0u) << authorize;
  auto consent = httpGet(authorize);
  EXPECT_EQ(consent.status, 302) << consent.body;
  const std::string callback = consent.header("Location");
  EXPECT_EQ(callback.rfind(process_->url() + "/auth/spotify/callback?", 0), 0u) << callback;
  return httpGet(callback);
}

nlohmann::json SpotifyDaemon::worker(const std::string &job) {
  const auto workers = process_->get("/api/workers").json();  // kept alive for the loop
  for (const auto &w : workers["workers"]) {
    if (w["job"] == job) return w;
  }
  ADD_FAILURE() << "no worker " << job;
  return nullptr;
}

nlohmann::json SpotifyDaemon::plugin() {
  const auto plugins = process_->get("/api/plugins").json();
  for (const auto &p : plugins["plugins"]) {
    if (p["id"] == "spotify") return p;
  }
  ADD_FAILURE() << "the spotify plugin is not listed";
  return nullptr;
}

nlohmann::json SpotifyDaemon::dbStats() {
  return process_->get("/api/settings/db-stats").json();
}

void SpotifyDaemon::setSettings(const nlohmann::json &changes) {
  auto reply = process_->put("/api/settings", changes);
  ASSERT_EQ(reply.status, 200) << reply.body;
}

bool SpotifyDaemon::runNow(const std::string &job, int timeoutMs) {
  return DaemonProcess::waitFor(
      [&] {
        int status = process_->post("/api/workers/" + job + "/run").status;
        return status == 202;
      },
      timeoutMs, 100);
}

std::map<std::string, int64_t> SpotifyDaemon::lastRuns(const std::vector<std::string> &jobs) {
  std::map<std::string, int64_t> ids;
  for (const auto &job : jobs) {
    ids[job] = query("SELECT coalesce(max(id), 0) FROM job_runs WHERE job = '" + job + "'");
  }
  return ids;
}

bool SpotifyDaemon::waitForOk(const std::vector<std::string> &jobs, int timeoutMs,
                              const std::map<std::string, int64_t> &after) {
  return DaemonProcess::waitFor(
      [&] {
        bool all = true;
        for (const auto &job : jobs) {
          auto since = after.count(job) ? after.at(job) : int64_t{0};
          const std::string newer =
              "FROM job_runs WHERE job = '" + job + "' AND id > " + std::to_string(since);
          if (query("SELECT count(*) " + newer + " AND status = 'ok'") > 0) continue;
          all = false;
          // Failed (rate-limited, ...): its cooldown would make it wait minutes. Once
          // nothing holds it any more, start it again as a user would with "Run now".
          if (query("SELECT count(*) " + newer + " AND status NOT IN ('ok', 'running')") > 0 &&
              worker(job)["state"] == "idle") {
            process_->post("/api/workers/" + job + "/run");
          }
        }
        return all;
      },
      timeoutMs, 100);
}

bool SpotifyDaemon::runAndWait(const std::vector<std::string> &jobs, int timeoutMs) {
  auto before = lastRuns(jobs);
  for (const auto &job : jobs) {
    if (!runNow(job, timeoutMs)) return false;
  }
  return waitForOk(jobs, timeoutMs, before);
}

int64_t SpotifyDaemon::query(const std::string &sql) {
  try {
    Database db(dataDir_ + "/encore.db", Database::Mode::ReadOnly);
    auto q = db.prepare(sql);
    return q->step() ? q->int64(0) : -1;
  } catch (const std::exception &e) {
    ADD_FAILURE() << sql << ": " << e.what();
    return -1;
  }
}

}  // namespace encore::test
