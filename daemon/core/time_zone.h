// IANA time zones read from the system's TZif files (/usr/share/zoneinfo, Debian's tzdata),
// so statistics count days and hours where the user lives, daylight saving included.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace encore {

class TimeZone {
 public:
  /// The zone named `name` (e.g. "Europe/Berlin"), or nullptr when it is unknown or the name
  /// is malformed. Loaded once and cached; safe from any thread.
  static std::shared_ptr<const TimeZone> load(const std::string &name);
  static std::shared_ptr<const TimeZone> utc();
  /// Where zone files are read from (tests may point it elsewhere before the first load).
  static void setZoneDirectory(const std::string &dir);
  /// Every zone name this system's files hold, sorted: what load() accepts ("UTC",
  /// "Europe/Berlin", ...), without the posix/ and right/ copies. Read once.
  static const std::vector<std::string> &names();

  const std::string &name() const { return name_; }
  /// Seconds east of UTC in force at `utcSeconds`.
  int32_t offsetAt(int64_t utcSeconds) const;
  int64_t toLocal(int64_t utcSeconds) const { return utcSeconds + offsetAt(utcSeconds); }
  /// The UTC instant of local wall time `localSeconds`. In a gap (clocks jumping forward)
  /// the wall time does not exist and the instant just after the jump is returned; in an
  /// overlap (clocks falling back) the earlier instant.
  int64_t fromLocal(int64_t localSeconds) const;

  /// A rule from a POSIX TZ string ("CET-1CEST,M3.5.0,M10.5.0/3"), used after the last
  /// transition a file lists. Public for tests.
  struct Rule {
    int32_t stdOffset = 0;  // seconds east of UTC
    int32_t dstOffset = 0;
    bool hasDst = false;
    struct Date {
      char kind = 'M';  // 'M' (month.week.day), 'J' (1..365, no Feb 29), 'D' (0..365)
      int month = 0, week = 0, day = 0;
      int32_t time = 7200;  // local seconds after midnight
    } start, end;
  };
  static bool parseRule(const std::string &text, Rule &rule);
  static int32_t ruleOffsetAt(const Rule &rule, int64_t utcSeconds);

  /// Built from parsed data (also used by tests).
  TimeZone(std::string name, std::vector<int64_t> transitions, std::vector<int32_t> offsets,
           int32_t initialOffset, bool hasRule, Rule rule);

 private:
  std::string name_;
  std::vector<int64_t> transitions_;  // UTC seconds, ascending
  std::vector<int32_t> offsets_;      // offset in force from transitions_[i]
  int32_t initialOffset_;
  bool hasRule_;
  Rule rule_;
};

}  // namespace encore
