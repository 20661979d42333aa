// The "scrobbles" job: the incremental pass over what is new since the cursor, then the
// backfill of the whole history until it is done. Its state (plugin kv):
//   backfill.to                  the backfill window's end, fixed when it began
//   backfill.page/.pages/...     how far the backfill got (checkpointed with each page)
//   backfill.done                "1" once the oldest scrobble is stored
//   sync.from                    the incremental cursor: scrobbles from here on are new
//   sync.to/.page/...            the incremental pass in progress
#pragma once

#include "host_api.h"

namespace lastfm {

int32_t runScrobbleSync(const HostApi &host, encore_run *run);

}  // namespace lastfm
