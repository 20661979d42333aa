// A directory under /tmp removed with everything in it when the test ends.
#pragma once

#include <filesystem>
#include <string>

namespace encore::test {

class TempDir {
 public:
  TempDir();
  /// A directory under `base` (e.g. "/dev/shm" for memory-backed files, where fsync is free:
  /// for tests that commit thousands of transactions and are not about durability).
  explicit TempDir(const std::string &base);
  ~TempDir();
  TempDir(const TempDir &) = delete;
  TempDir &operator=(const TempDir &) = delete;

  const std::filesystem::path &path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::filesystem::path operator/(const std::string &name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Reads a whole file ("" when missing).
std::string readFile(const std::filesystem::path &path);
void writeFile(const std::filesystem::path &path, const std::string &content);

}  // namespace encore::test
