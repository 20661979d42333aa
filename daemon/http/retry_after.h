// Retry-After: delay-seconds or an HTTP date (RFC 9110 10.2.3).
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace encore {

/// The longest pause a Retry-After may impose. Spotify has been seen to ask for most of
/// a day; anything beyond a week is treated as a week (and logged by the caller).
constexpr int64_t kMaxRetryAfterMs = 7LL * 24 * 3600 * 1000;

/// The wait in milliseconds from `nowMs`, clamped to [0, kMaxRetryAfterMs]; nullopt when
/// the value is neither a non-negative integer nor an HTTP date.
std::optional<int64_t> parseRetryAfter(std::string_view value, int64_t nowMs);

}  // namespace encore
