// The fast reader of play pages against the generic path it stands in for: whatever it
// accepts, the generic path accepts with the same plays; whatever the generic path refuses,
// it refuses too (and the generic path then reports the problem).
#include <gtest/gtest.h>

#include <random>

#include <nlohmann/json.hpp>

#include "daemon/history/play_document.h"

namespace encore {
namespace {

constexpr int64_t kNowMs = 1'800'000'000'000;
const std::string kPlugin = "spotify_export";

/// What the generic path makes of a play page (RecordStore::submit with the play handler):
/// its plays, or nullopt when it refuses the document or it holds another record type.
std::optional<PlayDocument> genericRead(const std::string &text) {
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object()) return std::nullopt;
  PlayDocument out;
  if (doc.contains("checkpoint")) out.checkpoint = doc["checkpoint"].dump();
  if (doc.contains("items_done")) out.itemsDone = doc["items_done"].dump();
  auto records = doc.find("records");
  if (records == doc.end()) return out;
  if (!records->is_array() || records->size() > 50'000) return std::nullopt;
  try {
    for (size_t i = 0; i < records->size(); ++i) {
      RecordReader record((*records)[i], "records[" + std::to_string(i) + "]");
      if (record.requiredString("type", 64) != "play") return std::nullopt;
      out.plays.push_back(readPlay(record, kPlugin, kNowMs));
    }
  } catch (const RecordError &) {
    return std::nullopt;
  }
  return out;
}

bool samePlay(const PlayInput &a, const PlayInput &b) {
  return a.startedAt == b.startedAt && a.msPlayed == b.msPlayed && a.source == b.source &&
         a.track.name == b.track.name && a.track.artist == b.track.artist &&
         a.track.album == b.track.album && a.track.uri == b.track.uri &&
         a.track.durationMs == b.track.durationMs;
}

/// Compares raw JSON texts by value (the fast reader keeps them as written).
bool sameJson(const std::optional<std::string> &a, const std::optional<std::string> &b) {
  if (!a || !b) return !a && !b;
  return nlohmann::json::parse(*a) == nlohmann::json::parse(*b);
}

/// The property; returns whether the fast reader took the document.
bool checkAgainstGeneric(const std::string &text) {
  auto fast = readPlayDocument(text, kPlugin, kNowMs);
  auto generic = genericRead(text);
  if (!fast) return false;
  EXPECT_TRUE(generic.has_value()) << "the fast reader took what the generic path refuses:\n"
                                   << text;
  if (!generic) return true;
  EXPECT_EQ(fast->plays.size(), generic->plays.size()) << text;
  for (size_t i = 0; i < std::min(fast->plays.size(), generic->plays.size()); ++i) {
    EXPECT_TRUE(samePlay(fast->plays[i], generic->plays[i])) << "play " << i << " of\n" << text;
  }
  EXPECT_TRUE(sameJson(fast->checkpoint, generic->checkpoint)) << text;
  EXPECT_TRUE(sameJson(fast->itemsDone, generic->itemsDone)) << text;
  return true;
}

std::string page(const std::string &records) {
  return "{\"records\": [" + records + "]}";
}

const std::string kPlay =
    R"({"type": "play", "started_at": 1714557800, "ms_played": 215000, "source": "spotify-poll",)"
    R"( "track": {"name": "Song", "artist": "Artist", "album": "Album",)"
    R"( "spotify_uri": "spotify:track:4uLU6hMCjMI75M1A2tKUQC", "duration_ms": 215000}})";

TEST(PlayDocumentTest, TakesValidPlayPagesAsTheGenericPathReadsThem) {
  const std::vector<std::string> valid = {
      page(kPlay),
      page(kPlay + "," + kPlay),
      page(""),
      "{}",
      " \n\t{\"records\" : [ ]}\r\n",
      page(R"({"track": {"artist": "A", "name": "B"}, "ms_played": 0, "started_at": 946684800,)"
           R"( "type": "play"})"),
      // Optional members null, the default source, unknown members of any JSON type.
      page(R"({"type": "play", "started_at": 1700000000, "ms_played": 1, "source": null,)"
           R"( "extra": {"a": [1, -2, true, false, null, "x", {"b": {}}], "c": []},)"
           R"( "track": {"name": "N", "artist": "A", "album": null, "spotify_uri": null,)"
           R"( "duration_ms": null, "isrc": "X"}})"),
      // Escapes and non-ASCII text.
      page(
          R"({"type": "play", "started_at": 1700000000, "ms_played": 1, "track":)"
          R"( {"name": "12\" Mix \\ \/ \b\f\n\r\t \u00e9 \ud83c\udfb5", "artist": "Beyoncé 東京 🎵"}})"),
      // Keys spelled with escapes are the same keys.
      page(R"({"\u0074ype": "play", "started_at": 1700000000, "ms_played": 1, "track":)"
           R"( {"name": "N", "artist": "A"}})"),
      R"({"checkpoint": {"cursor": "abc", "old": null}, "items_done": ["a"], "records": [)" +
          kPlay + "]}",
      page(R"({"type": "play", "started_at": 1800086400, "ms_played": 86400000, "track":)"
           R"( {"name": ")" +
           std::string(2048, 'n') + R"(", "artist": "A", "duration_ms": 0}})"),
  };
  for (const auto &text : valid) {
    EXPECT_TRUE(checkAgainstGeneric(text)) << "refused:\n" << text;
  }
}

TEST(PlayDocumentTest, RefusesWhatTheGenericPathRefusesOrReadsDifferently) {
  auto withTrack = [](const std::string &track) {
    return page(R"({"type": "play", "started_at": 1700000000, "ms_played": 1, "track": )" + track +
                "}");
  };
  auto withPlay = [](const std::string &members) {
    return page(R"({"type": "play", "track": {"name": "N", "artist": "A"}, )" + members + "}");
  };
  const std::vector<std::string> refused = {
      "",
      "[]",
      "null",
      page(kPlay) + "x",
      page(kPlay) + "}",
      "{\"records\": {}}",
      "\xEF\xBB\xBF" + page(kPlay),  // a byte order mark
      page(R"({"type": "artist", "id": "x", "name": "A"})"),
      page(R"({"type": "Play", "started_at": 1700000000, "ms_played": 1,)"
           R"( "track": {"name": "N", "artist": "A"}})"),
      page("[]"),
      page("null"),
      withPlay(R"("started_at": 946684799, "ms_played": 1)"),   // before 2000
      withPlay(R"("started_at": 1800086401, "ms_played": 1)"),  // more than a day ahead
      withPlay(R"("started_at": 1700000000.0, "ms_played": 1)"),
      withPlay(R"("started_at": 17e8, "ms_played": 1)"),
      withPlay(R"("started_at": "1700000000", "ms_played": 1)"),
      withPlay(R"("started_at": 01700000000, "ms_played": 1)"),
      withPlay(R"("started_at": 1700000000, "ms_played": -1)"),
      withPlay(R"("started_at": 1700000000, "ms_played": 86400001)"),
      withPlay(R"("started_at": 1700000000, "ms_played": 99999999999999999999999)"),
      withPlay(R"("started_at": 1700000000)"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "source": "Bad Source")"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "source": 3)"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "started_at": 1700000001)"),
      withTrack(R"({"name": "", "artist": "A"})"),
      withTrack(R"({"name": "N"})"),
      withTrack("null"),
      withTrack(R"({"name": "N", "artist": "A", "name": "M"})"),
      withTrack(R"({"name": "N", "artist": "A", "album": 3})"),
      withTrack(R"({"name": "N", "artist": "A", "spotify_uri": "spotify:track:short"})"),
      withTrack(R"({"name": "N", "artist": "A", "duration_ms": -5})"),
      withTrack(R"({"name": "N\u0000", "artist": "A"})"),
      withTrack(R"({"name": "\ud800", "artist": "A"})"),
      withTrack(R"({"name": "\udc00\ud800", "artist": "A"})"),
      withTrack(R"({"name": "\x", "artist": "A"})"),
      withTrack("{\"name\": \"a\x01b\", \"artist\": \"A\"}"),
      withTrack("{\"name\": \"\xC0\x80\", \"artist\": \"A\"}"),          // overlong
      withTrack("{\"name\": \"\xED\xA0\x80\", \"artist\": \"A\"}"),      // a surrogate
      withTrack("{\"name\": \"\xF4\x90\x80\x80\", \"artist\": \"A\"}"),  // over U+10FFFF
      withTrack("{\"name\": \"\xC3\", \"artist\": \"A\"}"),
      withTrack(R"({"name": "N", "artist": ")" + std::string(2049, 'a') + R"("})"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "x": [1.5])"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "x": [)" + std::string(40, '[') +
               std::string(40, ']') + "]"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "x": tru)"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1, "x": [1,])"),
      withPlay(R"("started_at": 1700000000, "ms_played": 1,)"),
  };
  for (const auto &text : refused) {
    EXPECT_FALSE(readPlayDocument(text, kPlugin, kNowMs).has_value()) << "took:\n" << text;
  }
}

TEST(PlayDocumentTest, MangledPagesAreNeverTakenWhenTheGenericPathRefusesThem) {
  const std::string seed =
      R"({"checkpoint": {"k": "v"}, "records": [)" + kPlay + "," +
      R"({"type": "play", "started_at": 1700000000, "ms_played": 0, "x": [{"y": null}],)"
      R"( "track": {"name": "Tu\u00e9 \"x\"", "artist": "Ä"}}]})";
  const std::string alphabet = "{}[]\":,\\ 0123456789-.eEtrufalsn\x01\xC3\xA9\xED\xF0";
  std::mt19937 random(20260521);
  int taken = 0;
  for (int round = 0; round < 4000; ++round) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(random() % 3);
    for (int e = 0; e < edits; ++e) {
      const size_t at = random() % text.size();
      const char c = alphabet[random() % alphabet.size()];
      switch (random() % 3) {
        case 0:
          text[at] = c;
          break;
        case 1:
          text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), c);
          break;
        default:
          text.erase(at, 1 + random() % 4);
          break;
      }
    }
    if (checkAgainstGeneric(text)) ++taken;
    if (HasFailure()) return;
  }
  // Many mangled pages are still valid (a changed digit, a space): the accepting side of
  // the property was exercised too.
  EXPECT_GT(taken, 200);
}

}  // namespace
}  // namespace encore
