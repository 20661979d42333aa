// Reads CSV (RFC 4180: quoted fields, "" for a quote, CRLF or LF) row by row from a stream.
#pragma once

#include <cstddef>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace lastfm {

class CsvError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class CsvReader {
 public:
  using ReadFn = std::function<size_t(char *buffer, size_t capacity)>;
  explicit CsvReader(ReadFn read) : read_(std::move(read)), buf_(128 * 1024) {}
  /// The next row's fields; false at the end. Throws CsvError on an unterminated quote or
  /// a row over 64 KiB.
  bool next(std::vector<std::string> &fields);

 private:
  int get();
  ReadFn read_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
};

}  // namespace lastfm
