#include "history/local_time.h"

#include <sqlite3.h>

#include "store/db_error.h"

namespace encore {
namespace {

void localTimeFunction(sqlite3_context *ctx, int, sqlite3_value **args) {
  const auto *zone = static_cast<const TimeZone *>(sqlite3_user_data(ctx));
  if (sqlite3_value_type(args[0]) == SQLITE_NULL) {
    sqlite3_result_null(ctx);
    return;
  }
  sqlite3_result_int64(ctx, zone->toLocal(sqlite3_value_int64(args[0])));
}

/// Registers encore_local_time(utc) for the duration of one relocalization.
class LocalTimeFunction {
 public:
  LocalTimeFunction(Database &db, const TimeZone &zone) : db_(db) {
    int rc = sqlite3_create_function(
        db_.handle(), "encore_local_time", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC,
        const_cast<TimeZone *>(&zone), localTimeFunction, nullptr, nullptr);
    if (rc != SQLITE_OK) throw DbError(rc, "cannot register encore_local_time");
  }
  ~LocalTimeFunction() {
    sqlite3_create_function(db_.handle(), "encore_local_time", 1, SQLITE_UTF8, nullptr, nullptr,
                            nullptr, nullptr);
  }

 private:
  Database &db_;
};

}  // namespace

std::shared_ptr<const TimeZone> HistoryTime::storedZone(Database &db) {
  auto q = db.prepare("SELECT value FROM history_meta WHERE key = 'time_zone'");
  std::string name = q->step() ? q->text(0) : "UTC";
  std::lock_guard<std::mutex> lock(mutex_);
  if (cached_ && name == cachedName_) return cached_;
  cached_ = TimeZone::load(name);
  if (!cached_) cached_ = TimeZone::utc();
  cachedName_ = name;
  return cached_;
}

bool HistoryTime::needsRelocalize(Database &db, const std::string &zoneName) {
  auto q = db.prepare("SELECT value FROM history_meta WHERE key = 'time_zone'");
  if (!q->step() || q->text(0) != zoneName) return true;
  auto missing = db.prepare("SELECT 1 FROM plays WHERE local_at IS NULL LIMIT 1");
  return missing->step();
}

void HistoryTime::relocalize(Database &db, const TimeZone &zone) {
  LocalTimeFunction function(db, zone);
  // Through NULL first: the update trigger skips rows whose old or new local_at is NULL,
  // so the per-row rollup maintenance stays out and the rollups are rebuilt once below.
  db.exec("UPDATE plays SET local_at = NULL WHERE local_at IS NOT NULL");
  db.exec("UPDATE plays SET local_at = encore_local_time(started_at)");
  db.exec(
      "DELETE FROM play_hours;"
      "DELETE FROM track_months;"
      "INSERT INTO play_hours (local_hour, plays, ms_played)"
      "  SELECT local_at / 3600, count(*), sum(ms_played) FROM plays GROUP BY 1;"
      "INSERT INTO track_months (month, track_id, plays, ms_played)"
      "  SELECT CAST(strftime('%Y%m', local_at, 'unixepoch') AS INTEGER), track_id, count(*),"
      "         sum(ms_played) FROM plays GROUP BY 1, 2;");
  db.prepare(
        "INSERT INTO history_meta (key, value) VALUES ('time_zone', ?)"
        " ON CONFLICT (key) DO UPDATE SET value = excluded.value")
      ->bind(zone.name())
      .run();
}

}  // namespace encore

#include <Poco/Logger.h>

#include "store/store.h"

namespace encore {

bool applyTimeZoneSetting(Store &store, const std::string &zoneName) {
  auto &log = Poco::Logger::get("history");
  auto zone = TimeZone::load(zoneName);
  if (!zone) {
    log.warning("unknown time zone '%s' in server.timezone; statistics keep their zone", zoneName);
    return false;
  }
  bool changed = store.write([&](Database &db) {
    if (!HistoryTime::needsRelocalize(db, zone->name())) return false;
    HistoryTime::relocalize(db, *zone);
    return true;
  });
  if (changed) log.information("plays are now counted in the time zone %s", zone->name());
  return true;
}

}  // namespace encore
