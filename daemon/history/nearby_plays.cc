#include "daemon/history/nearby_plays.h"

#include <algorithm>
#include <cstdlib>

#include "daemon/history/play_input.h"

namespace encore {
namespace {

/// Starts further apart than this are looked up by separate range queries: a page of plays
/// spread over years must not read every play in between.
constexpr int64_t kSeparateRangesAfterSeconds = 3600;

}  // namespace

uint32_t NearbyPlays::songId(const std::string &songKey) {
  return songs_.try_emplace(songKey, static_cast<uint32_t>(songs_.size())).first->second;
}

void NearbyPlays::load(Database &db, std::vector<int64_t> &starts) {
  std::sort(starts.begin(), starts.end());
  auto q = db.prepare(
      "SELECT p.id, p.started_at, p.ms_played, p.import_id, t.song_key FROM plays p"
      " JOIN music_tracks t ON t.id = p.track_id WHERE p.started_at BETWEEN ? AND ?");
  for (size_t first = 0; first < starts.size();) {
    size_t last = first;
    while (last + 1 < starts.size() &&
           starts[last + 1] - starts[last] <= kSeparateRangesAfterSeconds) {
      ++last;
    }
    q->reset();
    q->bind(starts[first] - kSamePlayWindowSeconds, starts[last] + kSamePlayWindowSeconds);
    while (q->step()) {
      if (q->isNull(4)) continue;  // no song key: nothing lines up with it
      Play play{q->int64(0), q->int64(2), q->optInt64(3), kNotStored};
      plays_.emplace(std::make_pair(songId(q->text(4)), q->int64(1)), play);
    }
    first = last + 1;
  }
}

NearbyPlays::Play *NearbyPlays::find(uint32_t song, int64_t startedAt) {
  Play *best = nullptr;
  int64_t bestDistance = INT64_MAX;
  for (auto it = plays_.lower_bound({song, startedAt - kSamePlayWindowSeconds});
       it != plays_.end() && it->first.first == song &&
       it->first.second <= startedAt + kSamePlayWindowSeconds;
       ++it) {
    const int64_t distance = std::llabs(it->first.second - startedAt);
    if (distance < bestDistance) {
      best = &it->second;
      bestDistance = distance;
    }
  }
  return best;
}

void NearbyPlays::add(uint32_t song, int64_t startedAt, const Play &play) {
  plays_.emplace(std::make_pair(song, startedAt), play);
}

}  // namespace encore
