// A request budget over a rolling window: at most N requests in any window of W ms.
// Spotify counts an app's calls over a rolling 30 s window, so this is the shape that keeps
// a large sync from ever provoking a 429.
#pragma once

#include <cstdint>
#include <deque>

namespace encore {

class RateBudget {
 public:
  RateBudget(uint32_t maxRequests, int64_t windowMs) : max_(maxRequests), window_(windowMs) {}

  /// The earliest time >= nowMs at which one more request fits.
  int64_t nextAllowedAt(int64_t nowMs);
  /// Records a request sent at `nowMs`.
  void record(int64_t nowMs);

  uint32_t maxRequests() const { return max_; }
  int64_t windowMs() const { return window_; }

 private:
  void expire(int64_t nowMs);

  uint32_t max_;
  int64_t window_;
  std::deque<int64_t> sent_;
};

}  // namespace encore
