// One pass over a fixed time window of scrobbles [from, to), oldest page first, each page
// stored in one transaction with its checkpoint. With `to` fixed the pages cannot shift
// while new scrobbles arrive, so an interrupted pass resumes at the page it reached. The
// backfill is the window [0, T0); each incremental pass the window [cursor, now).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lastfm_api.h"
#include "recent_page.h"

namespace lastfm {

struct SyncContext {
  const HostApi &host;
  const LastfmApi &api;
  std::string user;
  std::string sessionKey;  // "" without authorization
  int64_t backoffMs = 2000;
};

struct Window {
  std::string prefix;           // kv key prefix: "backfill" or "sync"
  std::optional<int64_t> from;  // inclusive
  int64_t to = 0;               // exclusive
  /// Checkpoint entries written with the last page (the window is done).
  nlohmann::json onDone = nlohmann::json::object();
};

/// Runs the window to its end. ENCORE_OK when done; another code (the reason set on the
/// run) when it stopped: the next run resumes from the checkpoint.
int32_t runWindow(const SyncContext &ctx, encore_run *run, const Window &window);

/// Fetches one page, absorbing short error-29 bursts and transient errors; on a lasting
/// rate limit pauses the host and returns ENCORE_E_RATE_LIMITED.
int32_t fetchRecentPage(const SyncContext &ctx, encore_run *run, const Window &window, int64_t page,
                        RecentPage &out);

}  // namespace lastfm
