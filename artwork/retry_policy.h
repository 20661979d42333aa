// When a failed image is tried again. A bad image (404, HTML, a decompression bomb) is
// not fetched again for a week unless its URL changes; a transient failure (network, 5xx,
// a full disk) backs off from a minute to six hours.
#pragma once

#include <algorithm>
#include <cstdint>

namespace encore {

constexpr int64_t kPermanentRetryMs = 7 * 24 * 3600'000LL;
constexpr int64_t kFirstTransientRetryMs = 60'000;
constexpr int64_t kMaxTransientRetryMs = 6 * 3600'000LL;

/// `attempts`: failures in a row before this one.
inline int64_t retryAtAfterFailure(int64_t nowMs, bool permanent, int64_t attempts) {
  if (permanent) return nowMs + kPermanentRetryMs;
  const int64_t shift = std::clamp<int64_t>(attempts, 0, 20);
  return nowMs + std::min(kFirstTransientRetryMs << shift, kMaxTransientRetryMs);
}

}  // namespace encore
