#include "daemon/stats/play_index.h"

#include <malloc.h>

#include <algorithm>
#include <cmath>

#include "daemon/store/store.h"

namespace encore {

size_t PlayData::lowerBound(int64_t utcSeconds) const {
  if (utcSeconds <= 0) return 0;
  if (utcSeconds > UINT32_MAX) return plays.size();
  auto it = std::lower_bound(plays.begin(), plays.end(), static_cast<uint32_t>(utcSeconds),
                             [](const IndexedPlay &p, uint32_t t) { return p.startedAt < t; });
  return static_cast<size_t>(it - plays.begin());
}

namespace {

/// Spotify popularity from follower counts, for artists that have followers but no
/// popularity: 100 followers or fewer -> 0, 100 million -> 100, logarithmic between.
uint8_t popularityFromFollowers(int64_t followers) {
  if (followers <= 100) return 0;
  double scaled = (std::log10(static_cast<double>(followers)) - 2.0) / 6.0 * 100.0;
  return static_cast<uint8_t>(std::clamp(std::lround(scaled), 0L, 100L));
}

bool playBefore(const IndexedPlay &a, const IndexedPlay &b) {
  if (a.startedAt != b.startedAt) return a.startedAt < b.startedAt;
  if (a.track != b.track) return a.track < b.track;
  return a.msPlayed < b.msPlayed;
}

}  // namespace

PlayIndex::Marks PlayIndex::readMarks(Database &db) const {
  auto q = db.prepare(
      "SELECT (SELECT coalesce(max(id), 0) FROM plays), (SELECT coalesce(max(id), 0) FROM "
      "music_tracks),"
      " plays_epoch, library_epoch FROM stats_epochs WHERE id = 1");
  Marks m;
  if (q->step()) {
    m.maxPlayId = q->int64(0);
    m.maxTrackId = q->int64(1);
    m.playsEpoch = q->int64(2);
    m.libraryEpoch = q->int64(3);
  }
  auto last = db.prepare("SELECT started_at, track_id FROM plays WHERE id = ?");
  last->bind(m.maxPlayId);
  if (last->step()) {
    m.lastStartedAt = last->int64(0);
    m.lastTrackId = last->int64(1);
  }
  return m;
}

uint32_t PlayIndex::denseArtist(PlayData &data, int64_t dbId) {
  auto [it, added] = artistDense_.try_emplace(dbId, static_cast<uint32_t>(data.artistDbId.size()));
  if (added) {
    data.artistDbId.push_back(dbId);
    data.artistFirstPlay.push_back(0);
  }
  return it->second;
}

uint32_t PlayIndex::denseAlbum(PlayData &data, int64_t dbId) {
  auto [it, added] = albumDense_.try_emplace(dbId, static_cast<uint32_t>(data.albumDbId.size()));
  if (added) data.albumDbId.push_back(dbId);
  return it->second;
}

void PlayIndex::loadEntities(Database &db, PlayData &data) {
  const int64_t after = data.trackDbId.empty() ? 0 : data.trackDbId.back();
  auto q = db.prepare(
      "SELECT id, artist_id, album_id, spotify_uri IS NOT NULL FROM music_tracks WHERE id > ?"
      " ORDER BY id");
  q->bind(after);
  while (q->step()) {
    const int64_t id = q->int64(0);
    trackDense_.emplace(id, static_cast<uint32_t>(data.trackDbId.size()));
    data.trackDbId.push_back(id);
    data.trackArtist.push_back(denseArtist(data, q->int64(1)));
    data.trackAlbum.push_back(q->isNull(2) ? PlayData::kNone : denseAlbum(data, q->int64(2)));
    data.trackFirstPlay.push_back(0);
    data.trackHasUri.push_back(q->int64(3) != 0 ? 1 : 0);
    data.trackPopularity.push_back(PlayData::kUnknownPopularity);
    data.trackPopularitySource.push_back(0);
  }
}

void PlayIndex::loadPlays(Database &db, int64_t afterId, PlayData &data,
                          std::vector<IndexedPlay> &out) const {
  auto q = db.prepare("SELECT started_at, ms_played, track_id FROM plays WHERE id > ?");
  q->bind(afterId);
  while (q->step()) {
    auto it = trackDense_.find(q->int64(2));
    const int64_t started = q->int64(0);
    if (it == trackDense_.end() || started < 0 || started > UINT32_MAX) continue;
    const uint32_t track = it->second;
    const auto start = static_cast<uint32_t>(started);
    out.push_back(
        {start, static_cast<uint32_t>(std::clamp<int64_t>(q->int64(1), 0, UINT32_MAX)), track});
    auto &tf = data.trackFirstPlay[track];
    if (tf == 0 || start < tf) tf = start;
    auto &af = data.artistFirstPlay[data.trackArtist[track]];
    if (af == 0 || start < af) af = start;
  }
  // A scan in rowid order and a sort here beat walking the time index, which would fetch
  // every row at random.
  std::sort(out.begin(), out.end(), playBefore);
}

void PlayIndex::loadPopularity(Database &db, PlayData &data) const {
  auto q = db.prepare(
      "SELECT mt.id, mt.spotify_uri IS NOT NULL, lt.popularity, la.popularity, la.followers"
      " FROM music_tracks mt"
      " LEFT JOIN tracks lt ON mt.spotify_uri IS NOT NULL AND lt.source = 'spotify'"
      "  AND lt.external_id = substr(mt.spotify_uri, 15)"
      " LEFT JOIN music_artists ma ON ma.id = mt.artist_id"
      " LEFT JOIN artists la ON ma.spotify_id IS NOT NULL AND la.source = 'spotify'"
      "  AND la.external_id = ma.spotify_id");
  while (q->step()) {
    auto it = trackDense_.find(q->int64(0));
    if (it == trackDense_.end()) continue;
    const uint32_t t = it->second;
    data.trackHasUri[t] = q->int64(1) != 0 ? 1 : 0;
    uint8_t value = PlayData::kUnknownPopularity;
    char source = 0;
    if (!q->isNull(2)) {
      value = static_cast<uint8_t>(std::clamp<int64_t>(q->int64(2), 0, 100));
      source = 't';
    } else if (!q->isNull(3)) {
      value = static_cast<uint8_t>(std::clamp<int64_t>(q->int64(3), 0, 100));
      source = 'a';
    } else if (!q->isNull(4)) {
      value = popularityFromFollowers(q->int64(4));
      source = 'f';
    }
    data.trackPopularity[t] = value;
    data.trackPopularitySource[t] = source;
  }
}

void PlayIndex::refresh() {
  std::lock_guard<std::mutex> refreshing(refreshMutex_);
  bool save = false;
  try {
    applyChanges(save);
  } catch (...) {
    // An append may have stopped half-way: forget the marks, so the next refresh rebuilds
    // from scratch instead of adding the same plays twice.
    marks_ = Marks{};
    throw;
  }
  if (save && !snapshotPath_.empty()) writeSnapshot();
}

void PlayIndex::applyChanges(bool &save) {
  store_.read([&](Database &db) {
    // One snapshot of the database for the marks and everything read after them.
    db.exec("BEGIN");
    Marks now = readMarks(db);
    if (!triedSnapshot_) {
      triedSnapshot_ = true;
      if (!snapshotPath_.empty() && loadSnapshot(db, now)) rowsSinceSave_ = 0;
    }
    const bool rebuild = now.playsEpoch != marks_.playsEpoch || now.maxPlayId < marks_.maxPlayId ||
                         now.maxTrackId < marks_.maxTrackId;
    const bool more = now.maxPlayId > marks_.maxPlayId || now.maxTrackId > marks_.maxTrackId;
    const bool library = now.libraryEpoch != marks_.libraryEpoch;
    if (!rebuild && !more && !library) {
      db.exec("COMMIT");
      return;
    }
    if (rebuild) {
      PlayData fresh;
      trackDense_.clear();
      artistDense_.clear();
      albumDense_.clear();
      loadEntities(db, fresh);
      fresh.plays.reserve(static_cast<size_t>(std::max<int64_t>(0, now.maxPlayId)));
      loadPlays(db, 0, fresh, fresh.plays);
      fresh.plays.shrink_to_fit();
      loadPopularity(db, fresh);
      db.exec("COMMIT");
      // The scan filled this connection's page cache with plays nobody reads again.
      db.exec("PRAGMA shrink_memory");
      std::unique_lock<std::shared_mutex> lock(mutex_);
      data_ = std::move(fresh);
      marks_ = now;
      ++version_;
      save = true;
      lock.unlock();
      // The old index and the load's scratch memory go back to the system.
      malloc_trim(0);
      return;
    }
    // Appends and library changes are applied in place under the exclusive lock.
    std::unique_lock<std::shared_mutex> lock(mutex_);
    loadEntities(db, data_);
    std::vector<IndexedPlay> added;
    loadPlays(db, marks_.maxPlayId, data_, added);
    rowsSinceSave_ += static_cast<int64_t>(added.size());
    if (!added.empty()) {
      const size_t middle = data_.plays.size();
      data_.plays.insert(data_.plays.end(), added.begin(), added.end());
      // Plays are mostly appended at the end, but an import brings older ones: merge.
      if (middle > 0 && playBefore(added.front(), data_.plays[middle - 1])) {
        std::inplace_merge(data_.plays.begin(), data_.plays.begin() + static_cast<long>(middle),
                           data_.plays.end(), playBefore);
      }
    }
    if (library || more) loadPopularity(db, data_);
    db.exec("COMMIT");
    // The popularity join walks the library tables; keep the pages out of this
    // connection's cache, nobody reads them again soon.
    if (library || more) db.exec("PRAGMA shrink_memory");
    marks_ = now;
    ++version_;
    save = rowsSinceSave_ >= kSaveAfterRows;
  });
}

uint64_t PlayIndex::version() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  return version_;
}

size_t PlayIndex::memoryBytes() const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto &d = data_;
  size_t bytes = d.plays.capacity() * sizeof(IndexedPlay);
  bytes += d.trackDbId.capacity() * 8 + d.trackArtist.capacity() * 4 + d.trackAlbum.capacity() * 4 +
           d.trackFirstPlay.capacity() * 4 + d.trackHasUri.capacity() +
           d.trackPopularity.capacity() + d.trackPopularitySource.capacity();
  bytes +=
      d.artistDbId.capacity() * 8 + d.artistFirstPlay.capacity() * 4 + d.albumDbId.capacity() * 8;
  // The refresher's id maps (one entry per track, artist and album): a node of about 32
  // bytes plus its bucket. Counted from the vectors, which the maps mirror.
  bytes += (d.trackDbId.size() + d.artistDbId.size() + d.albumDbId.size()) * 40;
  return bytes;
}

}  // namespace encore
