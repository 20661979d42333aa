// The "connect" job, run by hand: authorizes Encore on the user's Last.fm account with the
// desktop flow (auth.getToken, the user allows it in the browser, auth.getSession) and keeps
// the session key, with which the scrobble sync signs its calls (private profiles).
#pragma once

#include "encore/host.hpp"

namespace lastfm {

/// Throws encore::Error with what the user must do next (open a link, set a key).
void runConnect(const encore::Host &host, encore_run *run);

}  // namespace lastfm
