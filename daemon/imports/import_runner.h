// Runs one import to its end: each file (or zip entry) goes to the importer whose probe is
// surest of it, resuming where a previous run stopped; a failure anywhere rolls back every
// play the import stored, so a failed import leaves nothing behind.
#pragma once

#include <cstdint>
#include <string>

#include "daemon/core/cancel_token.h"
#include "daemon/imports/import_records.h"
#include "daemon/plugin_host/plugin_manager.h"

namespace encore {

enum class ImportOutcome { Done, Failed, Cancelled, Busy };

struct ImportResult {
  ImportOutcome outcome = ImportOutcome::Failed;
  std::string error;
};

class ImportRunner {
 public:
  ImportRunner(ImportRecords &records, PluginManager &plugins, std::string lockDir)
      : records_(records), plugins_(plugins), lockDir_(std::move(lockDir)) {}

  /// Runs import `id` unless another process holds it (Busy). Cancelled leaves it
  /// resumable. Never throws.
  ImportResult run(int64_t id, const CancelToken &cancel);

 private:
  ImportResult runLocked(const ImportRow &row, const CancelToken &cancel);

  ImportRecords &records_;
  PluginManager &plugins_;
  std::string lockDir_;
};

/// The importer that is surest of a file, or nullptr when none takes it.
struct PickedImporter {
  Plugin *plugin = nullptr;
  const ImporterInfo *importer = nullptr;
  int32_t score = 0;
};
PickedImporter pickImporter(PluginManager &plugins, const std::string &baseName,
                            const std::string &head);

}  // namespace encore
