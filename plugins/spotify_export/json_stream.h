// Reads a JSON array of flat objects ([{"k": scalar, ...}, ...]) as a stream, one object at
// a time, in bounded memory: an export file of a million entries never sits in memory whole.
// Nested values are skipped. Malformed or truncated input throws JsonStreamError with the
// byte offset.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace spotify_export {

class JsonStreamError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct JsonValue {
  enum class Kind { String, Number, True, False, Null, Nested };
  Kind kind = Kind::Null;
  std::string text;  // String: decoded UTF-8; Number: as written
};

struct JsonField {
  std::string key;
  JsonValue value;
};

/// One object; fields are reused between objects to spare allocations.
struct JsonObject {
  std::vector<JsonField> fields;
  size_t count = 0;
  const JsonValue *find(std::string_view key) const;
};

class JsonArrayStream {
 public:
  /// `read(buffer, capacity)` returns the bytes read, 0 at the end; it may throw.
  using ReadFn = std::function<size_t(char *buffer, size_t capacity)>;

  explicit JsonArrayStream(ReadFn read);
  /// The next element as an object; false after the closing bracket. An element that is
  /// not an object throws.
  bool next(JsonObject &out);
  uint64_t offset() const { return consumed_ + pos_; }

 private:
  bool refill();
  int peek();
  int get();
  void skipSpace();
  void expect(char c);
  [[noreturn]] void fail(const std::string &what);
  void readString(std::string &out);
  void readValue(JsonValue &out, int depth);
  void skipNested(int depth);

  ReadFn read_;
  std::vector<char> buf_;
  size_t pos_ = 0, end_ = 0;
  uint64_t consumed_ = 0;
  bool eof_ = false;
  bool started_ = false, finished_ = false;
};

}  // namespace spotify_export
