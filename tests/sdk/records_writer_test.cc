// encore::RecordsWriter: documents of the shape encore.records/1 takes, pages that are
// sent whole or not at all, checkpoints where the later page wins, plays.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "encore/records.hpp"

namespace encore {
namespace {

using Json = nlohmann::json;

void artist(RecordsWriter &doc, const std::string &id) {
  doc.record("artist", [&](JsonWriter &w) {
    w.field("id", id);
    w.field("name", "Artist " + id);
  });
}

TEST(RecordsWriterTest, AnEmptyDocumentIsValid) {
  RecordsWriter doc;
  EXPECT_TRUE(doc.empty());
  EXPECT_EQ(Json::parse(doc.finish()), Json::parse(R"({"records": []})"));
}

TEST(RecordsWriterTest, RecordsCheckpointAndItemsDone) {
  RecordsWriter doc;
  artist(doc, "a1");
  artist(doc, "a2");
  doc.checkpoint("cursor", "abc");
  doc.checkpoint("gone", std::nullopt);
  doc.itemDone("a1");
  doc.itemDone("a \"2\"");
  EXPECT_EQ(doc.records(), 2u);
  auto json = Json::parse(doc.finish());
  EXPECT_EQ(json["records"].size(), 2u);
  EXPECT_EQ(json["records"][1], Json({{"type", "artist"}, {"id", "a2"}, {"name", "Artist a2"}}));
  EXPECT_EQ(json["checkpoint"], Json({{"cursor", "abc"}, {"gone", nullptr}}));
  EXPECT_EQ(json["items_done"], Json::array({"a1", "a \"2\""}));
  // finish() is idempotent; clear() starts a new document.
  EXPECT_EQ(Json::parse(doc.finish()), json);
  doc.clear();
  EXPECT_TRUE(doc.empty());
  artist(doc, "a3");
  EXPECT_EQ(Json::parse(doc.finish())["records"].size(), 1u);
}

TEST(RecordsWriterTest, ALaterPageReplacesCheckpointValuesAndADroppedPageLeavesNothing) {
  RecordsWriter doc;
  artist(doc, "p1");
  doc.checkpoint("offset", "50");
  doc.checkpoint("first", "kept");
  doc.endPage();
  artist(doc, "p2");
  doc.checkpoint("offset", "100");
  doc.endPage();
  artist(doc, "p3");  // a page cut short by a failure
  doc.checkpoint("offset", "150");
  doc.itemDone("p3");
  doc.dropPage();
  EXPECT_EQ(doc.records(), 2u);
  auto json = Json::parse(doc.finish());
  EXPECT_EQ(json["records"].size(), 2u);
  EXPECT_EQ(json["records"][1]["id"], "p2");
  EXPECT_EQ(json["checkpoint"], Json({{"offset", "100"}, {"first", "kept"}}));
  EXPECT_FALSE(json.contains("items_done"));
}

TEST(RecordsWriterTest, ARecordWithTextThatIsNotUtf8LeavesNothingBehind) {
  RecordsWriter doc;
  artist(doc, "ok");
  EXPECT_THROW(artist(doc, "bad \xED\xA0\x80"), InvalidText);
  Play play;
  play.startedAt = 1'700'000'000;
  play.track = "Track";
  play.artist = "Artist \xF4\x90\x80\x80";
  EXPECT_FALSE(doc.tryPlay(play));
  EXPECT_THROW(doc.play(play), InvalidText);
  EXPECT_THROW(doc.checkpoint("cursor", "\xC0\xAF"), InvalidText);
  EXPECT_THROW(doc.itemDone("\xE0\x80\xAF"), InvalidText);
  // A record whose writer finds it unusable half-way is dropped too.
  EXPECT_FALSE(doc.record("artist", [](JsonWriter &w) {
    w.field("id", "half");
    return false;
  }));
  artist(doc, "after");
  EXPECT_EQ(doc.records(), 2u);
  auto json = Json::parse(doc.finish());
  ASSERT_EQ(json["records"].size(), 2u);
  EXPECT_EQ(json["records"][1]["id"], "after");
  EXPECT_FALSE(json.contains("checkpoint"));
  EXPECT_FALSE(json.contains("items_done"));
}

TEST(RecordsWriterTest, PlaysCarryTheirOptionalFieldsOnlyWhenGiven) {
  RecordsWriter doc;
  Play full;
  full.startedAt = 1'714'557'800;
  full.msPlayed = 215'000;
  full.source = "spotify-poll";
  full.track = "Song";
  full.artist = "Artist";
  full.album = "Album";
  full.spotifyUri = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";
  full.durationMs = 215'000;
  doc.play(full);
  Play bare;
  bare.startedAt = 1'714'557'900;
  bare.track = "宇多田";
  bare.artist = "Hikaru";
  EXPECT_TRUE(doc.tryPlay(bare));
  auto json = Json::parse(doc.finish());
  EXPECT_EQ(json["records"][0], Json::parse(R"({"type": "play", "source": "spotify-poll",
      "started_at": 1714557800, "ms_played": 215000, "track": {"name": "Song",
      "artist": "Artist", "album": "Album", "spotify_uri": "spotify:track:4uLU6hMCjMI75M1A2tKUQC",
      "duration_ms": 215000}})"));
  EXPECT_EQ(json["records"][1], Json::parse(R"({"type": "play", "started_at": 1714557900,
      "ms_played": 0, "track": {"name": "宇多田", "artist": "Hikaru"}})"));
}

TEST(RecordsWriterTest, RecordsOfAnyShapeThroughAdd) {
  RecordsWriter doc;
  EXPECT_TRUE(doc.add([](JsonWriter &w) {
    w.beginObject();
    w.field("type", "library_item");
    w.field("collection", "followed_artists");
    w.key("item");
    w.beginObject();
    w.field("type", "artist");
    w.field("id", "x");
    w.field("name", "X");
    w.endObject();
    w.endObject();
    return true;
  }));
  EXPECT_FALSE(doc.add([](JsonWriter &w) {
    w.beginObject();
    return false;
  }));
  auto json = Json::parse(doc.finish());
  ASSERT_EQ(json["records"].size(), 1u);
  EXPECT_EQ(json["records"][0]["item"]["name"], "X");
}

}  // namespace
}  // namespace encore
