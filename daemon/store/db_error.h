// The exception the store throws: an SQLite result code and a message.
#pragma once

#include <stdexcept>
#include <string>

namespace encore {

class DbError : public std::runtime_error {
 public:
  DbError(int code, const std::string &message) : std::runtime_error(message), code_(code) {}
  /// The SQLite primary or extended result code (SQLITE_BUSY, SQLITE_FULL, ...).
  int code() const { return code_; }

 private:
  int code_;
};

}  // namespace encore
