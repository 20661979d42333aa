// The imports, import_files and import_skips tables: what an import is, how far it got, and
// what it skipped. Every function runs its own short transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/core/clock.h"
#include "daemon/store/store.h"

namespace encore {

struct ImportRow {
  int64_t id = 0;
  std::string origin;  // "upload" | "cli"
  std::string fileName;
  std::string path;
  int64_t size = 0;
  std::string fingerprint;
  std::string state;  // queued | running | done | failed
};

struct ImportFileRow {
  int64_t seq = 0;
  std::string name;
  std::string importer;  // "<plugin>.<importer>" or ""
  std::string state;     // pending | running | done | skipped | failed
  int64_t processed = 0;
  int64_t total = -1;
  std::string note;
};

class ImportRecords {
 public:
  ImportRecords(Store &store, Clock &clock) : store_(store), clock_(clock) {}

  int64_t create(const ImportRow &row);
  std::optional<ImportRow> find(int64_t id);
  /// Unfinished imports (queued or running), oldest first.
  std::vector<ImportRow> unfinished();
  /// An unfinished import of the same content (fingerprint), to resume instead of
  /// starting over.
  std::optional<ImportRow> unfinishedLike(const std::string &fingerprint);

  void setState(int64_t id, const std::string &state, const std::string &error = {});
  std::vector<ImportFileRow> files(int64_t id);
  void addFile(int64_t id, const ImportFileRow &file);
  void updateFile(int64_t id, const ImportFileRow &file);
  /// Stores a file's progress and the skips counted since the last call, together.
  void saveProgress(int64_t id, int64_t seq, int64_t processed, int64_t total,
                    const std::map<std::string, int64_t> &newSkips);
  /// Ends the import: done (with the plays it added) or failed (its plays rolled back).
  void finishDone(int64_t id);
  void finishFailed(int64_t id, const std::string &error);

  /// GET /api/imports/{id}: state, processed, total, skipped with reasons, files.
  std::optional<nlohmann::json> describe(int64_t id);
  nlohmann::json list(int limit);

 private:
  Store &store_;
  Clock &clock_;
};

/// "size:<bytes>:<fnv-1a of the first and last 64 KiB>": the same file, copied or renamed.
std::string fileFingerprint(const std::string &path);

}  // namespace encore
