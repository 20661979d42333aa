// One page of user.getRecentTracks through the host, with Last.fm's errors sorted out:
// short error-29 bursts and transient errors (2, 8, 11, 16) are absorbed by retries; a
// lasting rate limit pauses Last.fm on the host; errors 17, 6, 4/10/26 and 9 stop the run
// with a reason the user can act on (shown in /api/workers).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "lastfm_api.h"
#include "recent_page.h"

namespace lastfm {

struct SyncContext {
  const encore::Host &host;
  const LastfmApi &api;
  std::string user;
  std::string sessionKey;  // "" without authorization
  int64_t backoffMs = 2000;
};

/// Page `page` of [from, to) (no `from` when nullopt), `limit` scrobbles a page. ENCORE_OK,
/// or ENCORE_E_CANCELLED; any other end of the run throws encore::Error with its reason
/// (ENCORE_E_RATE_LIMITED after pausing the host).
int32_t fetchRecentPage(const SyncContext &ctx, encore_run *run, std::optional<int64_t> from,
                        int64_t to, int64_t page, int64_t limit, RecentPage &out);

}  // namespace lastfm
