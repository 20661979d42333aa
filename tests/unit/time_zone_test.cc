#include "daemon/core/time_zone.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <time.h>

#include "daemon/core/time_format.h"

namespace encore {
namespace {

// glibc's own reading of the same zone files, for comparison.
int32_t glibcOffset(const std::string &zone, int64_t utc) {
  setenv("TZ", zone.c_str(), 1);
  tzset();
  time_t t = static_cast<time_t>(utc);
  struct tm local;
  localtime_r(&t, &local);
  return static_cast<int32_t>(local.tm_gmtoff);
}

class TimeZoneAgainstGlibc : public ::testing::TestWithParam<const char *> {};

TEST_P(TimeZoneAgainstGlibc, OffsetsMatchFrom1990To2045) {
  auto zone = TimeZone::load(GetParam());
  ASSERT_NE(zone, nullptr);
  const int64_t from = *parseIsoUtc("1990-01-01T00:00:00Z") / 1000;
  const int64_t to = *parseIsoUtc("2045-12-31T00:00:00Z") / 1000;
  int mismatches = 0;
  for (int64_t t = from; t < to; t += 6 * 3600 + 1234) {
    if (zone->offsetAt(t) != glibcOffset(GetParam(), t) && ++mismatches < 5) {
      ADD_FAILURE() << GetParam() << " at " << formatIsoUtc(t * 1000) << ": " << zone->offsetAt(t)
                    << " vs glibc " << glibcOffset(GetParam(), t);
    }
  }
  EXPECT_EQ(mismatches, 0);
}

INSTANTIATE_TEST_SUITE_P(Zones, TimeZoneAgainstGlibc,
                         ::testing::Values("Europe/Berlin", "America/New_York",
                                           "Australia/Lord_Howe", "Asia/Kolkata",
                                           "America/Sao_Paulo", "Pacific/Chatham",
                                           "Europe/London"));

TEST(TimeZoneTest, BerlinSwitchesToSummerTimeOnTheLastSundayOfMarch) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  int64_t before = *parseIsoUtc("2026-03-29T00:59:59Z") / 1000;
  EXPECT_EQ(berlin->offsetAt(before), 3600);
  EXPECT_EQ(berlin->offsetAt(before + 1), 7200);
}

TEST(TimeZoneTest, FromLocalResolvesGapsAndOverlaps) {
  auto berlin = TimeZone::load("Europe/Berlin");
  ASSERT_NE(berlin, nullptr);
  // 02:30 on 2026-03-29 does not exist in Berlin: the instant just after the jump.
  int64_t gap = *parseIsoUtc("2026-03-29T02:30:00Z") / 1000;
  EXPECT_EQ(formatIsoUtc(berlin->fromLocal(gap) * 1000), "2026-03-29T01:30:00Z");
  // 02:30 on 2026-10-25 happens twice: the earlier (still summer time) instant.
  int64_t overlap = *parseIsoUtc("2026-10-25T02:30:00Z") / 1000;
  EXPECT_EQ(formatIsoUtc(berlin->fromLocal(overlap) * 1000), "2026-10-25T00:30:00Z");
  // An ordinary local midnight.
  int64_t midnight = *parseIsoUtc("2026-07-01T00:00:00Z") / 1000;
  EXPECT_EQ(formatIsoUtc(berlin->fromLocal(midnight) * 1000), "2026-06-30T22:00:00Z");
}

TEST(TimeZoneTest, RefusesUnknownAndHostileNames) {
  EXPECT_EQ(TimeZone::load("Mars/Olympus_Mons"), nullptr);
  EXPECT_EQ(TimeZone::load("../../etc/passwd"), nullptr);
  EXPECT_EQ(TimeZone::load("/etc/localtime"), nullptr);
  EXPECT_EQ(TimeZone::load(""), nullptr);
  EXPECT_NE(TimeZone::load("UTC"), nullptr);
  EXPECT_EQ(TimeZone::load("UTC")->offsetAt(0), 0);
}

TEST(TimeZoneTest, PosixRulesCoverTimesAfterTheLastListedTransition) {
  TimeZone::Rule rule;
  ASSERT_TRUE(TimeZone::parseRule("CET-1CEST,M3.5.0,M10.5.0/3", rule));
  EXPECT_EQ(rule.stdOffset, 3600);
  EXPECT_EQ(rule.dstOffset, 7200);
  // 2080-03-31 is the last Sunday of March 2080: the switch is at 01:00 UTC.
  int64_t switchAt = *parseIsoUtc("2080-03-31T01:00:00Z") / 1000;
  EXPECT_EQ(TimeZone::ruleOffsetAt(rule, switchAt - 1), 3600);
  EXPECT_EQ(TimeZone::ruleOffsetAt(rule, switchAt), 7200);
  ASSERT_TRUE(TimeZone::parseRule("<+0530>-5:30", rule));
  EXPECT_EQ(rule.stdOffset, 19800);
  EXPECT_FALSE(rule.hasDst);
  EXPECT_FALSE(TimeZone::parseRule("CET-1CEST,M13.5.0,M10.5.0", rule));
  EXPECT_FALSE(TimeZone::parseRule("X", rule));
}

}  // namespace
}  // namespace encore
