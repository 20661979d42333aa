#include "daemon/records/record_store.h"

#include <gtest/gtest.h>

#include "daemon/history/play_writer.h"
#include "daemon/records/plugin_kv.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

class Recorder : public EntityObserver {
 public:
  void onEntitiesStored(const std::vector<StoredEntity> &e) override {
    stored.insert(stored.end(), e.begin(), e.end());
  }
  void onEntitiesRemoved(const std::vector<StoredEntity> &e) override {
    removed.insert(removed.end(), e.begin(), e.end());
  }
  std::vector<StoredEntity> stored, removed;
};

class RecordStoreTest : public ::testing::Test {
 protected:
  RecordStoreTest() : store(dir.str(), builtinMigrations()), records(store, clock, handlers()) {
    records.addObserver(&recorder);
  }
  RecordHandlers handlers() {
    auto h = RecordHandlers::withLibraryTypes();
    addPlayHandler(h);
    return h;
  }
  SubmitResult submit(const nlohmann::json &doc, const std::string &job = "") {
    return records.submit({"spotify", job, job.empty() ? "" : "artist"}, doc.dump());
  }
  int64_t count(const std::string &sql) {
    return store.read([&](Database &db) {
      auto q = db.prepare(sql);
      q->step();
      return q->int64(0);
    });
  }
  std::string text(const std::string &sql) {
    return store.read([&](Database &db) {
      auto q = db.prepare(sql);
      return q->step() ? q->text(0) : std::string("<none>");
    });
  }

  test::TempDir dir;
  ManualClock clock{1'800'000'000'000};
  Store store;
  RecordStore records;
  Recorder recorder;
};

TEST_F(RecordStoreTest, StoresLinkedEntitiesOnceAndNotifiesObservers) {
  auto result = submit(nlohmann::json::parse(R"({"records": [{
      "type": "track", "id": "t1", "name": "Song", "duration_ms": 215000,
      "album": {"id": "al1", "name": "Album",
                "images": [{"url": "https://i.scdn.co/image/a", "width": 640}],
                "artists": [{"id": "ar1", "name": "Artist"}]},
      "artists": [{"id": "ar1", "name": "Artist"}, {"id": "ar2", "name": "Guest"}]}]})"));
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_EQ(result.records, 1);
  EXPECT_EQ(count("SELECT count(*) FROM artists"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM albums"), 1);
  EXPECT_EQ(count("SELECT count(*) FROM track_artists"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM album_artists"), 1);
  EXPECT_EQ(text("SELECT a.name FROM tracks t JOIN albums a ON a.id = t.album_id"), "Album");
  bool albumWithImages = false;
  for (const auto &e : recorder.stored) {
    if (e.type == "album" && e.images && e.images->find("i.scdn.co") != std::string::npos) {
      albumWithImages = true;
    }
  }
  EXPECT_TRUE(albumWithImages);
}

TEST_F(RecordStoreTest, AThinReferenceDoesNotEraseAFullRecord) {
  ASSERT_TRUE(submit({{"records",
                       {{{"type", "artist"},
                         {"id", "ar1"},
                         {"name", "Artist"},
                         {"genres", {"rock"}},
                         {"popularity", 77}}}}})
                  .ok);
  ASSERT_TRUE(submit({{"records",
                       {{{"type", "track"},
                         {"id", "t1"},
                         {"name", "Song"},
                         {"artists", {{{"id", "ar1"}, {"name", "Artist"}}}}}}}})
                  .ok);
  EXPECT_EQ(count("SELECT popularity FROM artists WHERE external_id = 'ar1'"), 77);
  EXPECT_EQ(text("SELECT genres FROM artists WHERE external_id = 'ar1'"), "[\"rock\"]");
}

TEST_F(RecordStoreTest, OneBadRecordRejectsThePageAndItsCheckpoint) {
  ASSERT_TRUE(submit({{"records", {{{"type", "artist"}, {"id", "kept"}, {"name", "Kept"}}}},
                      {"checkpoint", {{"cursor", "page-1"}}}})
                  .ok);
  auto result = submit({{"records",
                         {{{"type", "artist"}, {"id", "a2"}, {"name", "Fine"}},
                          {{"type", "artist"}, {"id", "a3"}, {"name", ""}}}},
                        {"checkpoint", {{"cursor", "page-2"}}}});
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.error, "records[1].name: must not be empty");
  EXPECT_EQ(count("SELECT count(*) FROM artists"), 1);
  auto cursor = store.read([](Database &db) { return kvGet(db, "spotify", "cursor"); });
  EXPECT_EQ(cursor, "page-1");
}

TEST_F(RecordStoreTest, MalformedDocumentsAreRejectedWithAReason) {
  auto reject = [&](const std::string &doc) {
    auto r = records.submit({"spotify", "", ""}, doc);
    EXPECT_FALSE(r.ok) << doc;
    return r.error;
  };
  EXPECT_EQ(reject("{\"records\": [ {\"type\": "), "document is not valid JSON");
  EXPECT_EQ(reject("[1,2]"), "document must be an object with a \"records\" array");
  EXPECT_EQ(reject(R"({"records": {"type":"artist"}})"), "records: expected an array");
  EXPECT_EQ(reject(R"({"records": [{"type":"spaceship","id":"x"}]})"),
            "records[0].type: unknown record type 'spaceship'");
  EXPECT_EQ(reject(R"({"records": [{"type":"artist","id":"has space","name":"x"}]})"),
            "records[0].id: must not contain spaces or control characters");
  EXPECT_EQ(reject(R"({"records": [{"type":"artist","id":"x","name":"x","popularity":101}]})"),
            "records[0].popularity: expected an integer from 0 to 100");
  EXPECT_EQ(
      reject(
          R"({"records": [{"type":"artist","id":"x","name":"x","images":[{"url":"javascript:1"}]}]})"),
      "records[0].images[0].url: expected an http(s) URL");
  EXPECT_EQ(
      reject(
          R"({"records": [{"type":"playlist_item","playlist_id":"nope","position":0,"item_type":"local"}]})"),
      "records[0].playlist_id: unknown playlist 'nope'");
  EXPECT_EQ(reject(R"({"records": [], "checkpoint": {"cursor": 5}})"),
            "checkpoint.cursor: expected a string or null");
  EXPECT_EQ(reject(std::string(RecordStore::kMaxDocumentBytes + 1, ' ')),
            "document of 16777217 bytes is over the 16 MiB limit");
  EXPECT_EQ(count("SELECT count(*) FROM artists"), 0);
}

TEST_F(RecordStoreTest, PlaylistItemsAndTruncation) {
  nlohmann::json items = nlohmann::json::array();
  items.push_back({{"type", "playlist"}, {"id", "p1"}, {"name", "Mix"}, {"snapshot_id", "s1"}});
  for (int i = 0; i < 5; ++i) {
    items.push_back({{"type", "playlist_item"},
                     {"playlist_id", "p1"},
                     {"position", i},
                     {"item_type", i == 3 ? "local" : "track"},
                     {"name", "local file"}});
    if (i != 3) items.back()["track"] = {{"id", "t" + std::to_string(i)}, {"name", "T"}};
  }
  ASSERT_TRUE(submit({{"records", items}}).ok);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items"), 5);
  ASSERT_TRUE(
      submit({{"records", {{{"type", "playlist_truncate"}, {"playlist_id", "p1"}, {"length", 2}}}}})
          .ok);
  EXPECT_EQ(count("SELECT count(*) FROM playlist_items"), 2);
  EXPECT_EQ(records.entityField("spotify", "playlist", "p1", "snapshot_id"), "s1");
  EXPECT_FALSE(records.entityField("spotify", "playlist", "p1", "id; DROP TABLE x").has_value());
  EXPECT_FALSE(records.entityField("spotify", "playlist", "missing", "snapshot_id").has_value());
}

TEST_F(RecordStoreTest, CollectionPassRemovesWhatWasNotSeenAndResumesAfterACrash) {
  auto follow = [&](std::vector<std::string> ids) {
    nlohmann::json items = nlohmann::json::array();
    for (const auto &id : ids) {
      items.push_back({{"type", "library_item"},
                       {"collection", "followed_artists"},
                       {"item", {{"type", "artist"}, {"id", id}, {"name", id}}}});
    }
    ASSERT_TRUE(submit({{"records", items}}).ok);
  };
  records.collectionBegin("spotify", "followed_artists");
  follow({"a", "b", "c"});
  records.collectionEnd("spotify", "followed_artists", true);
  EXPECT_EQ(count("SELECT count(*) FROM library_items"), 3);

  // Second pass: sees "a", then the process dies; the next begin continues the same pass.
  records.collectionBegin("spotify", "followed_artists");
  follow({"a"});
  records.collectionBegin("spotify", "followed_artists");
  follow({"b"});
  EXPECT_EQ(records.collectionEnd("spotify", "followed_artists", true), 1);  // "c" unfollowed
  EXPECT_EQ(count("SELECT count(*) FROM library_items"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM artists WHERE external_id = 'c'"), 0);
  ASSERT_EQ(recorder.removed.size(), 1u);
  EXPECT_EQ(recorder.removed[0].externalId, "c");

  // With KEEP_MISSING, membership goes but nothing is removed.
  records.collectionBegin("spotify", "followed_artists");
  follow({"a"});
  EXPECT_EQ(records.collectionEnd("spotify", "followed_artists", false), 0);
  EXPECT_EQ(count("SELECT count(*) FROM library_items"), 2);
}

TEST_F(RecordStoreTest, RemovalKeepsEntitiesOthersStillReference) {
  records.collectionBegin("spotify", "followed_artists");
  ASSERT_TRUE(submit({{"records",
                       {{{"type", "library_item"},
                         {"collection", "followed_artists"},
                         {"item", {{"type", "artist"}, {"id", "a"}, {"name", "A"}}}},
                        {{"type", "track"},
                         {"id", "t"},
                         {"name", "T"},
                         {"artists", {{{"id", "a"}, {"name", "A"}}}}}}}})
                  .ok);
  records.collectionEnd("spotify", "followed_artists", true);
  records.collectionBegin("spotify", "followed_artists");
  records.collectionEnd("spotify", "followed_artists", true);
  EXPECT_EQ(count("SELECT count(*) FROM library_items"), 0);
  EXPECT_EQ(count("SELECT count(*) FROM artists"), 1);  // still a track's artist
}

TEST_F(RecordStoreTest, GradualItemsComeStalestFirstAndItemsDoneMovesThem) {
  nlohmann::json artists = nlohmann::json::array();
  for (const char *id : {"a", "b", "c"})
    artists.push_back({{"type", "artist"}, {"id", id}, {"name", id}});
  ASSERT_TRUE(submit({{"records", artists}}).ok);
  const std::string job = "spotify.artist_albums";
  auto stale = [&] {
    return records.staleItems(job, "spotify", "artist", "", clock.nowMs() - 86'400'000, 2);
  };
  EXPECT_EQ(stale(), (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(submit({{"items_done", {"a", "b"}}}, job).ok);
  EXPECT_EQ(stale(), (std::vector<std::string>{"c"}));
  ASSERT_TRUE(submit({{"items_done", {"c"}}}, job).ok);
  EXPECT_TRUE(stale().empty());
  clock.advance(86'400'001);
  EXPECT_EQ(stale(), (std::vector<std::string>{"a", "b"}));
  // Only members of a collection, when the job names one.
  EXPECT_TRUE(
      records.staleItems(job, "spotify", "artist", "followed_artists", clock.nowMs(), 5).empty());
  // A job that is not gradual cannot report items.
  EXPECT_FALSE(submit({{"items_done", {"a"}}}).ok);
}

TEST_F(RecordStoreTest, PlaysLineUpAcrossSourcesWithinThirtySeconds) {
  auto play = [&](int64_t start, const std::string &source, bool withUri) {
    nlohmann::json track = {{"name", "Song"}, {"artist", "Artist"}, {"album", "Album"}};
    if (withUri) track["spotify_uri"] = "spotify:track:4uLU6hMCjMI75M1A2tKUQC";
    return submit({{"records",
                    {{{"type", "play"},
                      {"started_at", start},
                      {"ms_played", 200000},
                      {"source", source},
                      {"track", track}}}}});
  };
  ASSERT_TRUE(play(1'700'000'000, "lastfm", false).ok);
  ASSERT_TRUE(play(1'700'000'012, "spotify-poll", true).ok);  // the same listening
  ASSERT_TRUE(play(1'700'000'300, "spotify-poll", true).ok);  // the next one
  EXPECT_EQ(count("SELECT count(*) FROM plays"), 2);
  EXPECT_EQ(count("SELECT count(*) FROM music_tracks"), 1);
  EXPECT_EQ(text("SELECT spotify_uri FROM music_tracks"), "spotify:track:4uLU6hMCjMI75M1A2tKUQC");
  EXPECT_FALSE(play(100, "lastfm", false).ok);  // before 2000
}

}  // namespace
}  // namespace encore
