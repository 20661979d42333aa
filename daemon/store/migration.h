// Schema migrations: migrations/NNNN_name.sql, applied in order at start-up.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace encore {

struct Migration {
  int version;       // NNNN
  std::string name;  // "NNNN_name"
  std::string sql;
};

/// The migrations compiled into this binary, sorted by version.
const std::vector<Migration> &builtinMigrations();

/// Start-up must stop: the database is newer than the binary, or a migration failed.
/// The message says what happened and what to do; the file was left as it was.
class MigrationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct MigrationReport {
  int fromVersion = 0;
  int toVersion = 0;
  std::vector<std::string> applied;
};

/// Brings the database at `path` (created if missing) up to the newest of `migrations`.
/// The version check runs on a read-only connection first, so a database newer than the
/// binary is never written to. Pending migrations run in order, each inside its own
/// savepoint of one transaction: either all of them are applied and recorded in
/// `schema_migrations`, or none is and the file is left as it was.
MigrationReport migrateDatabase(const std::string &path, const std::vector<Migration> &migrations);

/// The highest version recorded in `schema_migrations`, 0 for an empty database.
int schemaVersion(const std::string &path);

}  // namespace encore
