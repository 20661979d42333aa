// Migration 0032 on a database written before it (with rollups and local times), including
// one already at a later version: the plays and the catalog stay, the rest goes.
#include <gtest/gtest.h>

#include "daemon/store/store.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

int64_t scalar(Store &store, const std::string &sql) {
  return store.read([&](Database &db) {
    auto q = db.prepare(sql);
    q->step();
    return q->int64(0);
  });
}

TEST(PlaysMigrationTest, DropsRollupsAndLocalTimeAndKeepsEveryPlay) {
  test::TempDir dir;
  std::vector<Migration> before;
  for (const auto &m : builtinMigrations()) {
    if (m.version != 32) before.push_back(m);
  }
  {
    Store old(dir.str(), before);
    old.write([](Database &db) {
      db.exec(
          "INSERT INTO music_artists (id, name, norm_name, first_played_at) VALUES (1, 'A', 'a', "
          "1700000000);"
          "INSERT INTO music_albums (id, name, artist_id, norm_key) VALUES (1, 'L', 1, 'a\x1fl');"
          "INSERT INTO music_tracks (id, name, artist_id, album_id, norm_key, song_key)"
          "  VALUES (1, 'S', 1, 1, 'a\x1fs\x1fl', 'a\x1fs');"
          "INSERT INTO plays (started_at, ms_played, track_id, artist_id, album_id, source,"
          "  local_at) VALUES (1700000000, 1000, 1, 1, 1, 'lastfm', 1700003600),"
          "  (1700000600, 2000, 1, 1, 1, 'lastfm', 1700004200);");
    });
    ASSERT_EQ(scalar(old, "SELECT sum(plays) FROM play_hours"), 2);
  }
  Store store(dir.str(), builtinMigrations());
  EXPECT_EQ(store.migrationReport().applied,
            (std::vector<std::string>{"0032_plays_without_rollups"}));
  EXPECT_EQ(scalar(store, "SELECT count(*) FROM plays"), 2);
  EXPECT_EQ(scalar(store, "SELECT sum(ms_played) FROM plays"), 3000);
  EXPECT_EQ(
      scalar(store, "SELECT count(*) FROM pragma_table_info('plays') WHERE name = 'local_at'"), 0);
  EXPECT_EQ(scalar(store,
                   "SELECT count(*) FROM sqlite_master WHERE name IN ('play_hours', 'track_months',"
                   " 'history_meta', 'plays_by_artist', 'plays_by_album', 'plays_rollup_insert')"),
            0);
  // The stats engine's change counters still follow plays.
  const int64_t epoch = scalar(store, "SELECT plays_epoch FROM stats_epochs");
  store.write([](Database &db) { db.exec("DELETE FROM plays WHERE ms_played = 1000"); });
  EXPECT_EQ(scalar(store, "SELECT plays_epoch FROM stats_epochs"), epoch + 1);
}

}  // namespace
}  // namespace encore
