#include "artwork/artwork_files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>

namespace encore {
namespace {

/// The largest file the server reads back: thumbnails are tens of kilobytes.
constexpr int64_t kMaxServedBytes = 8 << 20;

std::string errnoText(int err) {
  return std::strerror(err);
}

/// Writes all of `content` to `fd`; 0 or the errno of the failure.
int writeAll(int fd, std::string_view content) {
  const char *p = content.data();
  size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  return 0;
}

}  // namespace

std::filesystem::path ArtworkFiles::pathOf(const ArtworkKey &key) const {
  return root_ / key.source / key.kind / (key.id + ".webp");
}

bool ArtworkFiles::isTempName(std::string_view fileName) {
  return fileName.size() > 5 && fileName.front() == '.' && fileName.ends_with(".tmp");
}

StagedFile ArtworkFiles::stage(const ArtworkKey &key, std::string_view content) const {
  static std::atomic<uint64_t> counter{0};
  StagedFile staged;
  const auto final = pathOf(key);
  std::error_code ec;
  std::filesystem::create_directories(final.parent_path(), ec);
  if (ec) {
    staged.error = "cannot create " + final.parent_path().string() + ": " + ec.message();
    return staged;
  }
  staged.temp = final.parent_path() / ("." + key.id + ".webp." + std::to_string(::getpid()) + "-" +
                                       std::to_string(++counter) + ".tmp");
  int fd = ::open(staged.temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) {
    staged.error = "cannot create " + staged.temp.string() + ": " + errnoText(errno);
    return staged;
  }
  int err = writeAll(fd, content);
  // fsync before the rename: after a power cut the name points at the whole new file or
  // at the old one, never at an empty one.
  if (err == 0 && ::fsync(fd) != 0) err = errno;
  if (::close(fd) != 0 && err == 0) err = errno;
  if (err != 0) {
    ::unlink(staged.temp.c_str());
    staged.error = "cannot write " + final.string() + ": " + errnoText(err);
    return staged;
  }
  staged.bytes = static_cast<int64_t>(content.size());
  return staged;
}

std::string ArtworkFiles::publish(const StagedFile &staged, const ArtworkKey &key) const {
  const auto final = pathOf(key);
  if (::rename(staged.temp.c_str(), final.c_str()) != 0) {
    int err = errno;
    ::unlink(staged.temp.c_str());
    return "cannot rename into " + final.string() + ": " + errnoText(err);
  }
  return {};
}

void ArtworkFiles::discard(const StagedFile &staged) const {
  if (!staged.temp.empty()) ::unlink(staged.temp.c_str());
}

bool ArtworkFiles::remove(const ArtworkKey &key) const {
  return ::unlink(pathOf(key).c_str()) == 0;
}

std::optional<ServedFile> ArtworkFiles::read(const ArtworkKey &key) const {
  // O_NOFOLLOW: a symlink planted in the cache folder is not followed out of it.
  int fd = ::open(pathOf(key).c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return std::nullopt;
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size > kMaxServedBytes) {
    ::close(fd);
    return std::nullopt;
  }
  ServedFile file;
  file.content.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < file.content.size()) {
    ssize_t n = ::read(fd, file.content.data() + got, file.content.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  if (got != file.content.size()) return std::nullopt;
  // Size, inode and nanosecond mtime of the opened file: a replacement is a new inode
  // written later, so the tag changes with the content, and no hashing is needed per
  // request.
  char etag[96];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx-%llx.%09ld\"",
                static_cast<unsigned long long>(st.st_size),
                static_cast<unsigned long long>(st.st_ino),
                static_cast<unsigned long long>(st.st_mtim.tv_sec), st.st_mtim.tv_nsec);
  file.etag = etag;
  file.modifiedMs = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000 + st.st_mtim.tv_nsec / 1'000'000;
  return file;
}

}  // namespace encore
