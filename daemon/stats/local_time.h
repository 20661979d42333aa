// Local calendar arithmetic for statistics: days, hours and weekdays where the user lives.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/core/time_zone.h"

namespace encore {

/// Floor division: -1 / 86400 is day -1, not day 0.
inline int64_t floorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}

/// Local seconds -> local day number (days since 1970-01-01).
inline int64_t localDay(int64_t localSeconds) {
  return floorDiv(localSeconds, 86400);
}
inline int localHour(int64_t localSeconds) {
  return static_cast<int>((localSeconds - localDay(localSeconds) * 86400) / 3600);
}
/// 0 = Monday ... 6 = Sunday (1970-01-01 was a Thursday).
inline int weekdayOfDay(int64_t day) {
  return static_cast<int>(((day % 7) + 7 + 3) % 7);
}

struct CivilDate {
  int64_t year;
  unsigned month;  // 1..12
  unsigned day;    // 1..31
};
CivilDate civilFromDay(int64_t day);
/// "2024-03-31"
std::string dayText(int64_t day);
/// "2024-03"
std::string monthText(int64_t monthIndex);
/// Months since 1970-01 of a local day.
int64_t monthIndexOfDay(int64_t day);
/// The first local day of a month index.
int64_t firstDayOfMonth(int64_t monthIndex);

/// Converts UTC instants to local time. Fast for ascending inputs (the play index is
/// sorted): the offset is looked up once per stretch without a transition, which it finds
/// by probing a day ahead. Any order gives correct results, only slower.
class LocalClock {
 public:
  explicit LocalClock(const TimeZone &zone) : zone_(zone) {}
  int64_t toLocal(int64_t utcSeconds) {
    return utcSeconds >= from_ && utcSeconds < until_ ? utcSeconds + offset_ : lookUp(utcSeconds);
  }

 private:
  int64_t lookUp(int64_t utcSeconds);

  const TimeZone &zone_;
  int64_t from_ = 1;  // [from_, until_) has offset_; empty at first
  int64_t until_ = 0;
  int32_t offset_ = 0;
};

/// The UTC instant where local day `day` begins.
inline int64_t dayStartUtc(const TimeZone &zone, int64_t day) {
  return zone.fromLocal(day * 86400);
}

}  // namespace encore
