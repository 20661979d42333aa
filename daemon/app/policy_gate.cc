#include "daemon/app/policy_gate.h"

namespace encore {

std::optional<JobGate::Hold> PolicyGate::hold(const std::string &plugin) {
  if (int64_t until = policies_.blockedUntil(plugin); until > 0) {
    return Hold{until, false, policies_.blockedReason(plugin)};
  }
  if (accountHold_) return accountHold_(plugin);
  return std::nullopt;
}

}  // namespace encore
