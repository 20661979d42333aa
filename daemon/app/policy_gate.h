// What holds all jobs of a plugin: a Retry-After pause or an open breaker on a host it
// uses, or an account it signs in with that is not connected or needs reconnecting.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "daemon/http/host_policies.h"
#include "daemon/scheduler/scheduler.h"

namespace encore {

class PolicyGate : public JobGate {
 public:
  /// `accountHold(plugin)`: the hold the plugin's account imposes, if any.
  using AccountHold = std::function<std::optional<Hold>(const std::string &plugin)>;

  PolicyGate(HostPolicies &policies, AccountHold accountHold)
      : policies_(policies), accountHold_(std::move(accountHold)) {}
  std::optional<Hold> hold(const std::string &plugin) override;

 private:
  HostPolicies &policies_;
  AccountHold accountHold_;
};

}  // namespace encore
