// The files an import reads: the uploaded file itself, or every entry of an uploaded zip.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "daemon/imports/byte_source.h"
#include "daemon/imports/zip_archive.h"

namespace encore {

struct ImportPart {
  std::string name;        // the entry's path inside a zip, or the file's name
  std::string baseName;    // what importers see
  std::string unreadable;  // why it cannot be read ("" when it can)
};

class ImportSources {
 public:
  /// Opens `path`: a zip (by its first bytes) or a single file named `displayName`.
  /// Throws ImportReadError for a damaged or hostile zip.
  ImportSources(const std::string &path, const std::string &displayName);

  bool isZip() const { return zip_.has_value(); }
  const std::vector<ImportPart> &parts() const { return parts_; }
  /// A fresh stream of part `index` from its first byte.
  std::unique_ptr<ByteSource> open(size_t index) const;

 private:
  std::string path_;
  std::optional<ZipArchive> zip_;
  std::vector<size_t> entryOf_;  // part -> zip entry
  std::vector<ImportPart> parts_;
};

/// Up to `limit` first bytes of a stream.
std::string readHead(ByteSource &source, size_t limit);

}  // namespace encore
