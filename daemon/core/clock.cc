#include "daemon/core/clock.h"

#include <algorithm>
#include <chrono>
#include <thread>

namespace encore {

int64_t SystemClock::nowMs() const {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool SystemClock::sleepUntil(int64_t deadlineMs, const CancelToken *token) {
  for (;;) {
    int64_t remaining = deadlineMs - nowMs();
    if (token != nullptr && token->cancelled()) return false;
    if (remaining <= 0) return true;
    // Waits in steady time (immune to wall-clock jumps) in slices, re-checking the wall
    // clock, so a deadline far away still ends on time after a clock adjustment.
    auto slice = std::chrono::milliseconds(std::min<int64_t>(remaining, 1000));
    if (token == nullptr) {
      std::this_thread::sleep_for(slice);
    } else {
      std::unique_lock<std::mutex> lock(token->mutex());
      token->wakeup().wait_for(lock, slice, [&] { return token->cancelled(); });
    }
  }
}

bool ManualClock::sleepUntil(int64_t deadlineMs, const CancelToken *token) {
  if (token != nullptr && token->cancelled()) return false;
  int64_t current = now_.load();
  while (current < deadlineMs && !now_.compare_exchange_weak(current, deadlineMs)) {
  }
  return true;
}

}  // namespace encore
