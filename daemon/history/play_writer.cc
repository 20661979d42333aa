#include "history/play_writer.h"

#include <regex>

#include "history/identity.h"

namespace encore {
namespace {

// Plays before 2000 or more than a day ahead are clock errors, not listening.
constexpr int64_t kEarliestPlay = 946684800;  // 2000-01-01T00:00:00Z
constexpr int64_t kMaxMsPlayed = 24LL * 3600 * 1000;

int64_t artistId(Database &db, const std::string &name) {
  auto norm = normalizeName(name);
  db.prepare("INSERT INTO music_artists(name, norm_name) VALUES (?, ?) ON CONFLICT DO NOTHING")
      ->bind(name, norm)
      .run();
  auto q = db.prepare("SELECT id FROM music_artists WHERE norm_name = ?");
  q->bind(norm);
  q->step();
  return q->int64(0);
}

int64_t albumId(Database &db, int64_t artist, const std::string &artistName,
                const std::string &name) {
  auto key = albumKey(artistName, name);
  db.prepare(
        "INSERT INTO music_albums(name, artist_id, norm_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")
      ->bind(name, artist, key)
      .run();
  auto q = db.prepare("SELECT id FROM music_albums WHERE norm_key = ?");
  q->bind(key);
  q->step();
  return q->int64(0);
}

struct TrackRow {
  int64_t id;
  int64_t artistId;
  std::optional<int64_t> albumId;
};

/// The canonical track: by Spotify URI when known, else by name key. A track first seen
/// without a URI gains it when a source that knows it reports the same name key.
TrackRow trackRow(Database &db, const RecordReader &t, const std::string &artistName,
                  int64_t artist, std::optional<int64_t> album) {
  auto name = t.requiredString("name");
  auto uri = t.optString("spotify_uri", 64);
  auto duration = t.optInt("duration_ms", 0, kMaxMsPlayed);
  auto key = trackKey(artistName, name);
  if (uri) {
    auto q = db.prepare("SELECT id, artist_id, album_id FROM music_tracks WHERE spotify_uri = ?");
    q->bind(*uri);
    if (q->step()) return {q->int64(0), q->int64(1), q->optInt64(2)};
  }
  {
    auto q = db.prepare("SELECT id, artist_id, album_id, spotify_uri FROM music_tracks WHERE norm_key = ?");
    q->bind(key);
    if (q->step()) {
      TrackRow row{q->int64(0), q->int64(1), q->optInt64(2)};
      bool needsUri = uri && q->isNull(3);
      q->run();
      if (needsUri) {
        db.prepare("UPDATE music_tracks SET spotify_uri = ? WHERE id = ?")->bind(*uri, row.id).run();
      }
      if (!row.albumId && album) {
        db.prepare("UPDATE music_tracks SET album_id = ? WHERE id = ?")->bind(*album, row.id).run();
        row.albumId = album;
      }
      return row;
    }
  }
  db.prepare(
        "INSERT INTO music_tracks(name, artist_id, album_id, norm_key, spotify_uri, duration_ms)"
        " VALUES (?,?,?,?,?,?)")
      ->bind(name, artist, album, key, uri, duration)
      .run();
  return {db.lastInsertRowId(), artist, album};
}

void storePlay(WriteContext &ctx, const RecordReader &r) {
  static const std::regex sourcePattern("[a-z0-9][a-z0-9_-]{0,63}");
  static const std::regex uriPattern("spotify:track:[A-Za-z0-9]{22}");
  const int64_t latest = ctx.nowMs / 1000 + 86400;
  int64_t startedAt = r.requiredInt("started_at", kEarliestPlay, latest);
  int64_t msPlayed = r.requiredInt("ms_played", 0, kMaxMsPlayed);
  std::string source = r.optString("source", 64).value_or(ctx.source);
  if (!std::regex_match(source, sourcePattern)) r.fail("source", "expected [a-z0-9_-]{1,64}");
  auto track = r.requiredObject("track");
  auto artistName = track.requiredString("artist");
  if (auto uri = track.optString("spotify_uri", 64); uri && !std::regex_match(*uri, uriPattern)) {
    track.fail("spotify_uri", "expected spotify:track:<22 base-62 characters>");
  }
  int64_t artist = artistId(ctx.db, artistName);
  std::optional<int64_t> album;
  if (auto albumName = track.optString("album", kMaxNameLength); albumName && !albumName->empty()) {
    album = albumId(ctx.db, artist, artistName, *albumName);
  }
  TrackRow row = trackRow(ctx.db, track, artistName, artist, album);

  auto dup = ctx.db.prepare(
      "SELECT 1 FROM plays WHERE track_id = ? AND started_at BETWEEN ? AND ? LIMIT 1");
  dup->bind(row.id, startedAt - kSamePlayWindowSeconds, startedAt + kSamePlayWindowSeconds);
  if (dup->step()) return;  // already known from this or another source

  ctx.db
      .prepare(
          "INSERT INTO plays(started_at, ms_played, track_id, artist_id, album_id, source)"
          " VALUES (?,?,?,?,?,?)")
      ->bind(startedAt, msPlayed, row.id, row.artistId, row.albumId, source)
      .run();
  ctx.db
      .prepare("UPDATE music_tracks SET first_played_at = min(coalesce(first_played_at, ?1), ?1)"
               " WHERE id = ?2")
      ->bind(startedAt, row.id)
      .run();
  ctx.db
      .prepare("UPDATE music_artists SET first_played_at = min(coalesce(first_played_at, ?1), ?1)"
               " WHERE id = ?2")
      ->bind(startedAt, row.artistId)
      .run();
}

}  // namespace

void addPlayHandler(RecordHandlers &handlers) { handlers.add("play", storePlay); }

}  // namespace encore
