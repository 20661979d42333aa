// A prepared SQLite statement: typed binding, stepping and column access.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace encore {

/// Binary data bound as a BLOB (as opposed to std::string, bound as TEXT).
struct Blob {
  const void *data;
  size_t size;
};

class Statement {
 public:
  Statement(sqlite3 *db, std::string_view sql);
  ~Statement();
  Statement(const Statement &) = delete;
  Statement &operator=(const Statement &) = delete;

  /// Binds `values` to parameters 1..n in order.
  template <typename... Values>
  Statement &bind(const Values &...values) {
    int index = 1;
    (bindAt(index++, values), ...);
    return *this;
  }

  void bindAt(int index, std::nullptr_t);
  template <typename T>
  requires std::is_integral_v<T>
  void bindAt(int index, T value) { bindInt64(index, static_cast<int64_t>(value)); }
  void bindInt64(int index, int64_t value);
  void bindAt(int index, double value);
  void bindAt(int index, std::string_view value);
  void bindAt(int index, const std::string &value) { bindAt(index, std::string_view(value)); }
  void bindAt(int index, const char *value);
  void bindAt(int index, Blob value);
  template <typename T>
  void bindAt(int index, const std::optional<T> &value) {
    if (value) {
      bindAt(index, *value);
    } else {
      bindAt(index, nullptr);
    }
  }

  /// Advances; true while a row is available.
  bool step();
  /// Runs a statement that returns no rows to completion.
  void run();
  void reset();

  bool isNull(int column) const;
  int64_t int64(int column) const;
  double real(int column) const;
  std::string text(int column) const;
  std::optional<std::string> optText(int column) const;
  std::optional<int64_t> optInt64(int column) const;
  std::vector<uint8_t> blob(int column) const;
  int columnCount() const;

  std::string_view sql() const;

 private:
  void check(int rc, const char *what) const;

  sqlite3 *db_;
  sqlite3_stmt *stmt_ = nullptr;
};

}  // namespace encore
