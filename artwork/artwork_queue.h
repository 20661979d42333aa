// The in-memory work list of the worker threads: a bounded FIFO of keys in which a key
// is present at most once, queued or in progress, so two workers never make the same
// file. The database is the durable list; this only holds what is being worked on now.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <set>

#include "artwork/artwork_key.h"

namespace encore {

class ArtworkQueue {
 public:
  explicit ArtworkQueue(size_t capacity) : capacity_(capacity) {}

  /// Adds `key` unless it is queued or in progress already, or the queue is full.
  bool push(const ArtworkKey &key);
  /// Waits for a key (then in progress until done()), or returns nullopt once the queue
  /// is closed or `leave()` holds (checked whenever woken).
  std::optional<ArtworkKey> pop(const std::function<bool()> &leave);
  void done(const ArtworkKey &key);
  /// Wakes every waiting pop() so it checks `leave()` again.
  void wakeAll();
  void close();

  size_t room() const;
  size_t queued() const;
  size_t inProgress() const;
  bool idle() const;

  /// Called (outside the lock) when a key is done: the owner refills the queue.
  void onDone(std::function<void()> callback) { onDone_ = std::move(callback); }

 private:
  const size_t capacity_;
  mutable std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<ArtworkKey> queue_;
  std::set<ArtworkKey> present_;  // queued or in progress
  size_t inProgress_ = 0;
  bool closed_ = false;
  std::function<void()> onDone_;
};

}  // namespace encore
