#include "web/routes/status_snapshot.h"

namespace encore {

std::shared_ptr<const std::string> StatusSnapshot::get(int64_t nowMs,
                                                       const std::function<std::string()> &make) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Read before making: a change during make() leaves the counters ahead of what was
  // stored, so the next call makes the body again rather than keep a stale one.
  auto versions = versions_();
  const bool fresh = nowMs >= madeAtMs_ && nowMs - madeAtMs_ < maxAgeMs_;
  if (body_ && fresh && versions == madeFrom_) return body_;
  body_ = std::make_shared<const std::string>(make());
  madeFrom_ = std::move(versions);
  madeAtMs_ = nowMs;
  return body_;
}

}  // namespace encore
