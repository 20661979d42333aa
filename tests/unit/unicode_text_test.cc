// Initials and shortened names in every script: whole characters (grapheme clusters),
// never a byte or half an emoji.
#include "daemon/core/unicode_text.h"

#include <gtest/gtest.h>

namespace encore::text {
namespace {

TEST(UnicodeText, InitialsAreWholeCharactersOfTheNameInItsScript) {
  EXPECT_EQ(initial("坂本龍一"), "坂");
  EXPECT_EQ(initial("아이유"), "아");
  EXPECT_EQ(initial("Земфира"), "З");
  EXPECT_EQ(initial("Ólafur Arnalds"), "Ó");
  EXPECT_EQ(initial("O\xCC\x81lafur"), "O\xCC\x81");  // O + combining acute: one character
  EXPECT_EQ(initial("👩🏽‍🎤 Singer"),
            "👩🏽‍🎤");         // woman, skin tone, ZWJ, microphone
  EXPECT_EQ(initial("🇯🇵 Band"), "🇯🇵");  // two regional indicators
  EXPECT_EQ(initial("\"Weird Al\" Yankovic"), "W");
  EXPECT_EQ(initial("  (hed) p.e."), "h");
  EXPECT_EQ(initial("!!!"), "!");
  EXPECT_EQ(initial(""), "");
  EXPECT_EQ(initial("\xFF"
                    "abc"),
            "\xEF\xBF\xBD");  // a stray byte shows as U+FFFD
}

TEST(UnicodeText, ColumnsCountWideCharactersAndEmojiTwice) {
  EXPECT_EQ(columns("Ólafur"), 6u);
  EXPECT_EQ(columns("坂本龍一"), 8u);
  EXPECT_EQ(columns("아이유"), 6u);
  EXPECT_EQ(columns("👩🏽‍🎤🇯🇵"), 4u);
  EXPECT_EQ(columns("e\xCC\x81"), 1u);
}

TEST(UnicodeText, ClippingCutsBetweenCharactersAndSaysSo) {
  EXPECT_EQ(clipColumns("Ólafur Arnalds", 20), "Ólafur Arnalds");
  EXPECT_EQ(clipColumns("Ólafur Arnalds", 8), "Ólafur…");
  EXPECT_EQ(clipColumns("坂本龍一の音楽", 9), "坂本龍一…");
  EXPECT_EQ(clipColumns("坂本龍一の音楽", 10), "坂本龍一…");
  EXPECT_EQ(clipColumns("👩🏽‍🎤👩🏽‍🎤👩🏽‍🎤", 5),
            "👩🏽‍🎤👩🏽‍🎤…");
  EXPECT_EQ(clipColumns("Земфира Рамазанова", 8), "Земфира…");
  EXPECT_EQ(clipBytes("Ólafur", 1), "");
  EXPECT_EQ(clipBytes("Ólafur", 3), "Ól");
  EXPECT_EQ(clipBytes("e\xCC\x81x", 2), "");
  EXPECT_EQ(clipBytes("坂本龍一", 7), "坂本");
  EXPECT_EQ(clipBytes("plain ascii", 5), "plain");
}

TEST(UnicodeText, IllFormedBytesBecomeReplacementCharacters) {
  EXPECT_EQ(validUtf8("a\xFF"
                      "b"),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(validUtf8("ab\xE5\x9D"), "ab\xEF\xBF\xBD");  // 坂 cut after two of its bytes
  EXPECT_EQ(validUtf8("坂本"), "坂本");
  EXPECT_EQ(clipBytes("ab\xE5\x9D", 10), "ab\xEF\xBF\xBD");
}

}  // namespace
}  // namespace encore::text
