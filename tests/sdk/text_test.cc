// encore/text.hpp: URL encoding, UTF-8 checking and truncation, code points to UTF-8.
#include <gtest/gtest.h>

#include "encore/text.hpp"

namespace encore {
namespace {

TEST(TextTest, UrlEncodingKeepsOnlyUnreservedCharacters) {
  EXPECT_EQ(urlEncode("AZaz09-_.~"), "AZaz09-_.~");
  EXPECT_EQ(urlEncode("a b&c=d/e?f#g+h%"), "a%20b%26c%3Dd%2Fe%3Ff%23g%2Bh%25");
  EXPECT_EQ(urlEncode("Björk"), "Bj%C3%B6rk");
  EXPECT_EQ(urlEncode("宇多田"), "%E5%AE%87%E5%A4%9A%E7%94%B0");
  EXPECT_EQ(urlEncode(std::string("\0\xff", 2)), "%00%FF");
  EXPECT_EQ(urlEncode(""), "");
}

TEST(TextTest, ValidUtf8AcceptsEveryPlaneAndRefusesTheRest) {
  EXPECT_TRUE(validUtf8(""));
  EXPECT_TRUE(validUtf8("plain ASCII that is longer than one word of eight"));
  EXPECT_TRUE(
      validUtf8("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80\xF0\x90\x80\x80"
                "\xF4\x8F\xBF\xBF"));  // the edges of each form
  EXPECT_FALSE(validUtf8("\xC2"));
  EXPECT_FALSE(validUtf8("\xE0\x9F\xBF"));      // overlong
  EXPECT_FALSE(validUtf8("\xED\xA0\x80"));      // U+D800
  EXPECT_FALSE(validUtf8("\xF0\x8F\xBF\xBF"));  // overlong
  EXPECT_FALSE(validUtf8("\xF4\x90\x80\x80"));  // U+110000
  EXPECT_FALSE(validUtf8("eight ok\x80"));      // past a whole word
}

TEST(TextTest, TruncationNeverSplitsACharacter) {
  const std::string text = "ab\xE3\x83\xA8\xF0\x9F\x8E\xB5";  // a b ヨ 🎵
  EXPECT_EQ(truncateUtf8(text, 100), text);
  EXPECT_EQ(truncateUtf8(text, 2), "ab");
  EXPECT_EQ(truncateUtf8(text, 3), "ab");
  EXPECT_EQ(truncateUtf8(text, 4), "ab");
  EXPECT_EQ(truncateUtf8(text, 5), "ab\xE3\x83\xA8");
  EXPECT_EQ(truncateUtf8(text, 8), "ab\xE3\x83\xA8");
  EXPECT_EQ(truncateUtf8(text, 0), "");
}

TEST(TextTest, CodePointsToUtf8) {
  std::string out;
  for (char32_t cp : {U'A', U'é', U'ヨ', U'🎵', char32_t{0x10FFFF}}) appendUtf8(out, cp);
  EXPECT_EQ(out, "A\xC3\xA9\xE3\x83\xA8\xF0\x9F\x8E\xB5\xF4\x8F\xBF\xBF");
  EXPECT_TRUE(validUtf8(out));
  std::string lone;
  appendUtf8(lone, 0xD800);  // written, but not text: refused afterwards
  EXPECT_EQ(lone, "\xED\xA0\x80");
  EXPECT_FALSE(validUtf8(lone));
}

}  // namespace
}  // namespace encore
