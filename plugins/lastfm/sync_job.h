// The "scrobbles" job: the incremental pass over what is new since the cursor, then the
// backfill of the whole history until it is done. Its state (plugin kv) is kept per Last.fm
// user, under "user.<name in lower case>.": another user name is another history, with a
// backfill of its own; the plays already stored stay whoever they came from.
//   <user>backfill.to            the backfill window's end, fixed when it began
//   <user>backfill.reached/.boundary/.left/.last_page
//                                how far the backfill got (checkpointed with each page;
//                                scrobble_window.h)
//   <user>backfill.done          "1" once every scrobble before backfill.to is stored
//   <user>sync.from              the incremental cursor: scrobbles from here on are new
//   <user>sync.to, sync.reached/...
//                                the incremental pass in progress
//   user                         the user name of the last run (to say when it changed)
#pragma once

#include "encore/host.hpp"

namespace lastfm {

/// ENCORE_OK, or ENCORE_E_CANCELLED; a failure throws encore::Error with its reason.
int32_t runScrobbleSync(const encore::Host &host, encore_run *run);

}  // namespace lastfm
