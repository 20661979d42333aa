// Stores `play` records: links each play to one canonical track, artist and album, and
// stores the same listening seen by several sources once (docs/HISTORY.md). The plays of a
// page are collected and written together at its end (history/play_page_writer.h); a page
// of nothing but plays is read without a JSON tree (history/play_document.h).
#pragma once

#include "daemon/history/play_input.h"
#include "daemon/records/record_handlers.h"

namespace encore {

/// Registers the "play" record type, its page hooks and its document reader.
void addPlayHandler(RecordHandlers &handlers);

}  // namespace encore
