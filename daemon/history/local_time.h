// The local time stored with every play (plays.local_at) and the zone it is computed in
// (history_meta.time_zone). Statistics count days and hours where the user lives; when the
// zone setting changes, every play and both rollups are recomputed in one transaction.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "core/time_zone.h"
#include "history/track_cache.h"
#include "store/database.h"

namespace encore {

class HistoryTime {
 public:
  /// The zone plays are stored in now: history_meta.time_zone, read inside the caller's
  /// transaction (another process may have relocalized). UTC when it names no zone.
  std::shared_ptr<const TimeZone> storedZone(Database &db);

  /// Whether the stored zone differs from `zoneName` or some plays lack local_at.
  static bool needsRelocalize(Database &db, const std::string &zoneName);

  /// Recomputes local_at of every play in `zone` and rebuilds play_hours and
  /// track_months. Call inside one write transaction.
  static void relocalize(Database &db, const TimeZone &zone);

  /// The play writer's cache of resolved tracks (used on the writer connection only).
  TrackCache &trackCache() { return trackCache_; }

 private:
  TrackCache trackCache_;
  std::mutex mutex_;
  std::string cachedName_;
  std::shared_ptr<const TimeZone> cached_;
};

}  // namespace encore

namespace encore {

class Store;

/// Brings the stored plays to the zone named by the server.timezone setting (at start-up
/// and when the setting changes). An unknown zone name changes nothing and returns false.
bool applyTimeZoneSetting(Store &store, const std::string &zoneName);

}  // namespace encore
