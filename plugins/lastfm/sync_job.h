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

#include "host_api.h"

namespace lastfm {

int32_t runScrobbleSync(const HostApi &host, encore_run *run);

}  // namespace lastfm
