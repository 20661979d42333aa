#include "daemon/imports/file_source.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

namespace encore {

FileSource::FileSource(const std::string &path) {
  file_ = std::fopen(path.c_str(), "rb");
  if (file_ == nullptr) {
    throw ImportReadError("cannot open " + path + ": " + std::strerror(errno));
  }
  std::error_code ec;
  auto bytes = std::filesystem::file_size(path, ec);
  size_ = ec ? -1 : static_cast<int64_t>(bytes);
}

FileSource::~FileSource() {
  if (file_ != nullptr) std::fclose(file_);
}

size_t FileSource::read(uint8_t *buffer, size_t capacity) {
  size_t n = std::fread(buffer, 1, capacity, file_);
  if (n == 0 && std::ferror(file_)) throw ImportReadError("read error");
  return n;
}

}  // namespace encore
