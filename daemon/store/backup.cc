#include "daemon/store/backup.h"

#include <fcntl.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "daemon/store/database.h"
#include "daemon/store/db_error.h"
#include "daemon/store/migration.h"

namespace fs = std::filesystem;

namespace encore {
namespace {

/// Copies everything in one step: one read transaction, hence one consistent snapshot. A
/// busy source (a WAL recovery in progress) is retried for a while.
void copyAll(Database &source, Database &copy) {
  sqlite3_backup *backup = sqlite3_backup_init(copy.handle(), "main", source.handle(), "main");
  if (backup == nullptr) throw BackupError(sqlite3_errmsg(copy.handle()));
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int rc = SQLITE_OK;
  for (;;) {
    rc = sqlite3_backup_step(backup, -1);
    if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) break;
    if (std::chrono::steady_clock::now() > deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  sqlite3_backup_finish(backup);
  if (rc != SQLITE_DONE) {
    throw BackupError(std::string("the copy failed: ") + sqlite3_errstr(rc) + " (" +
                      sqlite3_errmsg(copy.handle()) + ")");
  }
}

void syncPath(const fs::path &path, int flags) {
  int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) throw BackupError("cannot open " + path.string() + " to sync it");
  int rc = ::fsync(fd);
  ::close(fd);
  if (rc != 0) throw BackupError("cannot sync " + path.string() + " to disk");
}

/// Opening the database may create its -wal and -shm files. Run as root beside a daemon
/// that runs as another user, files owned by root would lock the daemon out: they go to
/// the database's owner.
void giveSidecarsToOwner(const fs::path &database) {
  if (::geteuid() != 0) return;
  struct stat owner {};
  if (::stat(database.c_str(), &owner) != 0) return;
  for (const char *suffix : {"-wal", "-shm"}) {
    fs::path sidecar = database.string() + suffix;
    struct stat st {};
    if (::stat(sidecar.c_str(), &st) == 0 &&
        (st.st_uid != owner.st_uid || st.st_gid != owner.st_gid)) {
      if (::chown(sidecar.c_str(), owner.st_uid, owner.st_gid) != 0) {
        throw BackupError("cannot give " + sidecar.string() + " back to the database's owner");
      }
    }
  }
}

}  // namespace

BackupResult backupDatabase(const std::string &dataDir, const std::string &target) {
  BackupResult result;
  const fs::path source = fs::absolute(fs::path(dataDir) / "encore.db").lexically_normal();
  const fs::path destination = fs::absolute(target).lexically_normal();
  result.source = source.string();
  result.target = destination.string();
  std::error_code ec;
  if (!fs::is_regular_file(source, ec)) {
    throw BackupError("no database at " + source.string() + " (wrong --data-dir?)");
  }
  if (destination.filename().empty() || fs::is_directory(destination, ec)) {
    throw BackupError(destination.string() + " is a directory: name the file to write");
  }
  if (!fs::is_directory(destination.parent_path(), ec)) {
    throw BackupError("the folder " + destination.parent_path().string() + " does not exist");
  }
  for (const char *suffix : {"", "-wal", "-shm", "-journal"}) {
    if (destination == fs::path(source.string() + suffix) ||
        (suffix[0] == '\0' && fs::equivalent(source, destination, ec))) {
      throw BackupError("the backup must not replace the database or its journal");
    }
  }

  const fs::path partial =
      destination.string() + ".partial-" + std::to_string(static_cast<long>(::getpid()));
  fs::remove(partial, ec);
  try {
    {
      Database from(source.string(), Database::Mode::ReadOnly);
      Database copy(partial.string(), Database::Mode::ReadWrite);
      // OAuth tokens and API keys are in there: the owner's alone, like the data directory.
      ::chmod(partial.c_str(), 0600);
      copyAll(from, copy);
      giveSidecarsToOwner(source);
      // One self-contained file: a restore is a copy, with no -wal beside it to forget.
      copy.exec("PRAGMA journal_mode = DELETE");
      auto check = copy.prepare("PRAGMA quick_check");
      std::string verdict = check->step() ? check->text(0) : "no answer";
      if (verdict != "ok") throw BackupError("the copy failed its check: " + verdict);
    }
    result.schemaVersion = schemaVersion(partial.string());
    syncPath(partial, O_RDONLY);
    fs::rename(partial, destination);
    syncPath(destination.parent_path(), O_RDONLY | O_DIRECTORY);
    result.bytes = static_cast<int64_t>(fs::file_size(destination));
  } catch (const DbError &e) {
    fs::remove(partial, ec);
    throw BackupError(e.what());
  } catch (const fs::filesystem_error &e) {
    fs::remove(partial, ec);
    throw BackupError(e.what());
  } catch (...) {
    fs::remove(partial, ec);
    throw;
  }
  return result;
}

}  // namespace encore
