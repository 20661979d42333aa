// The daemon's database: one writer connection behind a mutex (SQLite has one writer at a
// time anyway) and a small pool of read-only connections, which WAL lets run beside it.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "daemon/store/database.h"
#include "daemon/store/db_error.h"
#include "daemon/store/migration.h"

namespace encore {

class Store {
 public:
  /// Opens `<dataDir>/encore.db`, applying pending migrations first. Throws
  /// MigrationError (start-up must stop) or DbError.
  Store(const std::string &dataDir, const std::vector<Migration> &migrations);
  ~Store();

  /// Runs `fn(Database&)` inside one write transaction, committed when `fn` returns and
  /// rolled back when it throws. Serialized with every other writer of this process.
  template <typename Fn>
  auto write(Fn &&fn) -> decltype(fn(std::declval<Database &>())) {
    std::lock_guard<std::mutex> lock(writerMutex_);
    if (writer_ == nullptr) throw DbError(SQLITE_MISUSE, "the database is closed");
    Transaction tx(*writer_);
    if constexpr (std::is_void_v<decltype(fn(*writer_))>) {
      fn(*writer_);
      tx.commit();
    } else {
      auto result = fn(*writer_);
      tx.commit();
      return result;
    }
  }

  /// Runs `fn(Database&)` on a read-only connection (a consistent snapshot per statement;
  /// wrap several in BEGIN/COMMIT for one snapshot across them).
  template <typename Fn>
  auto read(Fn &&fn) -> decltype(fn(std::declval<Database &>())) {
    Lease lease(*this);
    return fn(*lease.db);
  }

  const std::string &path() const { return path_; }
  const std::string &dataDir() const { return dataDir_; }
  const MigrationReport &migrationReport() const { return migrationReport_; }

  /// Waits for the current write transaction to finish and keeps new ones out: the last
  /// step of shutdown.
  void close();

 private:
  struct Lease {
    explicit Lease(Store &store);
    ~Lease();
    Store &store;
    std::unique_ptr<Database> db;
  };

  std::unique_ptr<Database> openReader();

  std::string dataDir_;
  std::string path_;
  MigrationReport migrationReport_;

  std::mutex writerMutex_;
  std::unique_ptr<Database> writer_;

  std::mutex readersMutex_;
  std::condition_variable readerReturned_;
  std::vector<std::unique_ptr<Database>> idleReaders_;
  int openReaders_ = 0;
  static constexpr int kMaxReaders = 4;
};

}  // namespace encore
