#include "daemon/store/store.h"

#include <filesystem>

#include "daemon/store/db_error.h"

namespace encore {

Store::Store(const std::string &dataDir, const std::vector<Migration> &migrations)
    : dataDir_(dataDir), path_((std::filesystem::path(dataDir) / "encore.db").string()) {
  std::filesystem::create_directories(dataDir_);
  migrationReport_ = migrateDatabase(path_, migrations);
  writer_ = std::make_unique<Database>(path_, Database::Mode::ReadWrite);
  // FULL: a committed page survives a power cut, which home servers do see.
  writer_->exec(
      "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY;"
      "PRAGMA cache_size=-4000;");
}

Store::~Store() {
  close();
}

void Store::close() {
  std::lock_guard<std::mutex> lock(writerMutex_);
  if (writer_ == nullptr) return;
  {
    std::unique_lock<std::mutex> readers(readersMutex_);
    idleReaders_.clear();
  }
  // Fold the WAL back into the main file so a copied encore.db is complete.
  try {
    writer_->exec("PRAGMA wal_checkpoint(TRUNCATE)");
  } catch (const DbError &) {
    // A reader still holds a snapshot; the WAL is replayed on next open. No data is lost.
  }
  writer_.reset();
}

std::unique_ptr<Database> Store::openReader() {
  auto db = std::make_unique<Database>(path_, Database::Mode::ReadOnly);
  db->exec("PRAGMA cache_size=-8000; PRAGMA temp_store=MEMORY;");
  return db;
}

Store::Lease::Lease(Store &s) : store(s) {
  std::unique_lock<std::mutex> lock(store.readersMutex_);
  for (;;) {
    if (!store.idleReaders_.empty()) {
      db = std::move(store.idleReaders_.back());
      store.idleReaders_.pop_back();
      return;
    }
    if (store.openReaders_ < kMaxReaders) {
      ++store.openReaders_;
      lock.unlock();
      try {
        db = store.openReader();
      } catch (...) {
        lock.lock();
        --store.openReaders_;
        throw;
      }
      return;
    }
    store.readerReturned_.wait(lock);
  }
}

Store::Lease::~Lease() {
  if (db == nullptr) return;
  std::lock_guard<std::mutex> lock(store.readersMutex_);
  if (db->inTransaction()) {
    try {
      db->exec("ROLLBACK");
    } catch (const DbError &) {
    }
  }
  store.idleReaders_.push_back(std::move(db));
  store.readerReturned_.notify_one();
}

}  // namespace encore
