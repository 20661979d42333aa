#include "app/policy_gate.h"

namespace encore {

std::optional<JobGate::Hold> PolicyGate::hold(const std::string &plugin) {
  if (int64_t until = policies_.blockedUntil(plugin); until > 0) {
    return Hold{until, false, policies_.blockedReason(plugin)};
  }
  if (reconnectNeeded_ && reconnectNeeded_(plugin)) {
    return Hold{0, true, "reconnect needed: the account's authorization expired or was revoked"};
  }
  return std::nullopt;
}

}  // namespace encore
