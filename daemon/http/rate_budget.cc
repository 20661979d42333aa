#include "daemon/http/rate_budget.h"

#include <algorithm>

namespace encore {

void RateBudget::expire(int64_t nowMs) {
  while (!sent_.empty() && sent_.front() <= nowMs - window_) sent_.pop_front();
}

int64_t RateBudget::nextAllowedAt(int64_t nowMs) {
  if (max_ == 0) return nowMs;
  expire(nowMs);
  if (sent_.size() < max_) return nowMs;
  // The request that leaves the window first makes room.
  return std::max(nowMs, sent_[sent_.size() - max_] + window_);
}

void RateBudget::record(int64_t nowMs) {
  if (max_ == 0) return;
  sent_.push_back(nowMs);
  expire(nowMs);
}

}  // namespace encore
