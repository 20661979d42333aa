// Stores the plays of one page together, inside the page's transaction: their tracks are
// resolved in record order, each is checked against the plays stored around it (one
// listening, one row), and the new ones are inserted in index order.
#pragma once

#include <vector>

#include "daemon/history/play_input.h"
#include "daemon/history/track_cache.h"
#include "daemon/records/entity_writer.h"

namespace encore {

/// Stores `plays` (in the order the page listed them). See docs/HISTORY.md.
void storePlays(WriteContext &ctx, const std::vector<PlayInput> &plays, TrackCache &cache);

}  // namespace encore
