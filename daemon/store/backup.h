// A consistent copy of a live database, through SQLite's online backup API: the copy is
// made inside one read transaction, so it is the database as of one commit, while the
// daemon (in WAL mode) goes on writing.
#pragma once

#include <cstdint>
#include <stdexcept>
#include <string>

namespace encore {

class BackupError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct BackupResult {
  std::string source;
  std::string target;
  int64_t bytes = 0;
  int schemaVersion = 0;
};

/// Copies `<dataDir>/encore.db` to `target` (replacing it atomically: the copy is written
/// beside it, checked with PRAGMA quick_check, synced, then renamed). The copy is one
/// self-contained file (rollback journal, not WAL), readable by its owner alone. Throws
/// BackupError with the reason; nothing is left behind then.
BackupResult backupDatabase(const std::string &dataDir, const std::string &target);

}  // namespace encore
