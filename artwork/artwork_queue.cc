#include "artwork/artwork_queue.h"

namespace encore {

bool ArtworkQueue::push(const ArtworkKey &key) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (closed_ || queue_.size() >= capacity_ || present_.count(key) != 0) return false;
    present_.insert(key);
    queue_.push_back(key);
  }
  ready_.notify_one();
  return true;
}

std::optional<ArtworkKey> ArtworkQueue::pop(const std::function<bool()> &leave) {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    if (closed_ || (leave && leave())) return std::nullopt;
    if (!queue_.empty()) {
      ArtworkKey key = std::move(queue_.front());
      queue_.pop_front();
      ++inProgress_;
      return key;
    }
    ready_.wait(lock);
  }
}

void ArtworkQueue::done(const ArtworkKey &key) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    present_.erase(key);
    if (inProgress_ > 0) --inProgress_;
  }
  if (onDone_) onDone_();
}

void ArtworkQueue::wakeAll() {
  std::lock_guard<std::mutex> lock(mutex_);
  ready_.notify_all();
}

void ArtworkQueue::close() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    closed_ = true;
    queue_.clear();
  }
  ready_.notify_all();
}

size_t ArtworkQueue::room() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return capacity_ > queue_.size() ? capacity_ - queue_.size() : 0;
}

size_t ArtworkQueue::queued() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size();
}

size_t ArtworkQueue::inProgress() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return inProgress_;
}

bool ArtworkQueue::idle() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.empty() && inProgress_ == 0;
}

}  // namespace encore
