#include "daemon/history/play_page_writer.h"

#include <algorithm>
#include <map>

#include "daemon/history/nearby_plays.h"

namespace encore {
namespace {

struct FreshPlay {
  const PlayInput *input;
  TrackCache::Entry *track;
  int64_t trackId;  // track->track.trackId, at hand for sorting
  int64_t msPlayed;
};

/// Whether import `importId` can still be rolled back, asked once per page and import.
class OpenImports {
 public:
  bool isOpen(Database &db, int64_t importId) {
    auto [it, added] = known_.try_emplace(importId, false);
    if (added) {
      auto q = db.prepare("SELECT state FROM imports WHERE id = ?");
      q->bind(importId);
      it->second = q->step() && q->text(0) != "done";
    }
    return it->second;
  }

 private:
  std::map<int64_t, bool> known_;
};

/// Another source saw a play already stored: keep one row, and make it the best of both.
void mergeInto(Database &db, NearbyPlays::Play &stored, int64_t msPlayed, int64_t importId,
               OpenImports &imports) {
  // A play another source saw too must survive if the import that stored it fails.
  if (stored.importId && *stored.importId != importId && imports.isOpen(db, *stored.importId)) {
    db.prepare("UPDATE plays SET import_id = NULL WHERE id = ?")->bind(stored.id).run();
    stored.importId.reset();
  }
  // Last.fm reports no duration (0): a source that measured it fills it in.
  if (stored.msPlayed == 0 && msPlayed > 0) {
    db.prepare("UPDATE plays SET ms_played = ? WHERE id = ?")->bind(msPlayed, stored.id).run();
    stored.msPlayed = msPlayed;
  }
}

constexpr size_t kRowsPerInsert = 100;
constexpr size_t kColumnsPerRow = 7;

std::string insertSql(size_t rows) {
  std::string sql =
      "INSERT INTO plays (started_at, ms_played, track_id, artist_id, album_id, source, import_id)"
      " VALUES ";
  for (size_t r = 0; r < rows; ++r) sql += r == 0 ? "(?,?,?,?,?,?,?)" : ",(?,?,?,?,?,?,?)";
  return sql;
}

void insertPlays(WriteContext &ctx, std::vector<FreshPlay> &fresh) {
  // In (track, start) order the inserts into plays_by_track touch each part of the index
  // once per page instead of at random: half the cost of a large import.
  std::sort(fresh.begin(), fresh.end(), [](const FreshPlay &a, const FreshPlay &b) {
    if (a.trackId != b.trackId) return a.trackId < b.trackId;
    return a.input->startedAt < b.input->startedAt;
  });
  // Many rows per statement: one execution opens the cursors on plays, its indexes and
  // the three tables its foreign keys check once for all of them.
  const int64_t importId = ctx.importId;
  auto bindRow = [&](Statement &st, int first, const FreshPlay &p) {
    const CanonicalTrack &t = p.track->track;
    st.bindAt(first, p.input->startedAt);
    st.bindAt(first + 1, p.msPlayed);
    st.bindAt(first + 2, t.trackId);
    st.bindAt(first + 3, t.artistId);
    st.bindAt(first + 4, t.albumId);
    st.bindAt(first + 5, p.input->source);
    if (importId > 0) st.bindAt(first + 6, importId);
  };
  size_t next = 0;
  if (fresh.size() >= kRowsPerInsert) {
    auto insert = ctx.db.prepare(insertSql(kRowsPerInsert));
    for (; next + kRowsPerInsert <= fresh.size(); next += kRowsPerInsert) {
      insert->reset();
      for (size_t r = 0; r < kRowsPerInsert; ++r) {
        bindRow(*insert, static_cast<int>(r * kColumnsPerRow + 1), fresh[next + r]);
      }
      insert->run();
    }
  }
  auto insert = ctx.db.prepare(insertSql(1));
  for (; next < fresh.size(); ++next) {
    insert->reset();
    bindRow(*insert, 1, fresh[next]);
    insert->run();
  }
}

void moveFirstPlay(Database &db, const char *sql, int64_t id, int64_t startedAt) {
  db.prepare(sql)->bind(startedAt, id).run();
}

/// First plays: "discoveries" read these without scanning the history. `fresh` is in
/// (track, start) order. A play after one this cache already recorded for its track cannot
/// move the track's, its artist's or its album's.
void moveFirstPlays(Database &db, const std::vector<FreshPlay> &fresh) {
  std::map<int64_t, int64_t> artists, albums;
  for (size_t i = 0; i < fresh.size(); ++i) {
    if (i > 0 && fresh[i].track == fresh[i - 1].track) continue;  // not its earliest
    TrackCache::Entry &entry = *fresh[i].track;
    const int64_t startedAt = fresh[i].input->startedAt;
    if (startedAt >= entry.firstPlayedAt) continue;
    entry.firstPlayedAt = startedAt;
    moveFirstPlay(db,
                  "UPDATE music_tracks SET first_played_at = ?1 WHERE id = ?2"
                  " AND (first_played_at IS NULL OR first_played_at > ?1)",
                  entry.track.trackId, startedAt);
    auto earliest = [&](std::map<int64_t, int64_t> &m, int64_t id) {
      auto [it, added] = m.try_emplace(id, startedAt);
      if (!added) it->second = std::min(it->second, startedAt);
    };
    earliest(artists, entry.track.artistId);
    if (entry.track.albumId) earliest(albums, *entry.track.albumId);
  }
  for (const auto &[id, startedAt] : artists) {
    moveFirstPlay(db,
                  "UPDATE music_artists SET first_played_at = ?1 WHERE id = ?2"
                  " AND (first_played_at IS NULL OR first_played_at > ?1)",
                  id, startedAt);
  }
  for (const auto &[id, startedAt] : albums) {
    moveFirstPlay(db,
                  "UPDATE music_albums SET first_played_at = ?1 WHERE id = ?2"
                  " AND (first_played_at IS NULL OR first_played_at > ?1)",
                  id, startedAt);
  }
}

}  // namespace

void storePlays(WriteContext &ctx, const std::vector<PlayInput> &plays, TrackCache &cache) {
  if (plays.empty()) return;
  Database &db = ctx.db;
  cache.validate(db);
  // Record order: a play may teach a track its album or a URI that the next one relies on.
  std::vector<TrackCache::Entry *> tracks;
  tracks.reserve(plays.size());
  std::vector<int64_t> starts;
  starts.reserve(plays.size());
  for (const PlayInput &play : plays) {
    tracks.push_back(&cache.resolve(db, play.track));
    starts.push_back(play.startedAt);
  }

  NearbyPlays nearby;
  nearby.load(db, starts);
  OpenImports imports;
  std::vector<FreshPlay> fresh;
  fresh.reserve(plays.size());
  for (size_t i = 0; i < plays.size(); ++i) {
    const PlayInput &play = plays[i];
    const uint32_t song = nearby.songId(tracks[i]->track.songKey);
    if (NearbyPlays::Play *same = nearby.find(song, play.startedAt)) {
      if (same->fresh == NearbyPlays::kNotStored) {
        mergeInto(db, *same, play.msPlayed, ctx.importId, imports);
      } else if (same->msPlayed == 0 && play.msPlayed > 0) {
        same->msPlayed = play.msPlayed;  // the same listening twice in this page
        fresh[same->fresh].msPlayed = play.msPlayed;
      }
      continue;
    }
    nearby.add(song, play.startedAt, {0, play.msPlayed, std::nullopt, fresh.size()});
    fresh.push_back({&play, tracks[i], tracks[i]->track.trackId, play.msPlayed});
  }
  insertPlays(ctx, fresh);
  moveFirstPlays(db, fresh);
}

}  // namespace encore
