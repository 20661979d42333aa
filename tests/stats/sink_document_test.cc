// What a sink hands back is checked before the host remembers it: a playlist id it will
// send upstream on the next push.
#include "daemon/playlists/sink_document.h"

#include <gtest/gtest.h>

#include "daemon/stats/result_cache.h"

namespace encore {
namespace {

bool accepted(const std::optional<std::string> &result, std::string *why = nullptr) {
  SinkDocument doc("{}");
  if (result) doc.setResult(*result);
  nlohmann::json out;
  std::string error;
  bool ok = doc.validResult(out, error);
  if (why != nullptr) *why = error;
  return ok;
}

TEST(SinkDocument, AcceptsOnlyAPlaylistIdItCanSendBack) {
  EXPECT_TRUE(
      accepted(R"({"external_id":"3cEYpjA9oz9GiPac4AsH4n","url":"https://x","tracks":50})"));
  EXPECT_TRUE(accepted(R"({"external_id":"abc","url":null})"));
  std::string why;
  EXPECT_FALSE(accepted(std::nullopt, &why));
  EXPECT_EQ(why, "no result was set");
  EXPECT_FALSE(accepted("not json"));
  EXPECT_FALSE(accepted("[1,2]"));
  EXPECT_FALSE(accepted(R"({"url":"https://x"})"));
  EXPECT_FALSE(accepted(R"({"external_id":""})"));
  EXPECT_FALSE(accepted(R"({"external_id":42})"));
  EXPECT_FALSE(accepted(R"({"external_id":"a b"})"));
  EXPECT_FALSE(accepted(R"({"external_id":"a\nb"})"));
  EXPECT_FALSE(accepted(R"({"external_id":")" + std::string(257, 'x') + R"("})"));
  EXPECT_FALSE(accepted(R"({"external_id":"ok","url":7})"));
  EXPECT_FALSE(accepted(R"({"external_id":"ok","tracks":"50"})"));
}

TEST(ResultCache, AnswersOnlyForTheSameIndexVersionAndStaysWithinItsBounds) {
  ResultCache cache(2, 10);
  auto text = [](const char *s) { return std::make_shared<const std::string>(s); };
  cache.store("a", 1, text("aaaa"));
  EXPECT_EQ(*cache.find("a", 1), "aaaa");
  EXPECT_EQ(cache.find("a", 2), nullptr);  // the index moved on
  cache.store("b", 1, text("bbbb"));
  cache.find("a", 1);                 // a is now the most recent
  cache.store("c", 1, text("cccc"));  // three entries: b, the least recent, goes
  EXPECT_EQ(cache.find("b", 1), nullptr);
  EXPECT_NE(cache.find("a", 1), nullptr);
  cache.store("d", 1, text("dddddddd"));  // 12 bytes over 10: the oldest go until it fits
  EXPECT_LE(cache.bytes(), 10u);
  EXPECT_NE(cache.find("d", 1), nullptr);
  cache.store("big", 1, text("0123456789ab"));  // larger than the whole cache: not kept
  EXPECT_EQ(cache.find("big", 1), nullptr);
  ResultCache off(0, 10);
  off.store("a", 1, text("a"));
  EXPECT_EQ(off.find("a", 1), nullptr);
}

}  // namespace
}  // namespace encore
