// The stats benchmark: a generated history of a million plays over ten years, every
// /api/stats/* endpoint and /wrapped/{year} measured over HTTP against the real daemon,
// warm (with and without the result cache) and as the first request after a restart,
// next to plain SQL aggregates over the same database file in the same run.
//
//   stats_http_bench [--data DIR] [--plays N] [--rounds N] [--restarts N] [--out FILE]
//
// DIR is generated on first use (encore_seed_history's generator) and reused after.
#include <sqlite3.h>
#include <sys/wait.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "stats/history_generator.h"
#include "support/daemon_process.h"
#include "support/http_call.h"

namespace fs = std::filesystem;
using encore::test::DaemonProcess;

namespace {

struct Sample {
  std::vector<double> ms;
  double pct(double p) const {
    if (ms.empty()) return 0;
    std::vector<double> v = ms;
    std::sort(v.begin(), v.end());
    size_t i = static_cast<size_t>(p / 100.0 * static_cast<double>(v.size() - 1) + 0.5);
    return v[std::min(i, v.size() - 1)];
  }
};

double timeGet(const std::string &url, int *status = nullptr) {
  auto start = std::chrono::steady_clock::now();
  auto r = encore::test::httpGet(url);
  auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  if (status != nullptr) *status = r.status;
  if (r.status != 200)
    std::cerr << "warning: " << url << " answered " << r.status << ": " << r.body.substr(0, 200)
              << "\n";
  return ms;
}

/// A line of /proc/<pid>/status in KiB: "VmRSS" (all resident pages) or "RssAnon" (the
/// process's own memory, without the shared libraries' file pages).
long statusKiB(pid_t pid, const std::string &field) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind(field + ":", 0) == 0) return std::stol(line.substr(field.size() + 1));
  }
  return -1;
}

/// Plain SQLite over the same file: what the endpoints would cost as GROUP BY queries.
double timeSql(const std::string &db, const std::string &sql) {
  sqlite3 *h = nullptr;
  sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
  auto start = std::chrono::steady_clock::now();
  sqlite3_stmt *st = nullptr;
  if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) != SQLITE_OK) {
    std::cerr << "sql error: " << sqlite3_errmsg(h) << "\n";
  }
  while (sqlite3_step(st) == SQLITE_ROW) {
  }
  sqlite3_finalize(st);
  auto ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  sqlite3_close(h);
  return ms;
}

std::string fixed(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.1f", v);
  return buffer;
}

}  // namespace

int main(int argc, char **argv) {
  std::string data = (fs::path(encore::test::binaryDir()) / "bench-data" / "stats-1m").string();
  int64_t plays = 1'000'000;
  int rounds = 30, restarts = 5;
  std::string out;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string a = argv[i], v = argv[i + 1];
    if (a == "--data") data = v;
    if (a == "--plays") plays = std::stoll(v);
    if (a == "--rounds") rounds = std::stoi(v);
    if (a == "--restarts") restarts = std::stoi(v);
    if (a == "--out") out = v;
  }
  const std::string dbFile = (fs::path(data) / "encore.db").string();
  if (!fs::exists(dbFile)) {
    std::cerr << "generating " << plays << " plays into " << data << " ...\n";
    encore::test::HistorySpec spec;
    spec.plays = plays;
    auto t0 = std::chrono::steady_clock::now();
    encore::test::generateHistory(data, spec);
    std::cerr << "generated in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
              << " s\n";
  }
  const int year = 2024;
  std::vector<std::string> endpoints;
  for (const char *name : {"totals", "top-tracks", "top-artists", "top-albums", "heatmap", "hours",
                           "weekdays", "peaks", "sessions", "streaks", "discoveries", "binges",
                           "evolution", "mainstream", "personality"}) {
    for (const char *range : {"all", "1y", "4w"})
      endpoints.push_back(std::string("/api/stats/") + name + "?range=" + range);
  }
  endpoints.push_back("/api/stats/wrapped/" + std::to_string(year));
  endpoints.push_back("/wrapped/" + std::to_string(year));

  DaemonProcess::Options options{.dataDir = data, .pluginDir = ""};
  std::map<std::string, Sample> warm, uncached, cold;
  std::ostringstream report;
  long rss = 0, rssEmpty = 0, anon = 0, anonEmpty = 0;

  // Warm, result cache on (the default) and off (every answer computed).
  for (bool cache : {true, false}) {
    auto opts = options;
    if (!cache) opts.env["ENCORE_STATS_CACHE"] = "off";
    DaemonProcess daemon(opts);
    for (const auto &e : endpoints)
      timeGet(daemon.url() + e);  // warm-up: index, caches, connections
    for (int r = 0; r < rounds; ++r) {
      for (const auto &e : endpoints)
        (cache ? warm : uncached)[e].ms.push_back(timeGet(daemon.url() + e));
    }
    if (!cache) {
      rss = statusKiB(daemon.pid(), "VmRSS");
      anon = statusKiB(daemon.pid(), "RssAnon");
    }
    daemon.stop();
  }
  {
    auto root = fs::temp_directory_path() / ("encore-bench-empty-" + std::to_string(getpid()));
    DaemonProcess empty({.dataDir = (root / "data").string(), .pluginDir = ""});
    for (const auto &e : endpoints) timeGet(empty.url() + e);
    rssEmpty = statusKiB(empty.pid(), "VmRSS");
    anonEmpty = statusKiB(empty.pid(), "RssAnon");
    empty.stop();
    fs::remove_all(root);
  }

  // Cold: each sample is the first request a freshly started daemon answers.
  double firstStartMs = 0;
  {
    fs::remove(fs::path(data) / "stats-index.bin");  // as after an upgrade: no saved index
    DaemonProcess daemon(options);
    firstStartMs = timeGet(daemon.url() + "/api/stats/totals?range=all");
    daemon.stop();
  }
  for (int r = 0; r < restarts; ++r) {
    for (const auto &e : endpoints) {
      DaemonProcess daemon(options);
      cold[e].ms.push_back(timeGet(daemon.url() + e));
      daemon.stop();
    }
  }

  // Plain SQL over the same file, for comparison.
  std::map<std::string, Sample> sql;
  const std::map<std::string, std::string> queries = {
      {"totals",
       "SELECT count(*), sum(ms_played), count(DISTINCT track_id), count(DISTINCT artist_id) FROM "
       "plays"},
      {"top-tracks",
       "SELECT track_id, count(*) c, sum(ms_played) FROM plays GROUP BY track_id ORDER BY c DESC "
       "LIMIT 10"},
      {"heatmap",
       "SELECT strftime('%w', started_at, 'unixepoch'), strftime('%H', started_at, 'unixepoch'), "
       "count(*)"
       " FROM plays GROUP BY 1, 2"},
  };
  for (int r = 0; r < 5; ++r) {
    for (const auto &[name, q] : queries) sql[name].ms.push_back(timeSql(dbFile, q));
  }

  auto row = [&](const std::string &e) {
    return "| `" + e + "` | " + fixed(warm[e].pct(50)) + " | " + fixed(warm[e].pct(95)) + " | " +
           fixed(uncached[e].pct(50)) + " | " + fixed(uncached[e].pct(95)) + " | " +
           fixed(cold[e].pct(50)) + " | " + fixed(cold[e].pct(95)) + " |\n";
  };
  report << "Plays: " << plays << "; warm rounds: " << rounds
         << "; restarts per endpoint: " << restarts << "\n\n";
  report << "| endpoint | warm p50 | warm p95 | computed p50 | computed p95 | after restart p50 | "
            "after restart p95 |\n";
  report << "|---|---:|---:|---:|---:|---:|---:|\n";
  Sample allWarm, allUncached, allCold;
  for (const auto &e : endpoints) {
    report << row(e);
    for (double v : warm[e].ms) allWarm.ms.push_back(v);
    for (double v : uncached[e].ms) allUncached.ms.push_back(v);
    for (double v : cold[e].ms) allCold.ms.push_back(v);
  }
  double worstUncached = 0, worstCold = 0;
  for (const auto &e : endpoints) {
    worstUncached = std::max(worstUncached, uncached[e].pct(95));
    worstCold = std::max(worstCold, cold[e].pct(95));
  }
  report << "\nAll endpoints together (ms): warm p95 " << fixed(allWarm.pct(95))
         << ", computed p95 " << fixed(allUncached.pct(95)) << " (worst endpoint "
         << fixed(worstUncached) << "), after restart p95 " << fixed(allCold.pct(95))
         << " (worst endpoint " << fixed(worstCold) << ")\n";
  report << "First request after a start without a saved index (full load): " << fixed(firstStartMs)
         << " ms\n";
  report << "Resident memory after the computed runs: " << rss / 1024 << " MiB, of it "
         << anon / 1024 << " MiB its own (the same daemon on an empty database: " << rssEmpty / 1024
         << " MiB, " << anonEmpty / 1024 << " MiB)\n\n";
  report << "Plain SQLite over the same file (all time, UTC, no names), p50 of 5:\n\n";
  for (const auto &[name, s] : sql) report << "- " << name << ": " << fixed(s.pct(50)) << " ms\n";
  std::cout << report.str();
  if (!out.empty()) std::ofstream(out) << report.str();
  return 0;
}
