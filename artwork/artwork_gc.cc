#include "artwork/artwork_gc.h"

#include <filesystem>
#include <set>

namespace encore {
namespace {

namespace fs = std::filesystem;

/// Sweeps one <source>/<kind> folder against the ids the table says have files.
void sweepFolder(ArtworkTable &table, const fs::path &folder, const std::string &source,
                 const std::string &kind, GcReport &report) {
  std::set<std::string> known = table.idsWithFiles(source, kind);
  std::set<std::string> seen;
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    std::error_code ignored;
    if (ArtworkFiles::isTempName(name)) {
      if (fs::remove(entry.path(), ignored)) ++report.tempFiles;
      continue;
    }
    auto id = idOfFileName(name);
    if (!id || !entry.is_regular_file(ignored)) continue;
    if (known.count(*id) != 0) {
      seen.insert(*id);
    } else if (fs::remove(entry.path(), ignored)) {
      ++report.orphanFiles;
    }
  }
  for (const auto &id : known) {
    if (seen.count(id) != 0) continue;
    table.forgetFile({source, kind, id});
    ++report.missingFiles;
  }
}

}  // namespace

GcReport collectArtworkGarbage(ArtworkTable &table, const ArtworkFiles &files, int64_t nowMs) {
  GcReport report;
  report.ranAtMs = nowMs;
  for (const auto &key : table.removeOrphanRows()) {
    ++report.orphanRows;
    if (validSourceName(key.source) && validArtworkId(key.id)) files.remove(key);
  }
  // Every source the table knows, and every source folder on disk.
  std::set<std::string> sources;
  for (auto &s : table.sources()) sources.insert(std::move(s));
  std::error_code ec;
  for (const auto &entry : fs::directory_iterator(files.root(), ec)) {
    std::error_code ignored;
    if (entry.is_directory(ignored)) sources.insert(entry.path().filename().string());
  }
  for (const auto &source : sources) {
    if (!validSourceName(source)) continue;
    for (const auto &kind : kArtworkKinds) {
      sweepFolder(table, files.root() / source / kind.folder, source, kind.folder, report);
    }
  }
  return report;
}

}  // namespace encore
