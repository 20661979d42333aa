// encore/time.hpp: the calendar and ISO-8601 timestamps, before 1970 and on leap days too.
#include <gtest/gtest.h>

#include "encore/time.hpp"

namespace encore {
namespace {

using std::chrono::milliseconds;

int64_t ms(std::string_view text) {
  auto t = parseIso8601(text);
  EXPECT_TRUE(t) << text;
  return t ? unixMs(*t) : 0;
}

TEST(TimeTest, DaysRoundTripOverFourHundredYearsEachSideOfTheEpoch) {
  EXPECT_EQ(daysFromCivil(1970, 1, 1).count(), 0);
  EXPECT_EQ(daysFromCivil(1969, 12, 31).count(), -1);
  EXPECT_EQ(daysFromCivil(2000, 3, 1).count(), 11017);
  EXPECT_EQ(daysFromCivil(1600, 1, 1).count(), -135140);
  int64_t previous = daysFromCivil(1570, 1, 1).count() - 1;
  for (int64_t year = 1570; year <= 2370; ++year) {
    for (unsigned month = 1; month <= 12; ++month) {
      for (unsigned day = 1; day <= daysInMonth(year, month); ++day) {
        const Days d = daysFromCivil(year, month, day);
        ASSERT_EQ(d.count(), previous + 1) << year << "-" << month << "-" << day;
        const CivilDate back = civilFromDays(d);
        ASSERT_EQ(back.year, year);
        ASSERT_EQ(back.month, month);
        ASSERT_EQ(back.day, day);
        previous = d.count();
      }
    }
  }
}

TEST(TimeTest, LeapYears) {
  EXPECT_EQ(daysInMonth(2024, 2), 29u);
  EXPECT_EQ(daysInMonth(2023, 2), 28u);
  EXPECT_EQ(daysInMonth(1900, 2), 28u);
  EXPECT_EQ(daysInMonth(2000, 2), 29u);
  EXPECT_TRUE(parseIso8601("2024-02-29T12:00:00Z"));
  EXPECT_TRUE(parseIso8601("2000-02-29T12:00:00Z"));
  EXPECT_TRUE(parseIso8601("1968-02-29T12:00:00Z"));
  EXPECT_FALSE(parseIso8601("2023-02-29T12:00:00Z"));
  EXPECT_FALSE(parseIso8601("1900-02-29T12:00:00Z"));
  EXPECT_FALSE(parseIso8601("2024-04-31T12:00:00Z"));
  EXPECT_EQ(ms("2024-03-01T00:00:00Z") - ms("2024-02-28T00:00:00Z"), 2 * 86'400'000);
  EXPECT_EQ(ms("2023-03-01T00:00:00Z") - ms("2023-02-28T00:00:00Z"), 86'400'000);
}

TEST(TimeTest, ParsesTheFormsUpstreamsWrite) {
  EXPECT_EQ(ms("2023-09-22T15:23:14.294Z"), 1695396194294);
  EXPECT_EQ(ms("2023-09-22T15:23:14Z"), 1695396194000);
  EXPECT_EQ(ms("2023-09-22T17:23:14+02:00"), 1695396194000);
  EXPECT_EQ(ms("2023-09-22T10:53:14-04:30"), 1695396194000);
  EXPECT_EQ(ms("2023-09-22T15:23:14.29412Z"), 1695396194294);  // past ms: cut
  auto account = parseIso8601("2018-07-10 06:58");
  ASSERT_TRUE(account);
  EXPECT_FALSE(account->hasSeconds);
  EXPECT_FALSE(account->hasZone);
  EXPECT_EQ(unixMs(*account), 1531205880000);
  auto reexport = parseIso8601("2018-07-10 06:58:55");
  ASSERT_TRUE(reexport);
  EXPECT_TRUE(reexport->hasSeconds);
  EXPECT_FALSE(reexport->hasZone);
  EXPECT_EQ(ms("2016-12-31T23:59:60Z"), ms("2017-01-01T00:00:00Z"));  // a leap second
  for (const char *bad :
       {"2023-09-22", "2023-13-22T15:23:14Z", "2023-09-22T15:23:14.Z", "2023-09-22T24:00:00Z",
        "2023-09-22T15:60:00Z", "2023-09-22T15:23:61Z", "2023-09-22T15:23:14+0200",
        "2023-09-22X15:23:14Z", "2023-09-22T15:23:14Z trailing", "２０２３-09-22T15:23:14Z", ""}) {
    EXPECT_FALSE(parseIso8601(bad)) << bad;
  }
}

TEST(TimeTest, RoundTripsBeforeAndAfterTheEpoch) {
  for (const char *text :
       {"1970-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "1969-12-31T23:59:59.999Z",
        "1900-02-28T13:14:15.016Z", "1600-02-29T00:00:00Z", "0001-01-01T00:00:00Z",
        "2000-02-29T23:59:59.001Z", "2038-01-19T03:14:08Z", "9999-12-31T23:59:59.999Z"}) {
    auto t = parseIso8601(text);
    ASSERT_TRUE(t) << text;
    EXPECT_EQ(formatIso8601(t->sinceEpoch), text);
  }
  EXPECT_EQ(formatIso8601(milliseconds(-1)), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(formatIso8601(milliseconds(-86'400'000)), "1969-12-31T00:00:00Z");
  EXPECT_EQ(ms("1969-07-20T20:17:40Z"), -14182940000);
}

}  // namespace
}  // namespace encore
