// The files of the cache: <root>/<source>/<kind>/<id>.webp, where root is
// <data-dir>/artwork. A new file is written beside its final name as a dot-named temp
// file, flushed to disk, then renamed over the old one: a reader sees the old file or the
// new one, never half of either, and a failed write (a full disk) leaves the old one.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "artwork/artwork_key.h"

namespace encore {

/// A file written and flushed under a temporary name, not yet visible.
struct StagedFile {
  std::filesystem::path temp;
  int64_t bytes = 0;
  std::string error;  // why it could not be written; nothing is left behind then
  bool ok() const { return error.empty(); }
};

/// A cached file read for serving.
struct ServedFile {
  std::string content;
  std::string etag;  // strong validator: changes whenever the file is replaced
  int64_t modifiedMs = 0;
};

class ArtworkFiles {
 public:
  explicit ArtworkFiles(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path &root() const { return root_; }
  /// The final path of `key`. The key must have passed validSourceName, kindOfFolder and
  /// validArtworkId; every caller checks before building a path.
  std::filesystem::path pathOf(const ArtworkKey &key) const;

  StagedFile stage(const ArtworkKey &key, std::string_view content) const;
  /// Renames `staged` into place. "" on success, else why (the temp file is removed).
  std::string publish(const StagedFile &staged, const ArtworkKey &key) const;
  void discard(const StagedFile &staged) const;
  /// Removes the file of `key`; true if there was one.
  bool remove(const ArtworkKey &key) const;

  /// Reads the file of `key` for serving; nullopt when it is not there (or is not a
  /// regular file, or is larger than any thumbnail can be).
  std::optional<ServedFile> read(const ArtworkKey &key) const;

  /// A temp file's name: ".<id>.webp.<n>.tmp". Garbage collection removes leftovers.
  static bool isTempName(std::string_view fileName);

 private:
  std::filesystem::path root_;
};

}  // namespace encore
