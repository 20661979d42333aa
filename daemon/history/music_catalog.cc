#include "daemon/history/music_catalog.h"

#include "daemon/history/identity.h"

namespace encore {
namespace {

int64_t artistId(Database &db, const std::string &name, const std::string &norm) {
  {
    auto q = db.prepare("SELECT id FROM music_artists WHERE norm_name = ?");
    q->bind(norm);
    if (q->step()) return q->int64(0);
  }
  db.prepare("INSERT INTO music_artists (name, norm_name) VALUES (?, ?)")->bind(name, norm).run();
  return db.lastInsertRowId();
}

int64_t albumId(Database &db, int64_t artist, const std::string &name, const std::string &key) {
  {
    auto q = db.prepare("SELECT id FROM music_albums WHERE norm_key = ?");
    q->bind(key);
    if (q->step()) return q->int64(0);
  }
  db.prepare("INSERT INTO music_albums (name, artist_id, norm_key) VALUES (?, ?, ?)")
      ->bind(name, artist, key)
      .run();
  return db.lastInsertRowId();
}

struct Found {
  CanonicalTrack track;
  bool hasDuration = false;
};

constexpr const char *kColumns = "t.id, t.artist_id, t.album_id, t.song_key, t.duration_ms";

std::optional<Found> readRow(Statement &q) {
  if (!q.step()) return std::nullopt;
  Found f;
  f.track = {q.int64(0), q.int64(1), q.optInt64(2), q.isNull(3) ? std::string() : q.text(3)};
  f.hasDuration = !q.isNull(4);
  return f;
}

std::optional<Found> byUri(Database &db, const std::string &uri) {
  auto q = db.prepare(std::string("SELECT ") + kColumns +
                      " FROM music_track_uris u JOIN music_tracks t ON t.id = u.track_id"
                      " WHERE u.uri = ?");
  q->bind(uri);
  return readRow(*q);
}

std::optional<Found> byKey(Database &db, const std::string &key) {
  auto q =
      db.prepare(std::string("SELECT ") + kColumns + " FROM music_tracks t WHERE t.norm_key = ?");
  q->bind(key);
  return readRow(*q);
}

std::optional<Found> bySong(Database &db, const std::string &song, bool onlyWithoutAlbum) {
  auto q = db.prepare(std::string("SELECT ") + kColumns +
                      " FROM music_tracks t WHERE t.song_key = ?1"
                      " AND (?2 = 0 OR t.album_id IS NULL) ORDER BY t.id LIMIT 1");
  q->bind(song, onlyWithoutAlbum ? 1 : 0);
  return readRow(*q);
}

}  // namespace

CanonicalTrack resolveTrack(Database &db, const PlayedTrack &played) {
  const std::string artistNorm = normalizeName(played.artist);
  const std::string titleNorm = normalizeName(played.name);
  const std::string albumNorm = normalizeName(played.album);
  const std::string song = artistNorm + '\x1f' + titleNorm;
  const std::string key = song + '\x1f' + albumNorm;

  std::optional<Found> found;
  if (played.uri) {
    found = byUri(db, *played.uri);
    if (found) {
      if (found->track.songKey.empty()) found->track.songKey = song;
      return found->track;
    }
  }
  found = byKey(db, key);
  if (!found) found = bySong(db, song, !albumNorm.empty());
  if (found && !albumNorm.empty() && !found->track.albumId) {
    // A track first seen without an album (Last.fm, the legacy export) learns it.
    int64_t album =
        albumId(db, found->track.artistId, played.album, artistNorm + '\x1f' + albumNorm);
    db.prepare("UPDATE music_tracks SET album_id = ?, norm_key = ? WHERE id = ?")
        ->bind(album, key, found->track.trackId)
        .run();
    // The album's first play is the first play of any of its tracks, this one's included.
    db.prepare(
          "UPDATE music_albums SET first_played_at = t.first_played_at"
          " FROM (SELECT first_played_at FROM music_tracks WHERE id = ?2) t"
          " WHERE music_albums.id = ?1 AND t.first_played_at IS NOT NULL"
          " AND (music_albums.first_played_at IS NULL"
          "      OR music_albums.first_played_at > t.first_played_at)")
        ->bind(album, found->track.trackId)
        .run();
    found->track.albumId = album;
  }
  if (!found) {
    Found created;
    created.track.artistId = artistId(db, played.artist, artistNorm);
    if (!albumNorm.empty()) {
      created.track.albumId =
          albumId(db, created.track.artistId, played.album, artistNorm + '\x1f' + albumNorm);
    }
    db.prepare(
          "INSERT INTO music_tracks (name, artist_id, album_id, norm_key, song_key, duration_ms)"
          " VALUES (?, ?, ?, ?, ?, ?)")
        ->bind(played.name, created.track.artistId, created.track.albumId, key, song,
               played.durationMs)
        .run();
    created.track.trackId = db.lastInsertRowId();
    created.track.songKey = song;
    created.hasDuration = played.durationMs.has_value();
    found = created;
  }
  if (found->track.songKey.empty()) found->track.songKey = song;
  const int64_t id = found->track.trackId;
  if (played.uri) {
    db.prepare("INSERT INTO music_track_uris (uri, track_id) VALUES (?, ?) ON CONFLICT DO NOTHING")
        ->bind(*played.uri, id)
        .run();
    db.prepare("UPDATE music_tracks SET spotify_uri = ? WHERE id = ? AND spotify_uri IS NULL")
        ->bind(*played.uri, id)
        .run();
  }
  if (played.durationMs && !found->hasDuration) {
    db.prepare("UPDATE music_tracks SET duration_ms = ? WHERE id = ?")
        ->bind(*played.durationMs, id)
        .run();
  }
  return found->track;
}

}  // namespace encore
