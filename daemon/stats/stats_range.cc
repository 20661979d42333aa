#include "daemon/stats/stats_range.h"

#include <regex>

#include "daemon/core/time_format.h"
#include "daemon/core/unicode_text.h"
#include "daemon/stats/local_time.h"

namespace encore {
namespace {

struct Preset {
  const char *name;
  const char *alias;
  int64_t days;  // 0: all time
};
constexpr Preset kPresets[] = {{"4w", "last_4_weeks", 28},
                               {"6m", "last_6_months", 182},
                               {"1y", "last_year", 365},
                               {"all", "all_time", 0}};

/// A local date "YYYY-MM-DD" as a day number, or nullopt when the text is not one.
std::optional<int64_t> parseDay(const std::string &text) {
  static const std::regex pattern("([0-9]{4})-([0-9]{2})-([0-9]{2})");
  std::smatch m;
  if (!std::regex_match(text, m, pattern)) return std::nullopt;
  int64_t y = std::stoll(m[1]);
  unsigned mo = static_cast<unsigned>(std::stoi(m[2])), d = static_cast<unsigned>(std::stoi(m[3]));
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return std::nullopt;
  int64_t day = daysFromCivil(y, mo, d);
  if (civilFromDay(day).day != d) return std::nullopt;  // 2023-02-30
  return day;
}

/// A bound: a local date (its start; with `endOfDay` the start of the next day) or an
/// ISO-8601 instant.
int64_t parseBound(const std::string &field, const std::string &text, const TimeZone &zone,
                   bool endOfDay) {
  if (text.size() > 64) throw RangeError(field, "too long");
  if (auto day = parseDay(text)) return dayStartUtc(zone, *day + (endOfDay ? 1 : 0));
  if (text.find('T') != std::string::npos) {
    if (auto ms = parseIsoUtc(text)) return ms.value() / 1000;
  }
  throw RangeError(field,
                   "expected a date YYYY-MM-DD or an ISO-8601 time such as 2024-05-01T12:00:00Z");
}

}  // namespace

std::shared_ptr<const TimeZone> zoneOrUtc(const std::string &name) {
  auto zone = name.empty() ? nullptr : TimeZone::load(name);
  return zone ? zone : TimeZone::utc();
}

StatsRange resolveRange(const RangeQuery &q, const std::string &defaultZone, int64_t now) {
  StatsRange r;
  if (q.tz && !q.tz->empty()) {
    r.zone = TimeZone::load(*q.tz);
    if (!r.zone) throw RangeError("tz", "unknown time zone '" + text::clipBytes(*q.tz, 64) + "'");
  } else {
    r.zone = zoneOrUtc(defaultZone);
  }
  const bool explicitBounds = (q.from && !q.from->empty()) || (q.to && !q.to->empty());
  if (explicitBounds) {
    if (q.range && !q.range->empty() && *q.range != "custom") {
      throw RangeError("range", "give either a preset range or from/to, not both");
    }
    r.preset = "custom";
    r.from = q.from && !q.from->empty() ? parseBound("from", *q.from, *r.zone, false) : 0;
    r.to = q.to && !q.to->empty() ? parseBound("to", *q.to, *r.zone, true) : kEndOfTime;
    if (r.from >= r.to) throw RangeError("to", "must be after from");
    return r;
  }
  const std::string name = q.range && !q.range->empty() ? *q.range : "all";
  for (const auto &p : kPresets) {
    if (name != p.name && name != p.alias) continue;
    r.preset = p.name;
    if (p.days == 0) {
      r.from = 0;
      r.to = kEndOfTime;
    } else {
      const int64_t today = localDay(r.zone->toLocal(now));
      r.from = dayStartUtc(*r.zone, today - p.days + 1);
      r.to = dayStartUtc(*r.zone, today + 1);
    }
    return r;
  }
  throw RangeError("range", "unknown range '" + name.substr(0, 32) + "'; use 4w, 6m, 1y or all");
}

StatsRange yearRange(int64_t year, std::shared_ptr<const TimeZone> zone) {
  if (year < 2000 || year > 2099) throw RangeError("year", "expected a year between 2000 and 2099");
  StatsRange r;
  r.zone = std::move(zone);
  r.preset = "year";
  r.from = dayStartUtc(*r.zone, daysFromCivil(year, 1, 1));
  r.to = dayStartUtc(*r.zone, daysFromCivil(year + 1, 1, 1));
  return r;
}

nlohmann::json rangeJson(const StatsRange &r) {
  return {
      {"preset", r.preset},
      {"from", r.from > 0 ? nlohmann::json(formatIsoUtc(r.from * 1000)) : nlohmann::json(nullptr)},
      {"to",
       r.to < kEndOfTime ? nlohmann::json(formatIsoUtc(r.to * 1000)) : nlohmann::json(nullptr)},
      {"timezone", r.zone->name()}};
}

}  // namespace encore
