#include "json_access.h"

#include <cctype>
#include <string_view>

namespace spotify {

Json parseLean(const std::string &text) {
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

std::optional<std::string> optString(const Json &object, const char *key) {
  const Json *v = member(object, key);
  if (v == nullptr) return std::nullopt;
  if (!v->is_string()) throw FormatError(std::string("'") + key + "' is not a string");
  return v->get<std::string>();
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

std::string truncateUtf8(const std::string &text, size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  size_t cut = maxBytes;
  // Step back over continuation bytes (10xxxxxx) to the start of a character.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

namespace {

int64_t daysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

bool digits(const std::string &s, size_t pos, size_t n, int64_t &out) {
  if (pos + n > s.size()) return false;
  out = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    out = out * 10 + (s[i] - '0');
  }
  return true;
}

}  // namespace

std::optional<int64_t> parseTimestampMs(const std::string &s) {
  int64_t y, mo, d, h, mi, se;
  if (!digits(s, 0, 4, y) || s.size() < 19 || s[4] != '-' || !digits(s, 5, 2, mo) || s[7] != '-' ||
      !digits(s, 8, 2, d) || (s[10] != 'T' && s[10] != ' ') || !digits(s, 11, 2, h) ||
      s[13] != ':' || !digits(s, 14, 2, mi) || s[16] != ':' || !digits(s, 17, 2, se)) {
    return std::nullopt;
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return std::nullopt;
  size_t pos = 19;
  int64_t millis = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100;
    size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      millis += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int64_t offsetMinutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int64_t oh, om;
    if (!digits(s, pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(s, pos + 4, 2, om)) {
      return std::nullopt;
    }
    offsetMinutes = (s[pos] == '+' ? 1 : -1) * (oh * 60 + om);
    pos += 6;
  } else {
    return std::nullopt;
  }
  if (pos != s.size()) return std::nullopt;
  int64_t seconds = daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + se - offsetMinutes * 60;
  return seconds * 1000 + millis;
}

}  // namespace spotify
