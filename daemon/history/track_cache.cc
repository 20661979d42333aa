#include "history/track_cache.h"

#include <atomic>

namespace encore {
namespace {

constexpr size_t kMaxEntries = 200'000;
std::atomic<uint64_t> catalogGeneration{0};

}  // namespace

void TrackCache::invalidateAll() {
  catalogGeneration.fetch_add(1);
}

std::string TrackCache::keyOf(const PlayedTrack &p) {
  std::string key;
  key.reserve(p.artist.size() + p.name.size() + p.album.size() + 40);
  key += p.artist;
  key += '\x1f';
  key += p.name;
  key += '\x1f';
  key += p.album;
  key += '\x1f';
  if (p.uri) key += *p.uri;
  key += '\x1f';
  if (p.durationMs) key += std::to_string(*p.durationMs);
  return key;
}

void TrackCache::validate(Database &db) {
  if (hooked_ != db.handle()) {
    // A rolled-back page may have created rows the cache now names.
    sqlite3_rollback_hook(
        db.handle(), [](void *self) { static_cast<TrackCache *>(self)->rolledBack_ = true; }, this);
    hooked_ = db.handle();
    entries_.clear();
  }
  auto q = db.prepare("PRAGMA data_version");
  q->step();
  const int64_t version = q->int64(0);
  const uint64_t generation = catalogGeneration.load();
  if (version != dataVersion_ || generation != generation_ || rolledBack_ ||
      entries_.size() > kMaxEntries) {
    entries_.clear();
    dataVersion_ = version;
    generation_ = generation;
    rolledBack_ = false;
  }
}

TrackCache::Entry *TrackCache::find(const std::string &key) {
  auto it = entries_.find(key);
  return it == entries_.end() ? nullptr : &it->second;
}

TrackCache::Entry &TrackCache::put(const std::string &key, const CanonicalTrack &track) {
  Entry &e = entries_[key];
  e.track = track;
  e.firstPlayedAt = INT64_MAX;
  return e;
}

}  // namespace encore
