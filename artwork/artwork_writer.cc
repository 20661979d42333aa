#include "artwork/artwork_writer.h"

namespace encore {

void ArtworkWriter::start() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (thread_.joinable() || stopping_) return;
  thread_ = std::thread([this] { loop(); });
}

void ArtworkWriter::add(MadeImage image) {
  std::unique_lock<std::mutex> lock(mutex_);
  changed_.wait(lock, [this] { return queue_.size() < capacity_ || stopping_; });
  queue_.push_back(std::move(image));
  changed_.notify_all();
}

void ArtworkWriter::stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  changed_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void ArtworkWriter::loop() {
  for (;;) {
    MadeImage image;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      changed_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and everything is written
      image = std::move(queue_.front());
      queue_.pop_front();
    }
    changed_.notify_all();
    std::optional<ArtworkResult> result;
    try {
      result = write_(image);
    } catch (...) {
      // The writer reports its own failures; whatever escaped leaves the key pending.
    }
    written_(image.key, std::move(result));
  }
}

}  // namespace encore
