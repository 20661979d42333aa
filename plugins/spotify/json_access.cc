#include "json_access.h"

#include <cctype>

#include "encore/time.hpp"

namespace spotify {

Json parseLean(std::string_view text) {
  static const auto skip = [](const Json &key) {
    const auto &k = key.get_ref<const std::string &>();
    return k == "available_markets" || k == "href" || k == "copyrights" || k == "preview_url" ||
           k == "audio_preview_url" || k == "video_thumbnail" || k == "primary_color" ||
           k == "languages" || k == "show";
  };
  return Json::parse(
      text,
      [](int, Json::parse_event_t event, Json &parsed) {
        return event != Json::parse_event_t::key || !skip(parsed);
      },
      false);
}

const Json *member(const Json &object, const char *key) {
  if (!object.is_object()) return nullptr;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

const std::string *stringMember(const Json &object, const char *key) {
  const Json *v = member(object, key);
  if (v == nullptr) return nullptr;
  if (!v->is_string()) throw FormatError(std::string("'") + key + "' is not a string");
  return &v->get_ref<const std::string &>();
}

std::optional<std::string> optString(const Json &object, const char *key) {
  const std::string *v = stringMember(object, key);
  return v != nullptr ? std::optional<std::string>(*v) : std::nullopt;
}

std::optional<int64_t> optInt(const Json &object, const char *key) {
  const Json *v = member(object, key);
  if (v == nullptr) return std::nullopt;
  if (v->is_number_integer()) {
    if (v->is_number_unsigned() && v->get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      throw FormatError(std::string("'") + key + "' is out of range");
    }
    return v->get<int64_t>();
  }
  throw FormatError(std::string("'") + key + "' is not an integer");
}

std::optional<bool> optBool(const Json &object, const char *key) {
  const Json *v = member(object, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_boolean()) throw FormatError(std::string("'") + key + "' is not true or false");
  return v->get<bool>();
}

const Json *optObject(const Json &object, const char *key) {
  const Json *v = member(object, key);
  if (v != nullptr && !v->is_object())
    throw FormatError(std::string("'") + key + "' is not an object");
  return v;
}

const Json &requireArray(const Json &object, const char *key) {
  const Json *v = member(object, key);
  if (v == nullptr || !v->is_array())
    throw FormatError(std::string("'") + key + "' is not an array");
  return *v;
}

bool isSpotifyId(const std::string &id) {
  if (id.empty() || id.size() > 64) return false;
  for (unsigned char c : id) {
    if (!std::isalnum(c)) return false;
  }
  return true;
}

std::optional<int64_t> parseTimestampMs(const std::string &text) {
  auto t = encore::parseIso8601(text);
  if (!t || !t->hasSeconds || !t->hasZone) return std::nullopt;
  return encore::unixMs(*t);
}

}  // namespace spotify
