#include "daemon/history/import_rollback.h"

#include "daemon/history/track_cache.h"

namespace encore {
namespace {

int64_t count(Database &db, const char *sql) {
  auto q = db.prepare(sql);
  q->step();
  return q->int64(0);
}

/// Deletes the albums and artists the removed plays' tracks named that nothing names any
/// more. A play names its track's artist and album (tracks never change artist and only
/// gain an album), so a row no track names, no play names either.
void deleteOrphanedArtistsAndAlbums(Database &db) {
  db.exec(
      "DELETE FROM temp.rollback_albums WHERE EXISTS"
      "  (SELECT 1 FROM music_tracks t WHERE t.album_id = temp.rollback_albums.id);"
      "DELETE FROM temp.rollback_artists WHERE EXISTS"
      "  (SELECT 1 FROM music_tracks t WHERE t.artist_id = temp.rollback_artists.id)"
      "  OR EXISTS (SELECT 1 FROM music_albums a WHERE a.artist_id = temp.rollback_artists.id"
      "    AND a.id NOT IN (SELECT id FROM temp.rollback_albums));");
  if (count(db,
            "SELECT (SELECT count(*) FROM temp.rollback_albums) +"
            " (SELECT count(*) FROM temp.rollback_artists)") == 0) {
    return;
  }
  // Deleting a row that plays.artist_id or plays.album_id could reference makes SQLite's
  // foreign key check look for such plays; without an index that is a scan of every play
  // for every row deleted. These indexes exist only for this rare moment: kept, they
  // would slow down every stored play.
  db.exec(
      "CREATE INDEX rollback_plays_by_artist ON plays (artist_id);"
      "CREATE INDEX rollback_plays_by_album ON plays (album_id);"
      "DELETE FROM music_albums WHERE id IN (SELECT id FROM temp.rollback_albums);"
      "DELETE FROM music_artists WHERE id IN (SELECT id FROM temp.rollback_artists);"
      "DROP INDEX rollback_plays_by_artist;"
      "DROP INDEX rollback_plays_by_album;");
}

}  // namespace

int64_t removeImportedPlays(Database &db, int64_t importId) {
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS rollback_tracks (id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS rollback_albums (id INTEGER PRIMARY KEY);"
      "CREATE TEMP TABLE IF NOT EXISTS rollback_artists (id INTEGER PRIMARY KEY);"
      "DELETE FROM temp.rollback_tracks; DELETE FROM temp.rollback_albums;"
      "DELETE FROM temp.rollback_artists;");
  db.prepare(
        "INSERT OR IGNORE INTO temp.rollback_tracks (id)"
        " SELECT track_id FROM plays WHERE import_id = ?")
      ->bind(importId)
      .run();
  db.prepare("DELETE FROM plays WHERE import_id = ?")->bind(importId).run();
  const int64_t removed = db.changes();
  // First plays the removed plays may have set: a track's from its plays, an artist's and
  // an album's from their tracks'.
  db.exec(
      "UPDATE music_tracks SET first_played_at ="
      "  (SELECT min(started_at) FROM plays WHERE track_id = music_tracks.id)"
      "  WHERE id IN (SELECT id FROM temp.rollback_tracks);"
      "INSERT OR IGNORE INTO temp.rollback_artists (id)"
      "  SELECT artist_id FROM music_tracks WHERE id IN (SELECT id FROM temp.rollback_tracks);"
      "INSERT OR IGNORE INTO temp.rollback_albums (id)"
      "  SELECT album_id FROM music_tracks WHERE album_id IS NOT NULL"
      "    AND id IN (SELECT id FROM temp.rollback_tracks);"
      "UPDATE music_artists SET first_played_at ="
      "  (SELECT min(first_played_at) FROM music_tracks WHERE artist_id = music_artists.id)"
      "  WHERE id IN (SELECT id FROM temp.rollback_artists);"
      "UPDATE music_albums SET first_played_at ="
      "  (SELECT min(first_played_at) FROM music_tracks WHERE album_id = music_albums.id)"
      "  WHERE id IN (SELECT id FROM temp.rollback_albums);"
      // Tracks that only the removed plays needed, then their albums and artists.
      "DELETE FROM temp.rollback_tracks WHERE EXISTS"
      "  (SELECT 1 FROM plays p WHERE p.track_id = temp.rollback_tracks.id);"
      "DELETE FROM music_track_uris WHERE track_id IN (SELECT id FROM temp.rollback_tracks);"
      "DELETE FROM music_tracks WHERE id IN (SELECT id FROM temp.rollback_tracks);");
  deleteOrphanedArtistsAndAlbums(db);
  db.exec(
      "DELETE FROM temp.rollback_tracks; DELETE FROM temp.rollback_albums;"
      "DELETE FROM temp.rollback_artists;");
  TrackCache::invalidateAll();
  return removed;
}

}  // namespace encore
