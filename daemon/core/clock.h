// The time source of the daemon. Everything that schedules, waits or stamps goes through a
// Clock so tests can drive a simulated week in milliseconds.
#pragma once

#include <atomic>
#include <cstdint>
#include <mutex>

#include "daemon/core/cancel_token.h"

namespace encore {

class Clock {
 public:
  virtual ~Clock() = default;
  /// Milliseconds since the Unix epoch, UTC.
  virtual int64_t nowMs() const = 0;
  /// Waits until nowMs() >= deadlineMs. Returns false as soon as `token` (may be null) is
  /// cancelled.
  virtual bool sleepUntil(int64_t deadlineMs, const CancelToken *token) = 0;
};

class SystemClock : public Clock {
 public:
  int64_t nowMs() const override;
  bool sleepUntil(int64_t deadlineMs, const CancelToken *token) override;
};

/// A clock that moves only when told to. A sleep moves it straight to the deadline, as if
/// the time had passed: a simulated run never waits for real.
class ManualClock : public Clock {
 public:
  explicit ManualClock(int64_t startMs) : now_(startMs) {}
  int64_t nowMs() const override { return now_.load(); }
  bool sleepUntil(int64_t deadlineMs, const CancelToken *token) override;
  void set(int64_t ms) { now_.store(ms); }
  void advance(int64_t ms) { now_.fetch_add(ms); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace encore
