// Who runs an import: the process holding its lock file (flock). A crashed owner's lock is
// released by the kernel, so the daemon or a re-run of `encored import` can take over and
// resume; a live owner's cannot be taken.
#pragma once

#include <string>

namespace encore {

class ImportLock {
 public:
  /// Tries to take `<dir>/<id>.lock` without waiting; held() tells whether it worked.
  ImportLock(const std::string &dir, int64_t importId);
  ~ImportLock();
  ImportLock(const ImportLock &) = delete;
  ImportLock &operator=(const ImportLock &) = delete;
  bool held() const { return fd_ >= 0; }

 private:
  int fd_ = -1;
  std::string path_;
};

}  // namespace encore
