// What holds all jobs of a plugin: a Retry-After pause or an open breaker on a host it
// uses, or an OAuth account that needs reconnecting.
#pragma once

#include <functional>
#include <string>

#include "http/host_policies.h"
#include "scheduler/scheduler.h"

namespace encore {

class PolicyGate : public JobGate {
 public:
  /// `reconnectNeeded(plugin)`: true while the plugin's account must be reconnected.
  PolicyGate(HostPolicies &policies, std::function<bool(const std::string &)> reconnectNeeded)
      : policies_(policies), reconnectNeeded_(std::move(reconnectNeeded)) {}
  std::optional<Hold> hold(const std::string &plugin) override;

 private:
  HostPolicies &policies_;
  std::function<bool(const std::string &)> reconnectNeeded_;
};

}  // namespace encore
