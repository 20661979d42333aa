// The time range and time zone of a stats query: a preset (last 4 weeks, 6 months, a year,
// all time), explicit from/to, or a calendar year, in the user's zone.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "daemon/core/time_zone.h"

namespace encore {

struct StatsRange {
  int64_t from = 0;    // UTC seconds, inclusive
  int64_t to = 0;      // UTC seconds, exclusive
  std::string preset;  // "4w" | "6m" | "1y" | "all" | "custom" | "year"
  std::shared_ptr<const TimeZone> zone;
};

/// What a request asked for; every field is optional.
struct RangeQuery {
  std::optional<std::string> range;  // a preset name
  std::optional<std::string> from;   // "YYYY-MM-DD" (local day) or an ISO-8601 instant
  std::optional<std::string> to;     // "YYYY-MM-DD" (inclusive local day) or an instant (exclusive)
  std::optional<std::string> tz;     // an IANA zone overriding the setting
};

/// A query parameter that cannot be used; `field` names it.
class RangeError : public std::invalid_argument {
 public:
  RangeError(std::string field, const std::string &message)
      : std::invalid_argument(message), field_(std::move(field)) {}
  const std::string &field() const { return field_; }

 private:
  std::string field_;
};

/// The upper bound of "all time": past any play the history can hold.
constexpr int64_t kEndOfTime = 4102444800;  // 2100-01-01T00:00:00Z

/// Resolves `query` at `nowSeconds`. With neither a preset nor from/to, all time.
/// Throws RangeError.
StatsRange resolveRange(const RangeQuery &query, const std::string &defaultZone,
                        int64_t nowSeconds);

/// January 1st to January 1st of `year`, local. Throws RangeError for years outside
/// 2000..2099.
StatsRange yearRange(int64_t year, std::shared_ptr<const TimeZone> zone);

/// The zone named `name`, else UTC (a setting may hold a name this machine lacks).
std::shared_ptr<const TimeZone> zoneOrUtc(const std::string &name);

/// {"preset", "from", "to", "timezone"}: from/to as ISO-8601 UTC.
nlohmann::json rangeJson(const StatsRange &range);

}  // namespace encore
