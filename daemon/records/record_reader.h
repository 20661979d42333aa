// Reads fields of one untrusted JSON record with types and bounds checked; the first
// problem throws RecordError naming the record and field ("records[3].popularity: ...").
#pragma once

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace encore {

class RecordError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

constexpr size_t kMaxIdLength = 256;
constexpr size_t kMaxNameLength = 2048;
constexpr size_t kMaxTextLength = 16384;

class RecordReader {
 public:
  RecordReader(const nlohmann::json &value, std::string path);

  const nlohmann::json &json() const { return value_; }
  const std::string &path() const { return path_; }
  bool has(const char *key) const;

  std::string requiredString(const char *key, size_t maxLength = kMaxNameLength) const;
  std::optional<std::string> optString(const char *key, size_t maxLength = kMaxTextLength) const;
  /// An external id: 1..256 bytes, printable, no whitespace.
  std::string requiredId(const char *key) const;
  std::optional<std::string> optId(const char *key) const;
  int64_t requiredInt(const char *key, int64_t min, int64_t max) const;
  std::optional<int64_t> optInt(const char *key, int64_t min, int64_t max) const;
  std::optional<bool> optBool(const char *key) const;
  /// A nested object, or nullopt when absent or null.
  std::optional<RecordReader> optObject(const char *key) const;
  RecordReader requiredObject(const char *key) const;
  /// An array (empty when absent or null); each element as a reader.
  std::vector<RecordReader> array(const char *key, size_t maxItems = 1000) const;
  /// A JSON array of strings, serialised, or nullopt when absent.
  std::optional<std::string> optStringArrayJson(const char *key, size_t maxItems = 100) const;
  /// Images: [{"url", "width"?, "height"?}], serialised normalised, or nullopt when absent.
  std::optional<std::string> optImagesJson(const char *key) const;
  /// An object kept as-is (size-capped), serialised, or nullopt.
  std::optional<std::string> optRawObjectJson(const char *key, size_t maxBytes = 16384) const;

  [[noreturn]] void fail(const std::string &key, const std::string &problem) const;

 private:
  const nlohmann::json *field(const char *key) const;  // nullptr when absent or null

  const nlohmann::json &value_;
  std::string path_;
};

}  // namespace encore
