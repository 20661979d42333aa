// What removal deletes: the store-side rules (records/entity_pruner.h) exercised through
// RecordStore with real records documents, as a plugin would send them.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/history/play_writer.h"
#include "daemon/records/record_store.h"
#include "daemon/store/store.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

using Json = nlohmann::json;

Json artist(const std::string &id) {
  return {{"type", "artist"}, {"id", id}, {"name", "Artist " + id}};
}

Json album(const std::string &id, std::vector<std::string> artists) {
  Json list = Json::array();
  for (const auto &a : artists) list.push_back(artist(a));
  return {{"type", "album"}, {"id", id}, {"name", "Album " + id}, {"artists", list}};
}

Json track(const std::string &id, const std::string &albumId, const std::string &artistId) {
  return {{"type", "track"},
          {"id", id},
          {"name", "Track " + id},
          {"album", {{"id", albumId}, {"name", "Album " + albumId}}},
          {"artists", Json::array({artist(artistId)})}};
}

Json member(const std::string &collection, Json item) {
  return {{"type", "library_item"}, {"collection", collection}, {"item", std::move(item)}};
}

Json entry(const std::string &playlist, int position, Json t) {
  return {{"type", "playlist_item"},
          {"playlist_id", playlist},
          {"position", position},
          {"item_type", "track"},
          {"track", std::move(t)}};
}

class PruneTest : public ::testing::Test {
 protected:
  PruneTest()
      : store_(dir_.str(), builtinMigrations()),
        clock_(1'800'000'000'000),
        records_(store_, clock_, handlers()) {}

  RecordHandlers handlers() {
    auto h = RecordHandlers::withLibraryTypes();
    addPlayHandler(h);
    return h;
  }
  void submit(Json records) {
    auto result =
        records_.submit({"spotify", "", ""}, Json{{"records", std::move(records)}}.dump());
    ASSERT_TRUE(result.ok) << result.error;
  }
  /// One full pass over `collection` holding exactly `members`.
  void pass(const std::string &collection, Json members, bool remove = true) {
    records_.collectionBegin("spotify", collection);
    submit(std::move(members));
    records_.collectionEnd("spotify", collection, remove);
  }
  bool has(const std::string &table, const std::string &id) {
    return store_.read([&](Database &db) {
      auto q = db.prepare("SELECT 1 FROM " + table + " WHERE external_id = ?");
      q->bind(id);
      return q->step();
    });
  }
  int64_t count(const std::string &sql) {
    return store_.read([&](Database &db) {
      auto q = db.prepare(sql);
      q->step();
      return q->int64(0);
    });
  }

  test::TempDir dir_;
  Store store_;
  ManualClock clock_;
  RecordStore records_;
};

TEST_F(PruneTest, UnfollowedArtistTakesItsDiscographyButNotWhatElseKeeps) {
  pass("followed_artists",
       {member("followed_artists", artist("a")), member("followed_artists", artist("b"))});
  // Discographies (the artist-albums job), a saved album of a, an album shared with b.
  submit({album("a1", {"a"}), album("a2", {"a"}), album("ab", {"a", "b"}), album("b1", {"b"})});
  pass("saved_albums", {member("saved_albums", album("saved", {"a"}))});
  ASSERT_EQ(count("SELECT count(*) FROM albums"), 5);

  pass("followed_artists", {member("followed_artists", artist("b"))});
  EXPECT_FALSE(has("albums", "a1"));
  EXPECT_FALSE(has("albums", "a2"));
  EXPECT_TRUE(has("albums", "ab"));  // b's discography too
  EXPECT_TRUE(has("albums", "b1"));
  EXPECT_TRUE(has("albums", "saved"));  // saved
  EXPECT_TRUE(has("artists", "a"));     // still credited on kept albums
  EXPECT_EQ(count("SELECT count(*) FROM library_items WHERE collection = 'followed_artists'"), 1);

  // Once nothing credits a any more, it goes too.
  pass("saved_albums", Json::array());
  pass("followed_artists", Json::array());
  EXPECT_FALSE(has("artists", "a"));
  EXPECT_FALSE(has("artists", "b"));
  EXPECT_EQ(count("SELECT count(*) FROM albums"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM album_artists"), 0);
}

TEST_F(PruneTest, KeepMissingRemovesNothing) {
  pass("followed_artists", {member("followed_artists", artist("a"))});
  submit({album("a1", {"a"})});
  pass("followed_artists", Json::array(), false);
  EXPECT_TRUE(has("artists", "a"));
  EXPECT_TRUE(has("albums", "a1"));
}

TEST_F(PruneTest, ArtistCreditedOnAStoredTrackStays) {
  pass("followed_artists", {member("followed_artists", artist("a"))});
  submit({album("a1", {"a"})});
  pass("playlists", {member("playlists", {{"type", "playlist"}, {"id", "p"}, {"name", "P"}})});
  submit({entry("p", 0, track("t", "other", "a"))});
  pass("followed_artists", Json::array());
  EXPECT_TRUE(has("artists", "a"));   // credited on t
  EXPECT_FALSE(has("albums", "a1"));  // its discography is not kept by that
  EXPECT_TRUE(has("albums", "other"));
}

TEST_F(PruneTest, DeletedPlaylistTakesTheTracksOnlyItHeld) {
  Json p = {{"type", "playlist"}, {"id", "p"}, {"name", "P"}};
  Json q = {{"type", "playlist"}, {"id", "q"}, {"name", "Q"}};
  pass("playlists", {member("playlists", p), member("playlists", q)});
  submit({entry("p", 0, track("only", "x", "solo")), entry("p", 1, track("shared", "y", "duo")),
          entry("q", 0, track("shared", "y", "duo"))});
  pass("playlists", {member("playlists", q)});
  EXPECT_FALSE(has("playlists", "p"));
  EXPECT_FALSE(has("tracks", "only"));
  EXPECT_FALSE(has("albums", "x"));
  EXPECT_FALSE(has("artists", "solo"));
  EXPECT_TRUE(has("tracks", "shared"));
  EXPECT_TRUE(has("albums", "y"));
  EXPECT_TRUE(has("artists", "duo"));
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items"), 1);
}

TEST_F(PruneTest, ReReadPlaylistLetsGoOfReplacedTracksOnlyAtItsEnd) {
  pass("liked_songs",
       {member(
           "liked_songs",
           {{"type", "playlist"}, {"id", "liked"}, {"name", "Liked"}, {"is_liked_songs", true}})});
  submit({entry("liked", 0, track("t1", "x", "a")),
          entry("liked", 1, track("t2", "x", "a")),
          entry("liked", 2, track("t3", "z", "c")),
          {{"type", "playlist_truncate"}, {"playlist_id", "liked"}, {"length", 3}}});
  // A new like on top shifts everything down a page boundary; t3 is unliked. Page 1 holds
  // positions 0-1 only: t2 is replaced there but comes back on page 2.
  submit({entry("liked", 0, track("new", "x", "a")), entry("liked", 1, track("t1", "x", "a"))});
  EXPECT_TRUE(has("tracks", "t2"));  // mid-pass: nothing deleted yet
  submit({entry("liked", 2, track("t2", "x", "a")),
          {{"type", "playlist_truncate"}, {"playlist_id", "liked"}, {"length", 3}}});
  EXPECT_TRUE(has("tracks", "t2"));
  EXPECT_FALSE(has("tracks", "t3"));
  EXPECT_FALSE(has("albums", "z"));
  EXPECT_FALSE(has("artists", "c"));
  EXPECT_EQ(count("SELECT count(*) FROM tracks"), 3);
  EXPECT_EQ(count("SELECT count(*) FROM prune_candidates"), 0);
}

TEST_F(PruneTest, ATrackCollectionLosesItsMembersCleanly) {
  // Removing tracks used to fail the whole pass: the delete asked tracks for images.
  pass("liked_tracks", {member("liked_tracks", track("t1", "x", "a")),
                        member("liked_tracks", track("t2", "y", "b"))});
  pass("liked_tracks", {member("liked_tracks", track("t2", "y", "b"))});
  EXPECT_FALSE(has("tracks", "t1"));
  EXPECT_FALSE(has("albums", "x"));
  EXPECT_FALSE(has("artists", "a"));
  EXPECT_TRUE(has("tracks", "t2"));
}

TEST_F(PruneTest, PlaysAreNeverTouched) {
  Json p = {{"type", "playlist"}, {"id", "p"}, {"name", "P"}};
  pass("playlists", {member("playlists", p)});
  submit({entry("p", 0, track("t", "x", "a")),
          {{"type", "play"},
           {"started_at", 1'700'000'000},
           {"ms_played", 1000},
           {"source", "spotify-poll"},
           {"track", {{"name", "Track t"}, {"artist", "Artist a"}}}}});
  pass("playlists", Json::array());
  EXPECT_FALSE(has("tracks", "t"));
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 1);
}

}  // namespace
}  // namespace encore
