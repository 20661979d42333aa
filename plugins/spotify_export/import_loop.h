// The run of an importer: read the handed file entry by entry, skip what was stored before
// a restart, and submit plays page by page with progress.
#pragma once

#include "encore/plugin_api.h"
#include "export_entry.h"

namespace spotify_export {

struct Services {
  const encore_host *host = nullptr;
  const encore_import_v1 *import = nullptr;
  const encore_records_v1 *records = nullptr;
  const encore_settings_v1 *settings = nullptr;
  const encore_time_v1 *time = nullptr;
  const encore_run_v1 *run = nullptr;
  const encore_log_v1 *log = nullptr;
};

using EntryReader = EntryResult (*)(const JsonObject &, const EntryRules &);

/// Imports one file with `reader`. Returns an ENCORE_* code; on failure the reason is set
/// on the run (encore.run/1 set_error).
int32_t importFile(const Services &s, encore_run *run, EntryReader reader);

}  // namespace spotify_export
