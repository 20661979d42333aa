#include "daemon/store/migration.h"

#include <algorithm>
#include <filesystem>
#include <set>

#include "daemon/store/database.h"
#include "daemon/store/db_error.h"

namespace encore {
namespace {

int readVersion(Database &db) {
  auto table = db.prepare(
      "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'");
  table->step();
  if (table->int64(0) == 0) return 0;
  auto max = db.prepare("SELECT coalesce(max(version), 0) FROM schema_migrations");
  max->step();
  return static_cast<int>(max->int64(0));
}

std::set<int> recordedVersions(const std::string &path) {
  std::set<int> versions;
  Database db(path, Database::Mode::ReadOnly);
  if (readVersion(db) == 0) return versions;
  auto q = db.prepare("SELECT version FROM schema_migrations");
  while (q->step()) versions.insert(static_cast<int>(q->int64(0)));
  return versions;
}

void removeDatabaseFiles(const std::string &path) {
  std::error_code ignored;
  for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
    std::filesystem::remove(path + suffix, ignored);
  }
}

}  // namespace

int schemaVersion(const std::string &path) {
  Database db(path, Database::Mode::ReadOnly);
  return readVersion(db);
}

MigrationReport migrateDatabase(const std::string &path, const std::vector<Migration> &migrations) {
  MigrationReport report;
  int newest = 0;
  for (const auto &m : migrations) newest = std::max(newest, m.version);

  const bool existed = std::filesystem::exists(path);
  if (existed) {
    try {
      report.fromVersion = schemaVersion(path);
    } catch (const DbError &e) {
      throw MigrationError("cannot read the schema version of " + path + ": " + e.what() +
                           ". Is it an Encore database? It was not modified.");
    }
    if (report.fromVersion > newest) {
      throw MigrationError("the database " + path + " has schema version " +
                           std::to_string(report.fromVersion) +
                           " but this encored knows only up to " + std::to_string(newest) +
                           ": it was written by a newer Encore. Run that version, or restore a "
                           "backup. The database was not modified.");
    }
  }
  report.toVersion = report.fromVersion;

  // Every migration not recorded yet, not only those above the newest recorded one: each
  // part of the tree numbers its migrations in its own range, so a lower number can arrive
  // in a later release than a higher one.
  const std::set<int> recorded = existed ? recordedVersions(path) : std::set<int>();
  std::vector<const Migration *> pending;
  for (const auto &m : migrations) {
    if (recorded.count(m.version) == 0) pending.push_back(&m);
  }
  std::sort(pending.begin(), pending.end(),
            [](const Migration *a, const Migration *b) { return a->version < b->version; });

  {
    Database db(path, Database::Mode::ReadWrite);
    if (!pending.empty()) {
      const Migration *current = nullptr;
      try {
        Transaction tx(db);
        db.exec(
            "CREATE TABLE IF NOT EXISTS schema_migrations ("
            " version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)");
        for (const Migration *m : pending) {
          current = m;
          db.exec("SAVEPOINT migration");
          db.exec(m->sql);
          db.prepare(
                "INSERT INTO schema_migrations(version, name, applied_at) "
                "VALUES (?, ?, CAST(strftime('%s','now') AS INTEGER))")
              ->bind(m->version, m->name)
              .run();
          db.exec("RELEASE migration");
          report.applied.push_back(m->name);
        }
        tx.commit();
        report.toVersion = std::max(report.fromVersion, pending.back()->version);
      } catch (const DbError &e) {
        report.applied.clear();
        std::string which = current != nullptr ? current->name : "schema_migrations";
        if (!existed) {
          // Nothing was committed; do not leave an empty file behind.
          removeDatabaseFiles(path);
        }
        throw MigrationError("migration " + which + " failed: " + e.what() +
                             ". No migration was applied; the database was left as it was.");
      }
    }
    // WAL lets the web pages read while a sync writes. Persistent in the file.
    db.exec("PRAGMA journal_mode=WAL");
  }
  return report;
}

}  // namespace encore
