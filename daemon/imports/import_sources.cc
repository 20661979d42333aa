#include "daemon/imports/import_sources.h"

#include <filesystem>

#include "daemon/imports/file_source.h"

namespace encore {

std::string readHead(ByteSource &source, size_t limit) {
  std::string head(limit, '\0');
  size_t have = 0;
  while (have < limit) {
    size_t n = source.read(reinterpret_cast<uint8_t *>(head.data()) + have, limit - have);
    if (n == 0) break;
    have += n;
  }
  head.resize(have);
  return head;
}

ImportSources::ImportSources(const std::string &path, const std::string &displayName)
    : path_(path) {
  std::string head;
  {
    FileSource probe(path);
    head = readHead(probe, 4);
  }
  if (!ZipArchive::looksLikeZip(head)) {
    parts_.push_back({displayName, std::filesystem::path(displayName).filename().string(), {}});
    return;
  }
  zip_.emplace(path);
  const auto &entries = zip_->entries();
  for (size_t i = 0; i < entries.size(); ++i) {
    const ZipEntry &e = entries[i];
    if (e.isDirectory()) continue;
    ImportPart part{e.name, std::filesystem::path(e.name).filename().string(),
                    e.unreadableReason()};
    if (part.baseName.rfind("._", 0) == 0 || e.name.rfind("__MACOSX/", 0) == 0) {
      part.unreadable = "macOS metadata";
    } else if (part.unreadable.empty() && part.baseName.size() > 4 &&
               part.baseName.compare(part.baseName.size() - 4, 4, ".zip") == 0) {
      part.unreadable = "nested archives are not opened";
    }
    parts_.push_back(std::move(part));
    entryOf_.push_back(i);
  }
}

std::unique_ptr<ByteSource> ImportSources::open(size_t index) const {
  if (!zip_) return std::make_unique<FileSource>(path_);
  return zip_->open(zip_->entries()[entryOf_.at(index)]);
}

}  // namespace encore
