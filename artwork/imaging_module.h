// Loads the imaging module (encore_imaging.so, which links libvips) the first time an
// image is to be made, so a daemon with nothing to draw never maps libvips.
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "artwork/transcoder.h"

namespace encore {

class ImagingModule {
 public:
  /// `path` of the module; "" means the default next to the running binary
  /// (<bin>/../lib/encore/encore_imaging.so).
  ImagingModule(std::string path, ImageLimits limits);
  ~ImagingModule();
  ImagingModule(const ImagingModule &) = delete;
  ImagingModule &operator=(const ImagingModule &) = delete;

  /// The transcoder, loading the module on first use; nullptr when it cannot be loaded
  /// (then error() says why, and the log once). Any thread.
  ImageTranscoder *get();
  std::string error() const;
  bool loaded() const;
  const std::string &path() const { return path_; }

  /// Where the module is by default: beside the running executable.
  static std::string defaultPath();

 private:
  void load();  // mutex_ held; sets transcoder_ or error_

  std::string path_;
  ImageLimits limits_;
  mutable std::mutex mutex_;
  void *handle_ = nullptr;
  std::unique_ptr<ImageTranscoder> transcoder_;
  std::string error_;
};

}  // namespace encore
