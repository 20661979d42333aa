// One SQLite connection with a cache of prepared statements. Not thread-safe: a
// connection belongs to one thread at a time (the Store hands them out).
#pragma once

#include <sqlite3.h>

#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "daemon/store/statement.h"

namespace encore {

/// A cached statement borrowed for one use; resets itself when it goes out of scope so
/// the next user finds it clean.
class StatementRef {
 public:
  explicit StatementRef(Statement &statement) : statement_(&statement) {}
  ~StatementRef() {
    if (statement_ != nullptr) statement_->reset();
  }
  StatementRef(StatementRef &&other) noexcept : statement_(other.statement_) {
    other.statement_ = nullptr;
  }
  StatementRef(const StatementRef &) = delete;
  StatementRef &operator=(const StatementRef &) = delete;
  StatementRef &operator=(StatementRef &&) = delete;

  Statement *operator->() const { return statement_; }
  Statement &operator*() const { return *statement_; }

 private:
  Statement *statement_;
};

class Database {
 public:
  enum class Mode { ReadWrite, ReadOnly };

  /// Opens (creating in ReadWrite mode) the database at `path`. Throws DbError.
  Database(const std::string &path, Mode mode);
  ~Database();
  Database(const Database &) = delete;
  Database &operator=(const Database &) = delete;

  /// Runs one or more statements without parameters (schema, pragmas).
  void exec(std::string_view sql);
  /// Returns the cached prepared statement for `sql`, preparing it on first use.
  StatementRef prepare(std::string_view sql);

  int64_t lastInsertRowId() const;
  int changes() const;
  bool inTransaction() const;
  const std::string &path() const { return path_; }
  sqlite3 *handle() const { return db_; }

 private:
  std::string path_;
  sqlite3 *db_ = nullptr;
  std::unordered_map<std::string, std::unique_ptr<Statement>> cache_;
};

/// BEGIN IMMEDIATE ... COMMIT, rolled back unless commit() was called.
class Transaction {
 public:
  explicit Transaction(Database &db);
  ~Transaction();
  Transaction(const Transaction &) = delete;
  Transaction &operator=(const Transaction &) = delete;
  void commit();

 private:
  Database &db_;
  bool done_ = false;
};

}  // namespace encore
