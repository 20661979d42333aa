#include "daemon/imports/import_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cstdint>
#include <filesystem>

namespace encore {

ImportLock::ImportLock(const std::string &dir, int64_t importId) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  path_ = dir + "/" + std::to_string(importId) + ".lock";
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0600);
  if (fd_ >= 0 && ::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    ::close(fd_);
    fd_ = -1;
  }
}

ImportLock::~ImportLock() {
  if (fd_ < 0) return;
  ::unlink(path_.c_str());
  ::close(fd_);
}

}  // namespace encore
