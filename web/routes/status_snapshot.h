// A response body reused while what it was made from is unchanged. /api/workers is asked
// for every few seconds by each open /workers page, and by scripts in loops; building it
// walks every job, its settings, holds and hosts. The body is made again as soon as any
// of those report a change, and at the latest after maxAgeMs, because a few of its fields
// move with the clock alone (a breaker going half-open, a pause running out).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace encore {

class StatusSnapshot {
 public:
  /// `versions()` returns the generation counters of everything the body is made from.
  StatusSnapshot(std::function<std::vector<uint64_t>()> versions, int64_t maxAgeMs)
      : versions_(std::move(versions)), maxAgeMs_(maxAgeMs) {}

  /// The body for `nowMs`: the one made before while still current, else `make()`'s.
  std::shared_ptr<const std::string> get(int64_t nowMs, const std::function<std::string()> &make);

 private:
  std::function<std::vector<uint64_t>()> versions_;
  int64_t maxAgeMs_;
  std::mutex mutex_;
  std::shared_ptr<const std::string> body_;
  std::vector<uint64_t> madeFrom_;
  int64_t madeAtMs_ = 0;
};

}  // namespace encore
