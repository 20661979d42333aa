// Reads a .zip as uploaded (Spotify's export is one): the central directory, then each
// entry inflated on the fly, never extracted to disk. Hostile archives are refused before a
// byte is inflated where the directory gives them away (too many entries, sizes or ratios
// past the limits, overlapping entries: the "zip bomb" shapes), and while inflating where
// it lies (an entry growing past its declared size, a CRC mismatch).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "daemon/imports/byte_source.h"

namespace encore {

struct ZipLimits {
  uint32_t maxEntries = 10'000;
  uint64_t maxEntryBytes = 2ULL << 30;  // one inflated entry
  uint64_t maxTotalBytes = 8ULL << 30;  // every entry together
  uint32_t maxRatio = 250;              // inflated / compressed, per entry
};

struct ZipEntry {
  std::string name;  // path inside the archive
  uint16_t method = 0;
  uint16_t flags = 0;
  uint32_t crc = 0;
  uint64_t compressedSize = 0;
  uint64_t size = 0;  // inflated, as declared
  uint64_t localHeaderOffset = 0;

  bool isDirectory() const { return !name.empty() && name.back() == '/'; }
  /// Why this entry cannot be read ("" when it can): encryption, an unknown method.
  std::string unreadableReason() const;
};

class ZipArchive {
 public:
  /// Reads the central directory. Throws ImportReadError naming the problem when the file
  /// is not a zip, is truncated, or breaks a limit.
  explicit ZipArchive(std::string path, ZipLimits limits = {});

  const std::vector<ZipEntry> &entries() const { return entries_; }
  /// A stream of the inflated entry; throws ImportReadError when reading goes wrong.
  std::unique_ptr<ByteSource> open(const ZipEntry &entry) const;

  /// Whether `head` starts like a zip file.
  static bool looksLikeZip(const std::string &head);

 private:
  std::string path_;
  ZipLimits limits_;
  uint64_t fileSize_ = 0;
  std::vector<ZipEntry> entries_;
};

}  // namespace encore
