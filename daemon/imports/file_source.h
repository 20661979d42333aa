// A plain file as a ByteSource.
#pragma once

#include <cstdio>
#include <string>

#include "daemon/imports/byte_source.h"

namespace encore {

class FileSource : public ByteSource {
 public:
  /// Throws ImportReadError when the file cannot be opened.
  explicit FileSource(const std::string &path);
  ~FileSource() override;
  FileSource(const FileSource &) = delete;
  FileSource &operator=(const FileSource &) = delete;

  size_t read(uint8_t *buffer, size_t capacity) override;
  int64_t size() const override { return size_; }

 private:
  std::FILE *file_ = nullptr;
  int64_t size_ = -1;
};

}  // namespace encore
