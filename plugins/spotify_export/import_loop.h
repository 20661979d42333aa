// The run of an importer: read the handed file entry by entry, skip what was stored before
// a restart, and submit plays page by page with progress.
#pragma once

#include "encore/host.hpp"
#include "export_entry.h"

namespace spotify_export {

using EntryReader = EntryResult (*)(const JsonObject &, const EntryRules &);

/// Imports one file with `reader`. Throws encore::Error, saying why, when the file cannot
/// be imported (not an export file, a page the host refused, a failed read).
void importFile(const encore::Host &host, encore_run *run, EntryReader reader);

}  // namespace spotify_export
