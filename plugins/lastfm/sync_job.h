// The "scrobbles" job: the incremental pass over what is new since the cursor, then the
// backfill of the whole history until it is done. Its state (plugin kv):
//   backfill.to                  the backfill window's end, fixed when it began
//   backfill.reached/.boundary/.left/.last_page
//                                how far the backfill got (checkpointed with each page;
//                                scrobble_window.h)
//   backfill.done                "1" once every scrobble before backfill.to is stored
//   sync.from                    the incremental cursor: scrobbles from here on are new
//   sync.to, sync.reached/...    the incremental pass in progress
#pragma once

#include "encore/host.hpp"

namespace lastfm {

/// ENCORE_OK, or ENCORE_E_CANCELLED; a failure throws encore::Error with its reason.
int32_t runScrobbleSync(const encore::Host &host, encore_run *run);

}  // namespace lastfm
