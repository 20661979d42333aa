// Tells systemd (Type=notify) that the daemon is ready or stopping, through the datagram
// socket named by $NOTIFY_SOCKET: the sd_notify protocol, which is one sendto(). Written here
// rather than linked from libsystemd, so the daemon depends on no systemd library and runs
// the same under any other supervisor (where NOTIFY_SOCKET is unset and this does nothing).
#pragma once

#include <string>

namespace encore {

/// Sends `state` ("READY=1\nSTATUS=...", "STOPPING=1") to $NOTIFY_SOCKET. False when the
/// variable is unset or the message could not be sent.
bool notifySystemd(const std::string &state);

}  // namespace encore
