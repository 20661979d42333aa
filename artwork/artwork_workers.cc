#include "artwork/artwork_workers.h"

#include <algorithm>

namespace encore {

void ArtworkWorkers::loop(int index) {
  while (auto key = queue_.pop([this, index] { return index >= desired_.load(); })) {
    work_(*key);
  }
  if (threadExit_) threadExit_();
}

void ArtworkWorkers::resize(int count) {
  count = std::max(count, 1);
  std::lock_guard<std::mutex> lock(mutex_);
  const int current = static_cast<int>(threads_.size());
  desired_.store(count);
  if (count < current) {
    queue_.wakeAll();
    for (int i = count; i < current; ++i) threads_[i].join();
    threads_.resize(count);
    return;
  }
  for (int i = current; i < count; ++i) threads_.emplace_back([this, i] { loop(i); });
}

void ArtworkWorkers::stopAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  desired_.store(0);
  queue_.wakeAll();
  for (auto &t : threads_) {
    if (t.joinable()) t.join();
  }
  threads_.clear();
}

}  // namespace encore
