#include "daemon/core/time_format.h"

#include <cctype>
#include <cstdio>
#include <cstring>

namespace encore {

int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

namespace {

struct Civil {
  int64_t year;
  unsigned month, day;
};

Civil civilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

bool readDigits(std::string_view s, size_t &pos, size_t count, int &out) {
  if (pos + count > s.size()) return false;
  int v = 0;
  for (size_t i = 0; i < count; ++i) {
    char c = s[pos + i];
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    v = v * 10 + (c - '0');
  }
  pos += count;
  out = v;
  return true;
}

bool expect(std::string_view s, size_t &pos, char c) {
  if (pos < s.size() && s[pos] == c) {
    ++pos;
    return true;
  }
  return false;
}

bool validDate(int y, int mo, int d, int h, int mi, int se) {
  static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > kDays[mo - 1]) return false;
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (mo == 2 && d == 29 && !leap) return false;
  return h <= 23 && mi <= 59 && se <= 60;
}

int64_t toEpochMs(int y, int mo, int d, int h, int mi, int se, int ms) {
  int64_t days = daysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d));
  return ((days * 24 + h) * 60 + mi) * 60000 + static_cast<int64_t>(se) * 1000 + ms;
}

int monthFromName(std::string_view name) {
  static const char *kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int i = 0; i < 12; ++i) {
    if (name.size() >= 3 && strncasecmp(name.data(), kMonths[i], 3) == 0) return i + 1;
  }
  return 0;
}

}  // namespace

std::string formatIsoUtc(int64_t epochMs, bool withMillis) {
  int64_t days = floorDiv(epochMs, 86400000);
  int64_t msOfDay = epochMs - days * 86400000;
  Civil c = civilFromDays(days);
  int h = static_cast<int>(msOfDay / 3600000);
  int mi = static_cast<int>(msOfDay / 60000 % 60);
  int s = static_cast<int>(msOfDay / 1000 % 60);
  int ms = static_cast<int>(msOfDay % 1000);
  char buf[48];
  if (withMillis) {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02d.%03dZ",
                  static_cast<long long>(c.year), c.month, c.day, h, mi, s, ms);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02u-%02uT%02d:%02d:%02dZ",
                  static_cast<long long>(c.year), c.month, c.day, h, mi, s);
  }
  return buf;
}

std::optional<int64_t> parseIsoUtc(std::string_view s) {
  size_t pos = 0;
  int y, mo, d, h = 0, mi = 0, se = 0, ms = 0;
  if (!readDigits(s, pos, 4, y) || !expect(s, pos, '-') || !readDigits(s, pos, 2, mo) ||
      !expect(s, pos, '-') || !readDigits(s, pos, 2, d)) {
    return std::nullopt;
  }
  if (pos == s.size()) return std::nullopt;  // a date alone is not a timestamp
  const bool isoForm = s[pos] == 'T';
  if (!expect(s, pos, 'T') && !expect(s, pos, ' ')) return std::nullopt;
  if (!readDigits(s, pos, 2, h) || !expect(s, pos, ':') || !readDigits(s, pos, 2, mi)) {
    return std::nullopt;
  }
  if (expect(s, pos, ':')) {
    if (!readDigits(s, pos, 2, se)) return std::nullopt;
    if (expect(s, pos, '.')) {
      int digits = 0;
      while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
        if (digits < 3) ms = ms * 10 + (s[pos] - '0');
        ++digits;
        ++pos;
      }
      if (digits == 0) return std::nullopt;
      for (int i = digits; i < 3; ++i) ms *= 10;
    }
  }
  if (!validDate(y, mo, d, h, mi, se)) return std::nullopt;
  int64_t offsetMs = 0;
  if (pos < s.size()) {
    if (s[pos] == 'Z' && pos + 1 == s.size()) {
      ++pos;
    } else if ((s[pos] == '+' || s[pos] == '-') && isoForm) {
      int sign = s[pos] == '-' ? -1 : 1;
      ++pos;
      int oh, om = 0;
      if (!readDigits(s, pos, 2, oh)) return std::nullopt;
      expect(s, pos, ':');
      if (pos < s.size() && !readDigits(s, pos, 2, om)) return std::nullopt;
      if (pos != s.size() || oh > 23 || om > 59) return std::nullopt;
      offsetMs = sign * (oh * 3600000LL + om * 60000LL);
    } else {
      return std::nullopt;
    }
  }
  return toEpochMs(y, mo, d, h, mi, se, ms) - offsetMs;
}

std::optional<int64_t> parseHttpDate(std::string_view text) {
  std::string s(text);
  char wkday[16] = {0}, mon[16] = {0}, tz[8] = {0};
  int d = 0, y = 0, h = 0, mi = 0, se = 0;
  // IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT"
  if (std::sscanf(s.c_str(), "%15[A-Za-z], %2d %15[A-Za-z] %4d %2d:%2d:%2d %7s", wkday, &d, mon, &y,
                  &h, &mi, &se, tz) == 8 &&
      std::strcmp(tz, "GMT") == 0) {
  } else if (std::sscanf(s.c_str(), "%15[A-Za-z], %2d-%15[A-Za-z]-%2d %2d:%2d:%2d %7s", wkday, &d,
                         mon, &y, &h, &mi, &se, tz) == 8 &&
             std::strcmp(tz, "GMT") == 0) {
    // RFC 850: two-digit year.
    y += y < 70 ? 2000 : 1900;
  } else if (std::sscanf(s.c_str(), "%15[A-Za-z] %15[A-Za-z] %2d %2d:%2d:%2d %4d", wkday, mon, &d,
                         &h, &mi, &se, &y) == 7) {
    // asctime
  } else {
    return std::nullopt;
  }
  int mo = monthFromName(mon);
  if (mo == 0 || !validDate(y, mo, d, h, mi, se)) return std::nullopt;
  return toEpochMs(y, mo, d, h, mi, se, 0);
}

}  // namespace encore
