#include "daemon/core/time_format.h"

#include <gtest/gtest.h>

namespace encore {
namespace {

TEST(TimeFormatTest, FormatsAndParsesIsoUtc) {
  EXPECT_EQ(formatIsoUtc(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(formatIsoUtc(1714557800123, true), "2024-05-01T10:03:20.123Z");
  EXPECT_EQ(formatIsoUtc(-1000), "1969-12-31T23:59:59Z");
  EXPECT_EQ(parseIsoUtc("2024-05-01T10:03:20Z"), 1714557800000);
  EXPECT_EQ(parseIsoUtc("2024-05-01T10:03:20.5Z"), 1714557800500);
  EXPECT_EQ(parseIsoUtc("2024-05-01T12:03:20+02:00"), 1714557800000);
  EXPECT_EQ(parseIsoUtc("2024-05-01 10:03:20"), 1714557800000);  // third-party re-exports
  EXPECT_EQ(parseIsoUtc("2018-07-10 06:58"), 1531205880000);     // legacy export endTime
}

TEST(TimeFormatTest, RejectsMalformedTimestamps) {
  for (const char *bad : {"", "2024-05-01", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
                          "2024-05-01T24:00:00Z", "2024-05-01T10:03:20Zjunk", "yesterday",
                          "2024-05-01T10:03:20+2", "２０２４-05-01T10:03:20Z"}) {
    EXPECT_FALSE(parseIsoUtc(bad).has_value()) << bad;
  }
  EXPECT_TRUE(parseIsoUtc("2024-02-29T00:00:00Z").has_value());
}

TEST(TimeFormatTest, ParsesTheThreeHttpDateForms) {
  const int64_t expected = 784111777000;  // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110's example)
  EXPECT_EQ(parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), expected);
  EXPECT_EQ(parseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"), expected);
  EXPECT_EQ(parseHttpDate("Sun Nov  6 08:49:37 1994"), expected);
  EXPECT_FALSE(parseHttpDate("Sun, 06 Nov 1994 08:49:37 PST").has_value());
  EXPECT_FALSE(parseHttpDate("soon").has_value());
}

}  // namespace
}  // namespace encore
