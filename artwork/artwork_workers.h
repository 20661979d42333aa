// The worker threads that make images, as many as artwork.workers says. The count can
// change while the daemon runs: extra threads start at once, surplus ones finish their
// current image and end.
#pragma once

#include <atomic>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "artwork/artwork_queue.h"

namespace encore {

class ArtworkWorkers {
 public:
  using Work = std::function<void(const ArtworkKey &)>;

  /// `work` runs for each key taken from `queue` and must see that queue.done(key) is
  /// called, now or once its result is recorded; `threadExit` runs on each thread as it
  /// ends.
  ArtworkWorkers(ArtworkQueue &queue, Work work, std::function<void()> threadExit)
      : queue_(queue), work_(std::move(work)), threadExit_(std::move(threadExit)) {}
  ~ArtworkWorkers() { stopAll(); }

  /// Runs `count` threads (at least 1). Shrinking waits for the surplus threads to end.
  void resize(int count);
  /// Joins every thread; close the queue first so they leave.
  void stopAll();
  int size() const { return desired_.load(); }

 private:
  void loop(int index);

  ArtworkQueue &queue_;
  Work work_;
  std::function<void()> threadExit_;
  std::mutex mutex_;  // guards threads_
  std::vector<std::thread> threads_;
  std::atomic<int> desired_{0};
};

}  // namespace encore
