#include "daemon/http/retry_after.h"

#include <algorithm>
#include <cctype>

#include "daemon/core/time_format.h"

namespace encore {

std::optional<int64_t> parseRetryAfter(std::string_view value, int64_t nowMs) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return kMaxRetryAfterMs;  // absurdly long: clamp, don't overflow
    int64_t seconds = 0;
    for (char c : value) seconds = seconds * 10 + (c - '0');
    return std::min(seconds * 1000, kMaxRetryAfterMs);
  }
  auto date = parseHttpDate(value);
  if (!date) return std::nullopt;
  return std::clamp<int64_t>(*date - nowMs, 0, kMaxRetryAfterMs);
}

}  // namespace encore
