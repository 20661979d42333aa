// The daemon services the routes use.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "daemon/core/clock.h"
#include "daemon/http/host_policies.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/scheduler/scheduler.h"
#include "daemon/store/store.h"
#include "settings/settings.h"

namespace encore {

struct WebServices {
  Clock &clock;
  Store &store;
  Settings &settings;
  Scheduler &scheduler;
  PluginManager &plugins;
  HostPolicies &policies;
  std::string version;
  int64_t startedAtMs = 0;
  /// The OAuth state of a plugin as text ("not_connected", "connected",
  /// "reconnect_needed"), or "" when it uses no OAuth.
  std::function<std::string(const Plugin &)> accountState;
  /// Changes whenever any account's state may have changed (see OAuthManager).
  std::function<uint64_t()> accountsGeneration;
};

}  // namespace encore
