// The service tables behind encore_host.get_service, and helpers their implementations
// share. Every service function catches everything: nothing unwinds into a plugin.
#pragma once

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>

#include "daemon/plugin_host/plugin.h"
#include "daemon/plugin_host/run_context.h"
#include "encore/plugin_api.h"

namespace encore {

/// The table for a versioned service id, or nullptr.
const void *lookupHostService(const char *serviceId);

/// Fills `plugin.host` so it can be handed to the plugin.
void initHostHandle(Plugin &plugin);

namespace services {

const encore_log_v1 *logV1();
const encore_time_v1 *timeV1();
const encore_config_v1 *configV1();
const encore_settings_v1 *settingsV1();
const encore_kv_v1 *kvV1();
const encore_http_v1 *httpV1();
const encore_records_v1 *recordsV1();
const encore_run_v1 *runV1();
const encore_oauth2_v1 *oauth2V1();
const encore_import_v1 *importV1();
const encore_sink_v1 *sinkV1();

}  // namespace services

inline Plugin *pluginOf(const encore_host *host) {
  return host == nullptr ? nullptr : static_cast<Plugin *>(host->host_data);
}

/// A malloc'd copy the plugin releases with host->free.
inline char *hostCopy(std::string_view text) {
  char *out = static_cast<char *>(std::malloc(text.size() + 1));
  if (out == nullptr) return nullptr;
  std::memcpy(out, text.data(), text.size());
  out[text.size()] = '\0';
  return out;
}

inline void setError(char **errorOut, std::string_view message) {
  if (errorOut != nullptr) *errorOut = hostCopy(message);
}

/// Runs `fn`, turning any exception into `fallback`: the boundary must never unwind.
template <typename R, typename Fn>
R guarded(R fallback, Fn &&fn) noexcept {
  try {
    return fn();
  } catch (...) {
    return fallback;
  }
}

}  // namespace encore
