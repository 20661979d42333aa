#include "daemon/stats/local_time.h"

#include <cstdio>

#include "daemon/core/time_format.h"

namespace encore {

CivilDate civilFromDay(int64_t z) {
  // Howard Hinnant's civil_from_days.
  z += 719468;
  const int64_t era = floorDiv(z, 146097);
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {static_cast<int64_t>(yoe) + era * 400 + (m <= 2 ? 1 : 0), m, d};
}

std::string dayText(int64_t day) {
  CivilDate c = civilFromDay(day);
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buffer;
}

int64_t monthIndexOfDay(int64_t day) {
  CivilDate c = civilFromDay(day);
  return (c.year - 1970) * 12 + (c.month - 1);
}

int64_t firstDayOfMonth(int64_t monthIndex) {
  int64_t year = 1970 + floorDiv(monthIndex, 12);
  auto month = static_cast<unsigned>(monthIndex - floorDiv(monthIndex, 12) * 12 + 1);
  return daysFromCivil(year, month, 1);
}

std::string monthText(int64_t monthIndex) {
  CivilDate c = civilFromDay(firstDayOfMonth(monthIndex));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%04lld-%02u", static_cast<long long>(c.year), c.month);
  return buffer;
}

int64_t LocalClock::lookUp(int64_t t) {
  offset_ = zone_.offsetAt(t);
  from_ = t;
  // No zone changes its offset twice within a day, so an equal offset a day ahead means
  // none in between; otherwise find the change to the second.
  constexpr int64_t kProbe = 86400;
  if (zone_.offsetAt(t + kProbe) == offset_) {
    until_ = t + kProbe;
  } else {
    int64_t lo = t, hi = t + kProbe;  // offset_ at lo, a different one at hi
    while (hi - lo > 1) {
      int64_t mid = lo + (hi - lo) / 2;
      (zone_.offsetAt(mid) == offset_ ? lo : hi) = mid;
    }
    until_ = hi;
  }
  return t + offset_;
}

}  // namespace encore
