#include "daemon/records/record_reader.h"

namespace encore {

RecordReader::RecordReader(const nlohmann::json &value, std::string path)
    : value_(value), path_(std::move(path)) {
  if (!value_.is_object()) throw RecordError(path_ + ": expected an object");
}

void RecordReader::fail(const std::string &key, const std::string &problem) const {
  throw RecordError(path_ + "." + key + ": " + problem);
}

const nlohmann::json *RecordReader::field(const char *key) const {
  auto it = value_.find(key);
  if (it == value_.end() || it->is_null()) return nullptr;
  return &*it;
}

bool RecordReader::has(const char *key) const {
  return field(key) != nullptr;
}

std::optional<std::string> RecordReader::optString(const char *key, size_t maxLength) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) fail(key, "expected a string");
  const auto &s = v->get_ref<const std::string &>();
  if (s.size() > maxLength) fail(key, "longer than " + std::to_string(maxLength) + " bytes");
  if (s.find('\0') != std::string::npos) fail(key, "contains a NUL byte");
  return s;
}

std::string RecordReader::requiredString(const char *key, size_t maxLength) const {
  auto s = optString(key, maxLength);
  if (!s) fail(key, "is required");
  if (s->empty()) fail(key, "must not be empty");
  return *s;
}

std::optional<std::string> RecordReader::optId(const char *key) const {
  auto s = optString(key, kMaxIdLength);
  if (!s) return std::nullopt;
  if (s->empty()) fail(key, "must not be empty");
  for (unsigned char c : *s) {
    if (c <= 0x20 || c == 0x7f) fail(key, "must not contain spaces or control characters");
  }
  return s;
}

std::string RecordReader::requiredId(const char *key) const {
  auto s = optId(key);
  if (!s) fail(key, "is required");
  return *s;
}

std::optional<int64_t> RecordReader::optInt(const char *key, int64_t min, int64_t max) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  const std::string range =
      "expected an integer from " + std::to_string(min) + " to " + std::to_string(max);
  if (!v->is_number_integer()) fail(key, range);
  if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    fail(key, range);
  }
  int64_t n = v->get<int64_t>();
  if (n < min || n > max) fail(key, range);
  return n;
}

int64_t RecordReader::requiredInt(const char *key, int64_t min, int64_t max) const {
  auto n = optInt(key, min, max);
  if (!n) fail(key, "is required");
  return *n;
}

std::optional<bool> RecordReader::optBool(const char *key) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) fail(key, "expected true or false");
  return v->get<bool>();
}

std::optional<RecordReader> RecordReader::optObject(const char *key) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object()) fail(key, "expected an object");
  return RecordReader(*v, path_ + "." + key);
}

RecordReader RecordReader::requiredObject(const char *key) const {
  auto o = optObject(key);
  if (!o) fail(key, "is required");
  return *o;
}

std::vector<RecordReader> RecordReader::array(const char *key, size_t maxItems) const {
  std::vector<RecordReader> out;
  const auto *v = field(key);
  if (v == nullptr) return out;
  if (!v->is_array()) fail(key, "expected an array");
  if (v->size() > maxItems) fail(key, "more than " + std::to_string(maxItems) + " elements");
  out.reserve(v->size());
  for (size_t i = 0; i < v->size(); ++i) {
    out.emplace_back((*v)[i], path_ + "." + key + "[" + std::to_string(i) + "]");
  }
  return out;
}

std::optional<std::string> RecordReader::optStringArrayJson(const char *key,
                                                            size_t maxItems) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_array()) fail(key, "expected an array of strings");
  if (v->size() > maxItems) fail(key, "more than " + std::to_string(maxItems) + " elements");
  for (const auto &e : *v) {
    if (!e.is_string() || e.get_ref<const std::string &>().size() > kMaxNameLength) {
      fail(key, "expected an array of strings");
    }
  }
  return v->dump();
}

std::optional<std::string> RecordReader::optImagesJson(const char *key) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  nlohmann::json images = nlohmann::json::array();
  for (const auto &image : array(key, 32)) {
    auto url = image.requiredString("url", 2048);
    if (url.rfind("https://", 0) != 0 && url.rfind("http://", 0) != 0) {
      image.fail("url", "expected an http(s) URL");
    }
    nlohmann::json out = {{"url", url}};
    if (auto w = image.optInt("width", 0, 100000)) out["width"] = *w;
    if (auto h = image.optInt("height", 0, 100000)) out["height"] = *h;
    images.push_back(std::move(out));
  }
  return images.dump();
}

std::optional<std::string> RecordReader::optRawObjectJson(const char *key, size_t maxBytes) const {
  const auto *v = field(key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_object()) fail(key, "expected an object");
  auto text = v->dump();
  if (text.size() > maxBytes) fail(key, "larger than " + std::to_string(maxBytes) + " bytes");
  return text;
}

}  // namespace encore
