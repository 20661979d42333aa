// Asks a run to stop, and wakes it if it sleeps or blocks on a socket.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <mutex>

namespace encore {

class CancelToken {
 public:
  void cancel() {
    {
      // Callbacks run under the lock so removeCallback() returning means "not running and
      // never will": the owner may then destroy what the callback touches. They must be
      // quick and must not call back into the token.
      std::lock_guard<std::mutex> lock(mutex_);
      if (cancelled_.exchange(true)) return;
      for (auto &entry : onCancel_) entry.second();
      onCancel_.clear();
    }
    wake_.notify_all();
  }
  bool cancelled() const { return cancelled_.load(); }

  /// Runs `callback` on cancellation -- at once if already cancelled -- e.g. to abort the
  /// socket a request is blocked on. Returns an id for removeCallback (0: already ran).
  uint64_t onCancel(std::function<void()> callback) const {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!cancelled_) {
        uint64_t id = ++nextId_;
        onCancel_.emplace(id, std::move(callback));
        return id;
      }
    }
    callback();
    return 0;
  }
  void removeCallback(uint64_t id) const {
    std::lock_guard<std::mutex> lock(mutex_);
    onCancel_.erase(id);
  }

  std::mutex &mutex() const { return mutex_; }
  std::condition_variable &wakeup() const { return wake_; }

 private:
  std::atomic<bool> cancelled_{false};
  mutable std::mutex mutex_;
  mutable std::condition_variable wake_;
  mutable uint64_t nextId_ = 0;
  mutable std::map<uint64_t, std::function<void()>> onCancel_;
};

}  // namespace encore
