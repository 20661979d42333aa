#include "daemon/store/statement.h"

#include "daemon/store/db_error.h"

namespace encore {

Statement::Statement(sqlite3 *db, std::string_view sql) : db_(db) {
  const char *tail = nullptr;
  int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, &tail);
  if (rc != SQLITE_OK) {
    throw DbError(rc, std::string("prepare failed: ") + sqlite3_errmsg(db_) +
                          " in: " + std::string(sql.substr(0, 200)));
  }
}

Statement::~Statement() {
  sqlite3_finalize(stmt_);
}

void Statement::check(int rc, const char *what) const {
  if (rc != SQLITE_OK) {
    throw DbError(rc, std::string(what) + ": " + sqlite3_errmsg(db_));
  }
}

void Statement::bindAt(int index, std::nullptr_t) {
  check(sqlite3_bind_null(stmt_, index), "bind null");
}

void Statement::bindInt64(int index, int64_t value) {
  check(sqlite3_bind_int64(stmt_, index, value), "bind int");
}

void Statement::bindAt(int index, double value) {
  check(sqlite3_bind_double(stmt_, index, value), "bind double");
}

void Statement::bindAt(int index, std::string_view value) {
  check(
      sqlite3_bind_text64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT, SQLITE_UTF8),
      "bind text");
}

void Statement::bindAt(int index, const char *value) {
  if (value == nullptr) {
    bindAt(index, nullptr);
  } else {
    bindAt(index, std::string_view(value));
  }
}

void Statement::bindAt(int index, Blob value) {
  check(sqlite3_bind_blob64(stmt_, index, value.data, value.size, SQLITE_TRANSIENT), "bind blob");
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  throw DbError(rc, std::string("step failed: ") + sqlite3_errmsg(db_));
}

void Statement::run() {
  while (step()) {
  }
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

bool Statement::isNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

int64_t Statement::int64(int column) const {
  return sqlite3_column_int64(stmt_, column);
}

double Statement::real(int column) const {
  return sqlite3_column_double(stmt_, column);
}

std::string Statement::text(int column) const {
  const unsigned char *p = sqlite3_column_text(stmt_, column);
  if (p == nullptr) return {};
  return std::string(reinterpret_cast<const char *>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}

std::optional<std::string> Statement::optText(int column) const {
  if (isNull(column)) return std::nullopt;
  return text(column);
}

std::optional<int64_t> Statement::optInt64(int column) const {
  if (isNull(column)) return std::nullopt;
  return int64(column);
}

std::vector<uint8_t> Statement::blob(int column) const {
  const auto *p = static_cast<const uint8_t *>(sqlite3_column_blob(stmt_, column));
  int n = sqlite3_column_bytes(stmt_, column);
  if (p == nullptr || n <= 0) return {};
  return std::vector<uint8_t>(p, p + n);
}

int Statement::columnCount() const {
  return sqlite3_column_count(stmt_);
}

std::string_view Statement::sql() const {
  return sqlite3_sql(stmt_);
}

}  // namespace encore
