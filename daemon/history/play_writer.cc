#include "history/play_writer.h"

#include "history/music_catalog.h"
#include "history/track_cache.h"

namespace encore {
namespace {

constexpr int64_t kMaxMsPlayed = 24LL * 3600 * 1000;

bool validSource(const std::string &s) {
  if (s.empty() || s.size() > 64) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (i > 0 && (c == '_' || c == '-'));
    if (!ok) return false;
  }
  return true;
}

bool validTrackUri(const std::string &uri) {
  static constexpr std::string_view kPrefix = "spotify:track:";
  if (uri.size() != kPrefix.size() + 22 || uri.compare(0, kPrefix.size(), kPrefix) != 0) {
    return false;
  }
  for (size_t i = kPrefix.size(); i < uri.size(); ++i) {
    char c = uri[i];
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
  }
  return true;
}

PlayedTrack readTrack(const RecordReader &track) {
  PlayedTrack t;
  t.name = track.requiredString("name");
  t.artist = track.requiredString("artist");
  t.album = track.optString("album", kMaxNameLength).value_or("");
  t.uri = track.optString("spotify_uri", 64);
  if (t.uri && !validTrackUri(*t.uri)) {
    track.fail("spotify_uri", "expected spotify:track:<22 base-62 characters>");
  }
  t.durationMs = track.optInt("duration_ms", 0, kMaxMsPlayed);
  return t;
}

struct Duplicate {
  int64_t playId = 0;
  int64_t msPlayed = 0;
  std::optional<int64_t> importId;
};

/// The stored play of the same song starting within the window, if any.
std::optional<Duplicate> findSamePlay(Database &db, const std::string &song, int64_t startedAt) {
  auto q = db.prepare(
      "SELECT p.id, p.ms_played, p.import_id FROM plays p JOIN music_tracks t ON t.id = p.track_id"
      " WHERE p.started_at BETWEEN ?1 AND ?2 AND t.song_key = ?3"
      " ORDER BY abs(p.started_at - ?4) LIMIT 1");
  q->bind(startedAt - kSamePlayWindowSeconds, startedAt + kSamePlayWindowSeconds, song, startedAt);
  if (!q->step()) return std::nullopt;
  return Duplicate{q->int64(0), q->int64(1), q->optInt64(2)};
}

bool importStillOpen(Database &db, int64_t importId) {
  auto q = db.prepare("SELECT state FROM imports WHERE id = ?");
  q->bind(importId);
  if (!q->step()) return false;
  auto state = q->text(0);
  return state != "done";
}

/// Another source saw a play already stored: keep one row, and make it the best of both.
void mergeInto(Database &db, const Duplicate &dup, int64_t msPlayed, int64_t importId) {
  // A play another source saw too must survive if the import that stored it fails.
  if (dup.importId && *dup.importId != importId && importStillOpen(db, *dup.importId)) {
    db.prepare("UPDATE plays SET import_id = NULL WHERE id = ?")->bind(dup.playId).run();
  }
  // Last.fm reports no duration (0): a source that measured it fills it in.
  if (dup.msPlayed == 0 && msPlayed > 0) {
    db.prepare("UPDATE plays SET ms_played = ? WHERE id = ?")->bind(msPlayed, dup.playId).run();
  }
}

void storePlay(WriteContext &ctx, const RecordReader &r, HistoryTime &time) {
  const int64_t latest = ctx.nowMs / 1000 + kLatestPlayAheadSeconds;
  int64_t startedAt = r.requiredInt("started_at", kEarliestPlay, latest);
  int64_t msPlayed = r.requiredInt("ms_played", 0, kMaxMsPlayed);
  std::string source = r.optString("source", 64).value_or(ctx.source);
  if (!validSource(source)) r.fail("source", "expected [a-z0-9][a-z0-9_-]{0,63}");
  PlayedTrack played = readTrack(r.requiredObject("track"));

  TrackCache &cache = time.trackCache();
  cache.validate(ctx.db);
  const std::string cacheKey = TrackCache::keyOf(played);
  TrackCache::Entry *cached = cache.find(cacheKey);
  if (cached == nullptr) cached = &cache.put(cacheKey, resolveTrack(ctx.db, played));
  const CanonicalTrack track = cached->track;
  if (auto dup = findSamePlay(ctx.db, track.songKey, startedAt)) {
    mergeInto(ctx.db, *dup, msPlayed, ctx.importId);
    return;
  }
  const int64_t localAt = time.storedZone(ctx.db)->toLocal(startedAt);
  ctx.db
      .prepare(
          "INSERT INTO plays (started_at, ms_played, track_id, artist_id, album_id, source,"
          " local_at, import_id) VALUES (?,?,?,?,?,?,?,?)")
      ->bind(startedAt, msPlayed, track.trackId, track.artistId, track.albumId, source, localAt,
             ctx.importId > 0 ? std::optional<int64_t>(ctx.importId) : std::nullopt)
      .run();
  // First plays: "discoveries" read these without scanning the history. A play after one
  // this writer already recorded for the track cannot move them.
  if (startedAt >= cached->firstPlayedAt) return;
  cached->firstPlayedAt = startedAt;
  ctx.db
      .prepare(
          "UPDATE music_tracks SET first_played_at = ?1 WHERE id = ?2"
          " AND (first_played_at IS NULL OR first_played_at > ?1)")
      ->bind(startedAt, track.trackId)
      .run();
  ctx.db
      .prepare(
          "UPDATE music_artists SET first_played_at = ?1 WHERE id = ?2"
          " AND (first_played_at IS NULL OR first_played_at > ?1)")
      ->bind(startedAt, track.artistId)
      .run();
  if (track.albumId) {
    ctx.db
        .prepare(
            "UPDATE music_albums SET first_played_at = ?1 WHERE id = ?2"
            " AND (first_played_at IS NULL OR first_played_at > ?1)")
        ->bind(startedAt, *track.albumId)
        .run();
  }
}

}  // namespace

void addPlayHandler(RecordHandlers &handlers, HistoryTime &time) {
  handlers.add("play",
               [&time](WriteContext &ctx, const RecordReader &r) { storePlay(ctx, r, time); });
}

}  // namespace encore
