// encore/time.hpp -- calendar arithmetic and ISO-8601 timestamps as std::chrono durations
// since the Unix epoch (UTC), the unit of the ABI (encore.time/1 now_ms, "started_at").
// Proleptic Gregorian calendar, any year from 0000 to 9999, before 1970 included (Howard
// Hinnant's days_from_civil / civil_from_days). The host's clock is encore.time/1, never
// the system's: tests drive it.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <string_view>

namespace encore {

using Days = std::chrono::duration<int64_t, std::ratio<86400>>;

struct CivilDate {
  int64_t year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

constexpr bool isLeapYear(int64_t year) noexcept {
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

constexpr unsigned daysInMonth(int64_t year, unsigned month) noexcept {
  constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[(month - 1) % 12];
}

/// Days from 1970-01-01 to the date (negative before it).
constexpr Days daysFromCivil(int64_t year, unsigned month, unsigned day) noexcept {
  const int64_t y = year - (month <= 2 ? 1 : 0);
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const auto yoe = static_cast<unsigned>(y - era * 400);                               // [0, 399]
  const unsigned doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;  // [0, 365]
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;  // [0, 146096]
  return Days(era * 146097 + static_cast<int64_t>(doe) - 719468);
}

/// The date `days` after 1970-01-01.
constexpr CivilDate civilFromDays(Days days) noexcept {
  const int64_t z = days.count() + 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned day = doy - (153 * mp + 2) / 5 + 1;
  const unsigned month = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (month <= 2 ? 1 : 0), month, day};
}

/// A parsed timestamp: `sinceEpoch` is UTC.
struct Timestamp {
  std::chrono::milliseconds sinceEpoch{0};
  bool hasSeconds = true;  // false for "YYYY-MM-DD HH:MM"
  bool hasZone = true;     // false when no "Z" or offset was given (then taken as UTC)
};

/// Reads "YYYY-MM-DDTHH:MM[:SS[.fraction]][Z|+HH:MM|-HH:MM]", with 'T' or a space between
/// date and time: Spotify's "2023-09-22T15:23:14.294Z", "2018-07-10 06:58" of its account
/// data. Dates are checked against the calendar (no 31 April, 29 February in leap years
/// only); a second of 60 (a leap second) reads as the next minute's first. nullopt when
/// anything else is there.
inline std::optional<Timestamp> parseIso8601(std::string_view s) noexcept {
  auto digits = [&s](size_t pos, size_t n, unsigned &out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
      if (s[i] < '0' || s[i] > '9') return false;
      out = out * 10 + static_cast<unsigned>(s[i] - '0');
    }
    return true;
  };
  unsigned year, month, day, hour, minute, second = 0;
  if (!digits(0, 4, year) || s.size() < 16 || s[4] != '-' || !digits(5, 2, month) || s[7] != '-' ||
      !digits(8, 2, day) || (s[10] != 'T' && s[10] != ' ') || !digits(11, 2, hour) ||
      s[13] != ':' || !digits(14, 2, minute)) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 ||
      minute > 59) {
    return std::nullopt;
  }
  Timestamp t;
  size_t pos = 16;
  int64_t millis = 0;
  if (pos < s.size() && s[pos] == ':') {
    if (!digits(pos + 1, 2, second) || second > 60) return std::nullopt;
    pos += 3;
    if (pos < s.size() && s[pos] == '.') {
      const size_t start = ++pos;
      int64_t scale = 100;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
        millis += (s[pos] - '0') * scale;  // digits past the millisecond are cut
        scale /= 10;
        ++pos;
      }
      if (pos == start) return std::nullopt;
    }
  } else {
    t.hasSeconds = false;
  }
  int64_t offsetMinutes = 0;
  if (pos < s.size() && s[pos] == 'Z') {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    unsigned oh, om;
    if (!digits(pos + 1, 2, oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !digits(pos + 4, 2, om) || oh > 23 || om > 59) {
      return std::nullopt;
    }
    offsetMinutes = (s[pos] == '+' ? 1 : -1) * static_cast<int64_t>(oh * 60 + om);
    pos += 6;
  } else {
    t.hasZone = false;
  }
  if (pos != s.size()) return std::nullopt;
  using std::chrono::milliseconds;
  using std::chrono::minutes;
  using std::chrono::seconds;
  t.sinceEpoch = daysFromCivil(year, month, day) + std::chrono::hours(hour) + minutes(minute) +
                 seconds(second) - minutes(offsetMinutes) + milliseconds(millis);
  return t;
}

/// "2023-09-22T15:23:14Z", or "2023-09-22T15:23:14.294Z" when the milliseconds are not 0.
/// Years before 0 or after 9999 are written with as many digits as they need.
inline std::string formatIso8601(std::chrono::milliseconds sinceEpoch) {
  const Days days = std::chrono::floor<Days>(sinceEpoch);
  const auto inDay = sinceEpoch - days;  // [0, 1 day)
  const CivilDate date = civilFromDays(days);
  const auto ms = inDay.count();
  const int64_t h = ms / 3'600'000, m = ms / 60'000 % 60, s = ms / 1000 % 60, frac = ms % 1000;
  char text[48];
  int n = std::snprintf(text, sizeof text, "%04lld-%02u-%02uT%02lld:%02lld:%02lld",
                        static_cast<long long>(date.year), date.month, date.day,
                        static_cast<long long>(h), static_cast<long long>(m),
                        static_cast<long long>(s));
  if (frac != 0) {
    n += std::snprintf(text + n, sizeof text - static_cast<size_t>(n), ".%03lld",
                       static_cast<long long>(frac));
  }
  std::string out(text, static_cast<size_t>(n));
  out.push_back('Z');
  return out;
}

/// Milliseconds since the epoch, as the ABI counts them, from a parsed timestamp.
inline int64_t unixMs(const Timestamp &t) noexcept {
  return static_cast<int64_t>(t.sinceEpoch.count());
}

}  // namespace encore
