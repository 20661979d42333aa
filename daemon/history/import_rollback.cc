#include "history/import_rollback.h"

#include "history/track_cache.h"

namespace encore {

int64_t removeImportedPlays(Database &db, int64_t importId) {
  db.exec(
      "CREATE TEMP TABLE IF NOT EXISTS rollback_tracks (id INTEGER PRIMARY KEY);"
      "DELETE FROM temp.rollback_tracks;");
  db.prepare(
        "INSERT OR IGNORE INTO temp.rollback_tracks (id)"
        " SELECT track_id FROM plays WHERE import_id = ?")
      ->bind(importId)
      .run();
  db.prepare("DELETE FROM plays WHERE import_id = ?")->bind(importId).run();
  const int64_t removed = db.changes();
  db.exec(
      "UPDATE music_tracks SET first_played_at ="
      "  (SELECT min(started_at) FROM plays WHERE track_id = music_tracks.id)"
      "  WHERE id IN (SELECT id FROM temp.rollback_tracks);"
      "UPDATE music_artists SET first_played_at ="
      "  (SELECT min(started_at) FROM plays WHERE artist_id = music_artists.id)"
      "  WHERE id IN (SELECT artist_id FROM music_tracks"
      "               WHERE id IN (SELECT id FROM temp.rollback_tracks));"
      "UPDATE music_albums SET first_played_at ="
      "  (SELECT min(started_at) FROM plays WHERE album_id = music_albums.id)"
      "  WHERE id IN (SELECT album_id FROM music_tracks"
      "               WHERE id IN (SELECT id FROM temp.rollback_tracks));"
      // Rows that only the removed plays needed.
      "CREATE TEMP TABLE IF NOT EXISTS rollback_orphans (track_id INTEGER PRIMARY KEY,"
      "  artist_id INTEGER, album_id INTEGER);"
      "DELETE FROM temp.rollback_orphans;"
      "INSERT INTO temp.rollback_orphans SELECT t.id, t.artist_id, t.album_id FROM music_tracks t"
      "  WHERE t.id IN (SELECT id FROM temp.rollback_tracks)"
      "    AND NOT EXISTS (SELECT 1 FROM plays p WHERE p.track_id = t.id);"
      "DELETE FROM music_track_uris WHERE track_id IN (SELECT track_id FROM temp.rollback_orphans);"
      "DELETE FROM music_tracks WHERE id IN (SELECT track_id FROM temp.rollback_orphans);"
      "DELETE FROM music_albums WHERE id IN (SELECT album_id FROM temp.rollback_orphans)"
      "  AND NOT EXISTS (SELECT 1 FROM music_tracks t WHERE t.album_id = music_albums.id)"
      "  AND NOT EXISTS (SELECT 1 FROM plays p WHERE p.album_id = music_albums.id);"
      "DELETE FROM music_artists WHERE id IN (SELECT artist_id FROM temp.rollback_orphans)"
      "  AND NOT EXISTS (SELECT 1 FROM music_tracks t WHERE t.artist_id = music_artists.id)"
      "  AND NOT EXISTS (SELECT 1 FROM music_albums a WHERE a.artist_id = music_artists.id)"
      "  AND NOT EXISTS (SELECT 1 FROM plays p WHERE p.artist_id = music_artists.id);"
      "DELETE FROM temp.rollback_tracks; DELETE FROM temp.rollback_orphans;");
  TrackCache::invalidateAll();
  return removed;
}

}  // namespace encore
