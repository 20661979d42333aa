#include "daemon/imports/zip_archive.h"

#include <zlib.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <filesystem>

namespace encore {
namespace {

constexpr uint32_t kLocalHeader = 0x04034b50;
constexpr uint32_t kCentralHeader = 0x02014b50;
constexpr uint32_t kEndOfDirectory = 0x06054b50;
constexpr uint32_t kZip64Locator = 0x07064b50;
constexpr uint32_t kZip64End = 0x06064b50;
constexpr uint16_t kStored = 0;
constexpr uint16_t kDeflated = 8;

uint16_t le16(const uint8_t *p) {
  return static_cast<uint16_t>(p[0] | (p[1] << 8));
}
uint32_t le32(const uint8_t *p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}
uint64_t le64(const uint8_t *p) {
  return le32(p) | (static_cast<uint64_t>(le32(p + 4)) << 32);
}

class File {
 public:
  explicit File(const std::string &path) : f_(std::fopen(path.c_str(), "rb")) {
    if (f_ == nullptr) throw ImportReadError("cannot open " + path);
  }
  ~File() { std::fclose(f_); }
  File(const File &) = delete;
  File &operator=(const File &) = delete;
  void readAt(uint64_t offset, uint8_t *out, size_t n) {
    if (fseeko(f_, static_cast<off_t>(offset), SEEK_SET) != 0 || std::fread(out, 1, n, f_) != n) {
      throw ImportReadError("the zip archive is truncated");
    }
  }
  std::FILE *get() { return f_; }

 private:
  std::FILE *f_;
};

/// The end-of-central-directory record: where the directory is and how many entries.
struct Directory {
  uint64_t offset = 0, size = 0, entries = 0;
};

Directory findDirectory(File &file, uint64_t fileSize) {
  if (fileSize < 22) throw ImportReadError("not a zip archive (too short)");
  const uint64_t tail = std::min<uint64_t>(fileSize, 22 + 65535);
  std::vector<uint8_t> buf(tail);
  file.readAt(fileSize - tail, buf.data(), tail);
  for (size_t i = tail - 22 + 1; i-- > 0;) {
    if (le32(&buf[i]) != kEndOfDirectory) continue;
    const uint8_t *e = &buf[i];
    Directory d{le32(e + 16), le32(e + 12), le16(e + 10)};
    const uint64_t eocdAt = fileSize - tail + i;
    if (d.entries == 0xFFFF || d.offset == 0xFFFFFFFF || d.size == 0xFFFFFFFF) {
      if (eocdAt < 20) throw ImportReadError("zip64 locator missing");
      uint8_t loc[20];
      file.readAt(eocdAt - 20, loc, sizeof loc);
      if (le32(loc) != kZip64Locator) throw ImportReadError("zip64 locator missing");
      uint8_t rec[56];
      uint64_t recAt = le64(loc + 8);
      if (recAt + sizeof rec > fileSize) throw ImportReadError("zip64 record out of bounds");
      file.readAt(recAt, rec, sizeof rec);
      if (le32(rec) != kZip64End) throw ImportReadError("zip64 record missing");
      d = {le64(rec + 48), le64(rec + 40), le64(rec + 32)};
    }
    if (d.offset > fileSize || d.size > fileSize - d.offset) {
      throw ImportReadError("the zip's central directory lies outside the file (truncated?)");
    }
    return d;
  }
  throw ImportReadError("not a zip archive (no end of central directory)");
}

/// Sizes and offset from the zip64 extra field, for the fields that overflowed.
void applyZip64Extra(ZipEntry &e, const uint8_t *extra, size_t len, bool bigSize, bool bigCsize,
                     bool bigOffset) {
  size_t pos = 0;
  while (pos + 4 <= len) {
    uint16_t id = le16(extra + pos), n = le16(extra + pos + 2);
    if (pos + 4 + n > len) break;
    if (id == 0x0001) {
      const uint8_t *p = extra + pos + 4;
      size_t left = n;
      auto next = [&](uint64_t &field) {
        if (left < 8) throw ImportReadError("zip64 extra field is too short");
        field = le64(p);
        p += 8;
        left -= 8;
      };
      if (bigSize) next(e.size);
      if (bigCsize) next(e.compressedSize);
      if (bigOffset) next(e.localHeaderOffset);
      return;
    }
    pos += 4 + n;
  }
  if (bigSize || bigCsize || bigOffset) throw ImportReadError("zip64 extra field missing");
}

/// One entry's bytes: stored, or inflated, checked against its size and CRC.
class EntrySource : public ByteSource {
 public:
  EntrySource(const std::string &path, const ZipEntry &entry, uint64_t dataOffset)
      : file_(path), entry_(entry), remainingIn_(entry.compressedSize) {
    if (fseeko(file_.get(), static_cast<off_t>(dataOffset), SEEK_SET) != 0) {
      throw ImportReadError("the zip archive is truncated");
    }
    if (entry_.method == kDeflated) {
      std::memset(&z_, 0, sizeof z_);
      if (inflateInit2(&z_, -MAX_WBITS) != Z_OK) throw ImportReadError("cannot start inflating");
      inflating_ = true;
    }
  }
  ~EntrySource() override {
    if (inflating_) inflateEnd(&z_);
  }

  int64_t size() const override { return static_cast<int64_t>(entry_.size); }

  size_t read(uint8_t *buffer, size_t capacity) override {
    if (done_ || capacity == 0) return 0;
    size_t produced =
        entry_.method == kStored ? readStored(buffer, capacity) : readDeflated(buffer, capacity);
    produced_ += produced;
    if (produced_ > entry_.size) {
      throw ImportReadError(entry_.name + " inflates past its declared size (a zip bomb?)");
    }
    crc_ = crc32(crc_, buffer, static_cast<uInt>(produced));
    if (produced == 0) finish();
    return produced;
  }

 private:
  size_t fill(uint8_t *out, size_t want) {
    size_t n = static_cast<size_t>(std::min<uint64_t>(want, remainingIn_));
    if (n == 0) return 0;
    size_t got = std::fread(out, 1, n, file_.get());
    if (got != n) throw ImportReadError(entry_.name + ": the zip archive is truncated");
    remainingIn_ -= got;
    return got;
  }

  size_t readStored(uint8_t *buffer, size_t capacity) { return fill(buffer, capacity); }

  size_t readDeflated(uint8_t *buffer, size_t capacity) {
    z_.next_out = buffer;
    z_.avail_out = static_cast<uInt>(std::min<size_t>(capacity, 1u << 30));
    while (z_.avail_out > 0 && !streamEnd_) {
      if (z_.avail_in == 0) {
        z_.avail_in = static_cast<uInt>(fill(in_, sizeof in_));
        z_.next_in = in_;
        if (z_.avail_in == 0) throw ImportReadError(entry_.name + ": compressed data ends early");
      }
      int rc = inflate(&z_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        streamEnd_ = true;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw ImportReadError(entry_.name + ": corrupt compressed data");
      }
    }
    return static_cast<size_t>(z_.next_out - buffer);
  }

  void finish() {
    done_ = true;
    if (produced_ != entry_.size) {
      throw ImportReadError(entry_.name + ": " + std::to_string(produced_) + " bytes instead of " +
                            std::to_string(entry_.size));
    }
    if (crc_ != entry_.crc) throw ImportReadError(entry_.name + ": CRC mismatch (damaged archive)");
  }

  File file_;
  ZipEntry entry_;
  uint64_t remainingIn_;
  z_stream z_{};
  bool inflating_ = false;
  bool streamEnd_ = false;
  bool done_ = false;
  uint64_t produced_ = 0;
  uLong crc_ = crc32(0, nullptr, 0);
  uint8_t in_[64 * 1024];
};

}  // namespace

std::string ZipEntry::unreadableReason() const {
  if (flags & 1) return "encrypted";
  if (method != kStored && method != kDeflated) {
    return "compression method " + std::to_string(method) + " is not supported";
  }
  return {};
}

bool ZipArchive::looksLikeZip(const std::string &head) {
  return head.size() >= 4 && head[0] == 'P' && head[1] == 'K' &&
         ((head[2] == 3 && head[3] == 4) || (head[2] == 5 && head[3] == 6));
}

ZipArchive::ZipArchive(std::string path, ZipLimits limits)
    : path_(std::move(path)), limits_(limits) {
  std::error_code ec;
  fileSize_ = std::filesystem::file_size(path_, ec);
  if (ec) throw ImportReadError("cannot read " + path_);
  File file(path_);
  Directory dir = findDirectory(file, fileSize_);
  if (dir.entries > limits_.maxEntries) {
    throw ImportReadError("the zip has " + std::to_string(dir.entries) + " entries; at most " +
                          std::to_string(limits_.maxEntries) + " are accepted");
  }
  if (dir.size > (64u << 20)) throw ImportReadError("the zip's central directory is over 64 MiB");
  std::vector<uint8_t> cd(dir.size);
  if (dir.size > 0) file.readAt(dir.offset, cd.data(), cd.size());
  size_t pos = 0;
  uint64_t total = 0;
  for (uint64_t i = 0; i < dir.entries; ++i) {
    if (pos + 46 > cd.size() || le32(&cd[pos]) != kCentralHeader) {
      throw ImportReadError("the zip's central directory is damaged");
    }
    const uint8_t *h = &cd[pos];
    ZipEntry e;
    e.flags = le16(h + 8);
    e.method = le16(h + 10);
    e.crc = le32(h + 16);
    e.compressedSize = le32(h + 20);
    e.size = le32(h + 24);
    uint16_t nameLen = le16(h + 28), extraLen = le16(h + 30), commentLen = le16(h + 32);
    e.localHeaderOffset = le32(h + 42);
    if (pos + 46 + nameLen + extraLen + commentLen > cd.size()) {
      throw ImportReadError("the zip's central directory is damaged");
    }
    e.name.assign(reinterpret_cast<const char *>(h + 46), nameLen);
    applyZip64Extra(e, h + 46 + nameLen, extraLen, e.size == 0xFFFFFFFF,
                    e.compressedSize == 0xFFFFFFFF, e.localHeaderOffset == 0xFFFFFFFF);
    pos += 46 + nameLen + extraLen + commentLen;

    if (e.localHeaderOffset >= fileSize_ || e.compressedSize > fileSize_) {
      throw ImportReadError(e.name + " lies outside the archive (truncated?)");
    }
    if (e.size > limits_.maxEntryBytes) {
      throw ImportReadError(e.name + " would inflate to " + std::to_string(e.size) +
                            " bytes, over the limit");
    }
    const uint64_t floor = std::max<uint64_t>(e.compressedSize, 1);
    if (e.size / floor > limits_.maxRatio && e.size > (1u << 20)) {
      throw ImportReadError(e.name + " is compressed " + std::to_string(e.size / floor) +
                            ":1, beyond any real export (a zip bomb?)");
    }
    total += e.size;
    if (total > limits_.maxTotalBytes) {
      throw ImportReadError("the zip would inflate to more than " +
                            std::to_string(limits_.maxTotalBytes >> 20) + " MiB");
    }
    entries_.push_back(std::move(e));
  }
  // Entries whose data overlap (one compressed stream shared by many names) are the
  // classic way to make a small zip inflate enormously: refuse them.
  std::vector<const ZipEntry *> byOffset;
  for (const auto &e : entries_) byOffset.push_back(&e);
  std::sort(byOffset.begin(), byOffset.end(), [](const ZipEntry *a, const ZipEntry *b) {
    return a->localHeaderOffset < b->localHeaderOffset;
  });
  for (size_t i = 1; i < byOffset.size(); ++i) {
    const ZipEntry &prev = *byOffset[i - 1];
    if (prev.localHeaderOffset + 30 + prev.compressedSize > byOffset[i]->localHeaderOffset) {
      throw ImportReadError("entries of the zip overlap (" + prev.name + ", " + byOffset[i]->name +
                            "): refused as a zip bomb");
    }
  }
}

std::unique_ptr<ByteSource> ZipArchive::open(const ZipEntry &entry) const {
  if (auto why = entry.unreadableReason(); !why.empty())
    throw ImportReadError(entry.name + ": " + why);
  File file(path_);
  uint8_t h[30];
  file.readAt(entry.localHeaderOffset, h, sizeof h);
  if (le32(h) != kLocalHeader) throw ImportReadError(entry.name + ": damaged local header");
  uint64_t dataAt = entry.localHeaderOffset + 30 + le16(h + 26) + le16(h + 28);
  if (dataAt + entry.compressedSize > fileSize_) {
    throw ImportReadError(entry.name + ": the zip archive is truncated");
  }
  return std::make_unique<EntrySource>(path_, entry, dataAt);
}

}  // namespace encore
