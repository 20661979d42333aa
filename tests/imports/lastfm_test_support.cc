#include "imports/lastfm_test_support.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>

namespace encore::test {
namespace {

/// Runs `sql` read-only and hands each row to `row`.
template <typename Row>
void eachRow(const std::string &dbPath, const std::string &sql, Row &&row) {
  sqlite3 *db = nullptr;
  if (sqlite3_open_v2(dbPath.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
    sqlite3_busy_timeout(db, 5000);
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(db, sql.c_str(), -1, &st, nullptr) == SQLITE_OK) {
      while (sqlite3_step(st) == SQLITE_ROW) row(st);
    }
    sqlite3_finalize(st);
  }
  sqlite3_close(db);
}

std::string text(sqlite3_stmt *st, int column) {
  const auto *s = sqlite3_column_text(st, column);
  return s != nullptr ? reinterpret_cast<const char *>(s) : "";
}

}  // namespace

int64_t scalar(const std::string &dbPath, const std::string &sql) {
  int64_t out = -1;
  bool first = true;
  eachRow(dbPath, sql, [&](sqlite3_stmt *st) {
    if (first) out = sqlite3_column_int64(st, 0);
    first = false;
  });
  return out;
}

DaemonProcess::Options lastfmDaemonOptions(const TempDir &dir, const FakeLastfm &fake) {
  DaemonProcess::Options o;
  o.dataDir = (dir / "data").string();
  o.env = {{"ENCORE_LASTFM_API_URL", fake.url()},
           {"ENCORE_LASTFM_USERNAME", "rj"},
           {"ENCORE_LASTFM_API_KEY", "test-api-key"},
           {"ENCORE_LASTFM_REQUESTS_PER_SECOND", "1000"},
           {"ENCORE_LASTFM_BACKOFF_MS", "20"}};
  return o;
}

bool scrobblesRunFinished(const DaemonProcess &daemon) {
  auto w = worker(daemon, "lastfm.scrobbles");
  return w.is_object() && w["state"] != "running" && w["last_run"].is_object();
}

std::vector<ListenedTrack> storedPlays(const std::string &dbPath) {
  std::vector<ListenedTrack> out;
  eachRow(dbPath,
          "SELECT p.started_at, a.name, t.name FROM plays p JOIN music_tracks t ON t.id = "
          "p.track_id JOIN music_artists a ON a.id = t.artist_id",
          [&](sqlite3_stmt *st) {
            out.emplace_back(sqlite3_column_int64(st, 0), text(st, 1), text(st, 2));
          });
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<ListenedTrack> scrobblesOf(const FakeLastfm &fake) {
  std::vector<ListenedTrack> out;
  for (const auto &s : fake.scrobbles()) out.emplace_back(s.uts, s.artist, s.track);
  std::sort(out.begin(), out.end());
  return out;
}

::testing::AssertionResult storedExactly(const std::string &dbPath, const FakeLastfm &fake) {
  const auto stored = storedPlays(dbPath), held = scrobblesOf(fake);
  std::vector<ListenedTrack> missing, extra;
  std::set_difference(held.begin(), held.end(), stored.begin(), stored.end(),
                      std::back_inserter(missing));
  std::set_difference(stored.begin(), stored.end(), held.begin(), held.end(),
                      std::back_inserter(extra));
  if (missing.empty() && extra.empty()) return ::testing::AssertionSuccess();
  auto firstOf = [](const std::vector<ListenedTrack> &list) {
    std::string out;
    for (size_t i = 0; i < list.size() && i < 5; ++i) {
      out += " (" + std::to_string(std::get<0>(list[i])) + ", " + std::get<1>(list[i]) + ", " +
             std::get<2>(list[i]) + ")";
    }
    return out;
  };
  return ::testing::AssertionFailure()
         << held.size() << " scrobbles held, " << stored.size() << " plays stored; "
         << missing.size() << " missing:" << firstOf(missing) << "; " << extra.size()
         << " extra:" << firstOf(extra);
}

}  // namespace encore::test
