// One walk of a window of scrobbles [from, to) through the host (window_walk.h): each
// stretch of scrobbles is stored in one transaction with the walk's position, kept in the
// plugin's kv under the window's prefix, so an interrupted walk (kill -9 included)
// resumes where it stopped. The backfill is the window [0, T0); each incremental pass
// the window [cursor - lookback, now).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "recent_fetch.h"

namespace lastfm {

struct Window {
  std::string prefix;           // kv key prefix: "backfill" or "sync"
  std::optional<int64_t> from;  // inclusive
  int64_t to = 0;               // exclusive
  /// Checkpoint entries written with the last stretch (the window is done); nullopt
  /// deletes the key.
  std::vector<std::pair<std::string, std::optional<std::string>>> onDone;
};

/// The kv keys a walk keeps under `prefix` (its position, and that of the walk by page
/// number before it), for moving a window's state as a whole.
std::vector<std::string> walkStateKeys(const std::string &prefix);

/// Runs the window to its end. ENCORE_OK when done; ENCORE_E_CANCELLED, or encore::Error
/// with the reason, when it stopped: the next run resumes from the checkpoint.
int32_t runWindow(const SyncContext &ctx, encore_run *run, const Window &window);

}  // namespace lastfm
