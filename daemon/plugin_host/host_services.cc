#include "daemon/plugin_host/host_services.h"

#include <cstring>

namespace encore {

const void *lookupHostService(const char *id) {
  if (id == nullptr) return nullptr;
  struct Entry {
    const char *id;
    const void *(*table)();
  };
  static const Entry kServices[] = {
      {ENCORE_LOG_SERVICE_V1, [] { return static_cast<const void *>(services::logV1()); }},
      {ENCORE_TIME_SERVICE_V1, [] { return static_cast<const void *>(services::timeV1()); }},
      {ENCORE_CONFIG_SERVICE_V1, [] { return static_cast<const void *>(services::configV1()); }},
      {ENCORE_SETTINGS_SERVICE_V1,
       [] { return static_cast<const void *>(services::settingsV1()); }},
      {ENCORE_KV_SERVICE_V1, [] { return static_cast<const void *>(services::kvV1()); }},
      {ENCORE_HTTP_SERVICE_V1, [] { return static_cast<const void *>(services::httpV1()); }},
      {ENCORE_RECORDS_SERVICE_V1, [] { return static_cast<const void *>(services::recordsV1()); }},
      {ENCORE_RUN_SERVICE_V1, [] { return static_cast<const void *>(services::runV1()); }},
      {ENCORE_OAUTH2_SERVICE_V1, [] { return static_cast<const void *>(services::oauth2V1()); }},
      {ENCORE_IMPORT_SERVICE_V1, [] { return static_cast<const void *>(services::importV1()); }},
      {ENCORE_SINK_SERVICE_V1, [] { return static_cast<const void *>(services::sinkV1()); }},
  };
  for (const auto &e : kServices) {
    if (std::strcmp(e.id, id) == 0) return e.table();
  }
  return nullptr;
}

void initHostHandle(Plugin &plugin) {
  plugin.host.struct_size = sizeof(encore_host);
  plugin.host.abi_major = ENCORE_ABI_MAJOR;
  plugin.host.abi_minor = ENCORE_ABI_MINOR;
  plugin.host.plugin_id = plugin.id.c_str();
  plugin.host.get_service = [](const encore_host *, const char *id) noexcept {
    return lookupHostService(id);
  };
  plugin.host.free = [](const encore_host *, void *ptr) noexcept { std::free(ptr); };
  plugin.host.host_data = &plugin;
}

}  // namespace encore
