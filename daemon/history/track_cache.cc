#include "daemon/history/track_cache.h"

#include <atomic>

namespace encore {
namespace {

constexpr size_t kMaxEntries = 200'000;

/// Moves whenever cached entries may name rows that are gone: an import rolled back, or a
/// rollback on a connection a cache is used on. Process-wide, so that the rollback hook
/// never points at a cache that no longer exists.
std::atomic<uint64_t> catalogGeneration{0};

void onRollback(void *) {
  catalogGeneration.fetch_add(1);
}

}  // namespace

void TrackCache::invalidateAll() {
  catalogGeneration.fetch_add(1);
}

void TrackCache::keyOf(const PlayedTrack &p, std::string &key) {
  key.clear();
  key += p.artist;
  key += '\x1f';
  key += p.name;
  key += '\x1f';
  key += p.album;
  key += '\x1f';
  if (p.uri) key += *p.uri;
  key += '\x1f';
  if (p.durationMs) key += std::to_string(*p.durationMs);
}

void TrackCache::validate(Database &db) {
  if (hooked_ != db.handle()) {
    // A rolled-back page may have created rows the cache now names.
    sqlite3_rollback_hook(db.handle(), onRollback, nullptr);
    hooked_ = db.handle();
    entries_.clear();
  }
  auto q = db.prepare("PRAGMA data_version");
  q->step();
  const int64_t version = q->int64(0);
  const uint64_t generation = catalogGeneration.load();
  if (version != dataVersion_ || generation != generation_ || entries_.size() > kMaxEntries) {
    entries_.clear();
    dataVersion_ = version;
    generation_ = generation;
  }
}

TrackCache::Entry &TrackCache::resolve(Database &db, const PlayedTrack &played) {
  keyOf(played, key_);  // into reused space: no allocation for the plays of known tracks
  auto it = entries_.find(key_);
  if (it != entries_.end()) return it->second;
  CanonicalTrack track = resolveTrack(db, played);
  Entry &entry = entries_[key_];
  entry.track = std::move(track);
  return entry;
}

}  // namespace encore
