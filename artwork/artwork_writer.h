// The thread that puts finished images on disk. Writing a file safely means waiting for
// the disk (fsync: milliseconds on an SSD, tens on an SD card); done here, the workers go
// on decoding the next image meanwhile. The queue is small, so a slow disk slows the
// workers down rather than filling memory with encoded images.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "artwork/artwork_table.h"

namespace encore {

/// An encoded thumbnail waiting to be written.
struct MadeImage {
  ArtworkKey key;
  std::string url;
  std::string webp;
  int64_t attempts = 0;  // earlier failures of `url`, for the backoff if the write fails
};

class ArtworkWriter {
 public:
  /// Writes one image; returns what to record, or nullopt (the entity is gone).
  using Write = std::function<std::optional<ArtworkResult>(const MadeImage &)>;
  /// Hears the outcome of each image, on the writer thread.
  using Written = std::function<void(const ArtworkKey &, std::optional<ArtworkResult>)>;

  ArtworkWriter(size_t capacity, Write write, Written written)
      : capacity_(capacity), write_(std::move(write)), written_(std::move(written)) {}
  ~ArtworkWriter() { stop(); }

  void start();
  /// Queues `image`, waiting while the queue is full.
  void add(MadeImage image);
  /// Writes what is queued, then ends the thread.
  void stop();

 private:
  void loop();

  const size_t capacity_;
  Write write_;
  Written written_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<MadeImage> queue_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace encore
