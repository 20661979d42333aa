#include "support/sqlite_peek.h"

#include <sqlite3.h>

#include <stdexcept>

namespace encore::test {
namespace {

template <typename Fn>
auto withRow(const std::string &dataDir, const std::string &sql, Fn fn) {
  sqlite3 *db = nullptr;
  std::string path = dataDir + "/encore.db";
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) != SQLITE_OK) {
    sqlite3_close(db);
    throw std::runtime_error("cannot open " + path);
  }
  sqlite3_busy_timeout(db, 5000);
  sqlite3_stmt *stmt = nullptr;
  if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
    std::string error = sqlite3_errmsg(db);
    sqlite3_close(db);
    throw std::runtime_error(error);
  }
  bool row = sqlite3_step(stmt) == SQLITE_ROW;
  auto result = fn(row ? stmt : nullptr);
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return result;
}

}  // namespace

int64_t queryInt(const std::string &dataDir, const std::string &sql) {
  return withRow(dataDir, sql, [](sqlite3_stmt *s) -> int64_t {
    return s == nullptr ? 0 : sqlite3_column_int64(s, 0);
  });
}

std::string queryText(const std::string &dataDir, const std::string &sql) {
  return withRow(dataDir, sql, [](sqlite3_stmt *s) -> std::string {
    if (s == nullptr || sqlite3_column_text(s, 0) == nullptr) return "";
    return reinterpret_cast<const char *>(sqlite3_column_text(s, 0));
  });
}

}  // namespace encore::test
