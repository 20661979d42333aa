// The plugin's reading of real Spotify answers (tests/fixtures/spotify) into records.
#include <gtest/gtest.h>

#include "paging.h"
#include "records.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace spotify {
namespace {

// The plugin writes records straight into a document's text; these read back what it
// wrote, as the host will.
template <typename Write>
std::optional<Json> written(Write &&write) {
  std::string text;
  encore::JsonWriter w(text);
  if (!write(w)) return std::nullopt;
  return Json::parse(text);
}
std::optional<Json> artistRecord(const Json &artist) {
  return written([&](encore::JsonWriter &w) { return writeArtist(w, artist, true); });
}
std::optional<Json> albumRecord(const Json &album) {
  return written([&](encore::JsonWriter &w) { return writeAlbum(w, album, true); });
}
std::optional<Json> playlistRecord(const Json &playlist, bool withSnapshot) {
  return written([&](encore::JsonWriter &w) { return writePlaylist(w, playlist, withSnapshot); });
}
Json firstRecord(encore::RecordsWriter &doc) {
  return Json::parse(doc.finish())["records"][0];
}
Json playlistItemRecord(const std::string &playlistId, int64_t position, const Json &entry) {
  encore::RecordsWriter doc;
  addPlaylistItem(doc, playlistId, position, entry);
  return firstRecord(doc);
}
std::optional<Json> playRecord(const Json &history, int64_t nowMs, int64_t &playedAtMs) {
  auto play = readPlay(history, nowMs, playedAtMs);
  if (!play) return std::nullopt;
  encore::RecordsWriter doc;
  addPlay(doc, *play);
  return firstRecord(doc);
}

Json fixture(const std::string &name) {
  auto text = encore::test::readFile(encore::test::sourceDir() + "/tests/fixtures/spotify/" + name);
  auto json = Json::parse(text, nullptr, false);
  EXPECT_FALSE(json.is_discarded()) << name;
  return json;
}

TEST(MappingTest, FollowedArtistKeepsEveryField) {
  auto page = fixture("GetUsersFollowedArtistsRequest.json");
  auto artist = artistRecord(page["artists"]["items"][0]);
  ASSERT_TRUE(artist);
  EXPECT_EQ((*artist)["type"], "artist");
  EXPECT_EQ((*artist)["id"], "0I2XqVXqHScXjHhk6AYYRe");
  EXPECT_EQ((*artist)["name"], "Afasi & Filthy");
  EXPECT_EQ((*artist)["genres"], Json::array({"swedish hip hop"}));
  EXPECT_EQ((*artist)["popularity"], 54);
  EXPECT_EQ((*artist)["followers"], 7753);
  EXPECT_EQ((*artist)["url"], "https://open.spotify.com/artist/0I2XqVXqHScXjHhk6AYYRe");
  ASSERT_EQ((*artist)["images"].size(), 3u);
  EXPECT_EQ((*artist)["images"][1],
            Json({{"url", "https://i.scdn.co/image/394302b42c4b894786943e028cdd46d7baaa29b7"},
                  {"width", 300},
                  {"height", 300}}));
}

TEST(MappingTest, PlaylistEntriesOldAndNewShapeGiveTheSameRecords) {
  auto legacy = fixture("GetPlaylistsItemsRequest.json");
  auto modern = fixture("GetPlaylistsItemsRequest_2026.json");
  for (size_t i = 0; i < 2; ++i) {
    EXPECT_EQ(playlistItemRecord("p1", 7, legacy["items"][i]),
              playlistItemRecord("p1", 7, modern["items"][i]));
  }
  auto entry = playlistItemRecord("p1", 7, modern["items"][0]);
  EXPECT_EQ(entry["item_type"], "track");
  EXPECT_EQ(entry["position"], 7);
  EXPECT_EQ(entry["added_at"], "2016-10-11T13:44:40Z");
  EXPECT_EQ(entry["added_by"], "spotify_españa");
  const Json &track = entry["track"];
  EXPECT_EQ(track["id"], "7pk3EpFtmsOdj8iUhjmeCM");
  EXPECT_EQ(track["duration_ms"], 209453);
  EXPECT_EQ(track["isrc"], "USWL11600423");
  EXPECT_EQ(track["uri"], "spotify:track:7pk3EpFtmsOdj8iUhjmeCM");
  EXPECT_EQ(track["album"]["id"], "5GjKG3Y8OvSVJO55dQTFyD");
  EXPECT_EQ(track["album"]["album_type"], "single");
  ASSERT_EQ(track["artists"].size(), 2u);
  EXPECT_EQ(track["artists"][1]["name"], "J Balvin");
  // The second entry has no track at all: an unavailable entry, kept in its position.
  auto missing = playlistItemRecord("p1", 8, modern["items"][1]);
  EXPECT_EQ(missing["item_type"], "unavailable");
  EXPECT_FALSE(missing.contains("track"));
}

TEST(MappingTest, EpisodeEntryIsNotATrack) {
  auto page = fixture("GetPlaylistsItemsRequest_Episode.json");
  auto entry = playlistItemRecord("p1", 0, page["items"][0]);
  EXPECT_EQ(entry["item_type"], "episode");
  EXPECT_EQ(entry["name"], "The Giant Beastcast: Episode 0");
  EXPECT_EQ(entry["uri"], "spotify:episode:4GI3dxEafwap1sFiTGPKd1");
  EXPECT_FALSE(entry.contains("track"));
}

TEST(MappingTest, LocalFileEntryKeepsNameAndUri) {
  Json local = {{"added_at", "2020-01-01T00:00:00Z"},
                {"is_local", true},
                {"item",
                 {{"id", nullptr},
                  {"name", "Demo"},
                  {"uri", "spotify:local:A:B:Demo:180"},
                  {"type", "track"},
                  {"is_local", true},
                  {"artists", Json::array({{{"id", nullptr}, {"name", "A"}}})}}}};
  auto entry = playlistItemRecord("p1", 3, local);
  EXPECT_EQ(entry["item_type"], "local");
  EXPECT_EQ(entry["name"], "Demo");
  EXPECT_EQ(entry["uri"], "spotify:local:A:B:Demo:180");
}

TEST(MappingTest, PlaylistFromTheListUsesTracksOrItemsTotal) {
  auto page = fixture("GetListOfCurrentUsersPlaylistsRequest.json");
  auto listed = playlistRecord(page["items"][0], false);
  ASSERT_TRUE(listed);
  EXPECT_EQ((*listed)["id"], "53Y8wT46QIMz5H4WQ8O22c");
  EXPECT_EQ((*listed)["track_count"], 30);
  EXPECT_EQ((*listed)["owner_id"], "wizzler");
  EXPECT_EQ((*listed)["public"], true);
  EXPECT_EQ((*listed)["collaborative"], false);
  EXPECT_FALSE(listed->contains("snapshot_id"));
  EXPECT_EQ((*listed)["images"], Json::array());
  auto withSnapshot = playlistRecord(page["items"][0], true);
  EXPECT_EQ((*withSnapshot)["snapshot_id"],
            "bNLWdmhh+HDsbHzhckXeDC0uyKyg4FjPI/KEsKjAE526usnz2LxwgyBoMShVL+z+");
  Json modern = page["items"][0];
  modern["items"] = modern["tracks"];
  modern["items"]["total"] = 31;
  modern.erase("tracks");
  EXPECT_EQ((*playlistRecord(modern, false))["track_count"], 31);
}

TEST(MappingTest, SavedAndDiscographyAlbums) {
  auto saved = fixture("GetCurrentUsersSavedAlbumsRequest.json");
  auto album = albumRecord(saved["items"][0]["album"]);
  ASSERT_TRUE(album);
  EXPECT_EQ((*album)["id"], "5m4VYOPoIpkV0XgOiRKkWC");
  EXPECT_EQ((*album)["release_date"], "2013-01-01");
  EXPECT_EQ((*album)["album_type"], "album");
  EXPECT_EQ((*album)["popularity"], 49);
  EXPECT_EQ((*album)["artists"][0]["name"], "Abidaz");
  auto discography = fixture("GetArtistsAlbumsRequest.json");
  auto single = albumRecord(discography["items"][0]);
  EXPECT_EQ((*single)["album_type"], "single");
  EXPECT_EQ((*single)["total_tracks"], 2);
  EXPECT_EQ((*single)["artists"].size(), 3u);
}

TEST(MappingTest, RecentlyPlayedBecomesPlaysThatStartADurationEarlier) {
  auto page = fixture("GetCurrentUsersRecentlyPlayedTracksRequest.json");
  ASSERT_EQ(page["items"].size(), 2u);
  int64_t newest = 0, oldest = INT64_MAX;
  for (const auto &item : page["items"]) {
    int64_t playedAt = 0;
    auto play = playRecord(item, 1'800'000'000'000, playedAt);
    ASSERT_TRUE(play);
    newest = std::max(newest, playedAt);
    oldest = std::min(oldest, playedAt);
    const int64_t duration = item["track"]["duration_ms"].get<int64_t>();
    EXPECT_EQ((*play)["started_at"], (playedAt - duration) / 1000);
    EXPECT_EQ((*play)["ms_played"], duration);
    EXPECT_EQ((*play)["source"], "spotify-poll");
    EXPECT_EQ((*play)["track"]["spotify_uri"], item["track"]["uri"]);
    EXPECT_EQ((*play)["track"]["artist"], item["track"]["artists"][0]["name"]);
    EXPECT_EQ((*play)["track"]["album"], item["track"]["album"]["name"]);
  }
  // The page's own cursors are the newest and oldest played_at.
  EXPECT_EQ(std::to_string(newest), page["cursors"]["after"]);
  EXPECT_EQ(std::to_string(oldest), page["cursors"]["before"]);
}

TEST(MappingTest, WrongTypesAreFormatErrorsNotCrashes) {
  auto artist = fixture("GetUsersFollowedArtistsRequest.json")["artists"]["items"][0];
  Json bad = artist;
  bad["name"] = 42;
  EXPECT_THROW(artistRecord(bad), FormatError);
  bad = artist;
  bad["images"] = Json::object();
  EXPECT_THROW(artistRecord(bad), FormatError);
  auto entry = fixture("GetPlaylistsItemsRequest.json")["items"][0];
  entry["track"]["artists"] = "nobody";
  EXPECT_THROW(playlistItemRecord("p", 0, entry), FormatError);
  EXPECT_THROW(playlistItemRecord("p", 0, Json("not an object")), FormatError);
  EXPECT_THROW(readOffsetPage(Json{{"items", "none"}}, 0), FormatError);
  int64_t playedAt = 0;
  EXPECT_THROW(playRecord(Json{{"played_at", "yesterday"}, {"track", Json::object()}}, 0, playedAt),
               FormatError);
}

TEST(MappingTest, IdsThatAreNotBase62AreNotUsed) {
  Json artist = {{"id", "../../me"}, {"name", "Path"}};
  EXPECT_FALSE(artistRecord(artist));
  artist["id"] = "0I2XqVXqHScXjHhk6AYYRe";
  EXPECT_TRUE(artistRecord(artist));
}

TEST(MappingTest, TimestampsParseWithAndWithoutFractionAndOffset) {
  EXPECT_EQ(parseTimestampMs("2023-09-22T15:23:14.294Z"), 1695396194294);
  EXPECT_EQ(parseTimestampMs("2023-09-22T15:23:14Z"), 1695396194000);
  EXPECT_EQ(parseTimestampMs("2023-09-22T17:23:14+02:00"), 1695396194000);
  EXPECT_FALSE(parseTimestampMs("2023-09-22"));
  EXPECT_FALSE(parseTimestampMs("2023-13-22T15:23:14Z"));
  EXPECT_FALSE(parseTimestampMs("2023-09-22T15:23:14.Z"));
}

TEST(MappingTest, FingerprintChangesWithTheNewestItemsOrTheTotal) {
  auto page = fixture("GetUsersSavedTracksRequest.json");
  const std::string base = libraryFingerprint(page, "track");
  EXPECT_EQ(base, libraryFingerprint(page, "track"));
  Json more = page;
  more["total"] = 54;
  EXPECT_NE(base, libraryFingerprint(more, "track"));
  Json other = page;
  other["items"][0]["added_at"] = "2016-10-25T15:03:07Z";
  EXPECT_NE(base, libraryFingerprint(other, "track"));
}

TEST(MappingTest, DocumentCarriesCheckpointsAndItemsDone) {
  encore::RecordsWriter doc;
  const Json artist = {{"id", "a1"}, {"name", "A"}};
  EXPECT_TRUE(doc.add([&](encore::JsonWriter &w) { return writeArtist(w, artist, true); }));
  EXPECT_FALSE(doc.add([](encore::JsonWriter &w) { return writeArtist(w, Json::object(), true); }));
  doc.checkpoint("cursor", std::string("abc"));
  doc.checkpoint("gone", std::nullopt);
  doc.itemDone("a");
  auto json = Json::parse(doc.finish());
  EXPECT_EQ(json["records"].size(), 1u);
  EXPECT_EQ(json["checkpoint"], Json({{"cursor", "abc"}, {"gone", nullptr}}));
  EXPECT_EQ(json["items_done"], Json::array({"a"}));
}

}  // namespace
}  // namespace spotify
