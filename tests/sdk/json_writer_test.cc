// encore::JsonWriter and appendJsonString: every string escaped as JSON wants it, every
// byte sequence that is not UTF-8 refused, whatever its place in the eight-byte scan.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "encore/json_writer.hpp"

namespace encore {
namespace {

std::string asJson(std::string_view text) {
  std::string out;
  appendJsonString(out, text);
  return out;
}

TEST(JsonWriterTest, EscapesQuotesBackslashesAndControlCharacters) {
  EXPECT_EQ(asJson("plain"), "\"plain\"");
  EXPECT_EQ(asJson("say \"hi\"\\now"), R"("say \"hi\"\\now")");
  EXPECT_EQ(asJson("a\nb\rc\td\be\ff"), R"("a\nb\rc\td\be\ff")");
  EXPECT_EQ(asJson(std::string("nul\0x\x01\x1f", 7)), R"("nul\u0000x\u0001\u001f")");
  EXPECT_EQ(asJson("\x7f/"), "\"\x7f/\"");  // DEL and '/' need no escape
  EXPECT_EQ(asJson(""), "\"\"");
}

TEST(JsonWriterTest, KeepsEveryScriptAsItIs) {
  for (const std::string text :
       {"Björk", "Сектор Газа", "宇多田ヒカル", "방탄소년단", "🎵 emoji 👩‍👩‍👧",
        "\xEF\xBF\xBF", "\xF4\x8F\xBF\xBF"}) {
    const std::string json = asJson(text);
    EXPECT_EQ(json, "\"" + text + "\"");
    EXPECT_EQ(nlohmann::json::parse(json).get<std::string>(), text);
  }
}

TEST(JsonWriterTest, RefusesWhatIsNotUtf8) {
  const std::string bad[] = {
      "\x80",                  // a continuation byte alone
      "\xC0\xAF",              // overlong '/'
      "\xC1\xBF",              // overlong, two bytes
      "\xE0\x80\xAF",          // overlong, three bytes
      "\xF0\x80\x80\xAF",      // overlong, four bytes
      "\xED\xA0\x80",          // a high surrogate in bytes
      "\xED\xBF\xBF",          // a low surrogate in bytes
      "\xF4\x90\x80\x80",      // U+110000
      "\xF5\x80\x80\x80",      // no such lead
      "\xF8\x88\x80\x80\x80",  // five bytes
      "\xFF",                  //
      "\xC3",                  // cut at the end
      "\xE3\x81",              // cut at the end
      "\xE3\x81x",             // cut inside
      "\xC3\x28",              // a lead without its continuation
  };
  for (const auto &b : bad) {
    SCOPED_TRACE(testing::PrintToString(b));
    EXPECT_THROW(asJson(b), InvalidText);
    EXPECT_FALSE(validUtf8(b));
    EXPECT_THROW(asJson("some text " + b + " around it"), InvalidText);
  }
}

TEST(JsonWriterTest, FindsTheSpecialByteAtEveryPlaceOfTheWordScan) {
  // Each special byte at each offset of strings from 1 to 24 bytes: the scan reads eight
  // bytes at a time and must stop exactly there.
  const std::string specials[] = {"\"", "\\", "\n", std::string(1, '\0'), "\x1f", "\xC3\xA9"};
  for (size_t length = 1; length <= 24; ++length) {
    for (size_t at = 0; at < length; ++at) {
      for (const auto &special : specials) {
        std::string text(length, 'a');
        text.replace(at, 1, special);
        SCOPED_TRACE(testing::Message() << "length " << length << " at " << at);
        EXPECT_EQ(nlohmann::json::parse(asJson(text)).get<std::string>(), text);
      }
      std::string broken(length, 'a');
      broken[at] = '\xC0';
      EXPECT_THROW(asJson(broken), InvalidText) << length << " " << at;
    }
  }
}

TEST(JsonWriterTest, WritesCommasAndValues) {
  std::string text;
  JsonWriter w(text);
  w.beginObject();
  w.field("name", "A \"quoted\" name");
  w.field("count", 3);
  w.field("negative", int64_t{-9'000'000'000});
  w.field("public", true);
  w.field("size", size_t{7});
  w.key("none");
  w.null();
  w.key("list");
  w.beginArray();
  w.string("x");
  w.number(1);
  w.beginObject();
  w.endObject();
  w.beginArray();
  w.endArray();
  w.boolean(false);
  w.endArray();
  w.key("raw");
  w.raw(R"({"kept":[1,2]})");
  w.endObject();
  EXPECT_EQ(w.depth(), 0);
  auto json = nlohmann::json::parse(text);
  EXPECT_EQ(json["name"], "A \"quoted\" name");
  EXPECT_EQ(json["count"], 3);
  EXPECT_EQ(json["negative"], -9'000'000'000);
  EXPECT_EQ(json["public"], true);
  EXPECT_EQ(json["size"], 7);
  EXPECT_TRUE(json["none"].is_null());
  EXPECT_EQ(json["list"], nlohmann::json::parse(R"(["x", 1, {}, [], false])"));
  EXPECT_EQ(json["raw"]["kept"][1], 2);
}

TEST(JsonWriterTest, RollsBackToAMark) {
  std::string text;
  JsonWriter w(text);
  w.beginArray();
  w.string("kept");
  const auto mark = w.mark();
  w.beginObject();
  EXPECT_THROW(w.field("bad", "\xC0\xAF"), InvalidText);
  w.rollback(mark);
  w.string("next");
  w.endArray();
  EXPECT_EQ(text, R"(["kept","next"])");
}

}  // namespace
}  // namespace encore
