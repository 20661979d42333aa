// The "connect" job, run by hand: authorizes Encore on the user's Last.fm account with the
// desktop flow (auth.getToken, the user allows it in the browser, auth.getSession) and keeps
// the session key, with which the scrobble sync signs its calls (private profiles).
#pragma once

#include "host_api.h"

namespace lastfm {

int32_t runConnect(const HostApi &host, encore_run *run);

}  // namespace lastfm
