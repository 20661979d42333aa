// The daemon services the routes use.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/clock.h"
#include "http/host_policies.h"
#include "plugins/plugin_manager.h"
#include "scheduler/scheduler.h"
#include "settings/settings.h"
#include "store/store.h"

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
