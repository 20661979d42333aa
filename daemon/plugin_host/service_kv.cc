// encore.kv/1: small per-plugin state in plugin_kv.
#include "daemon/plugin_host/host_services.h"
#include "daemon/records/plugin_kv.h"

namespace encore::services {
namespace {

bool validKey(const char *key) {
  if (key == nullptr) return false;
  size_t n = strnlen(key, kMaxKvKeyLength + 1);
  return n > 0 && n <= kMaxKvKeyLength;
}

int32_t get(const encore_host *host, const char *key, char **valueOut, size_t *lenOut) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || !validKey(key) || valueOut == nullptr)
      return ENCORE_E_INVALID_ARGUMENT;
    auto value =
        plugin->context->store.read([&](Database &db) { return kvGet(db, plugin->id, key); });
    if (!value) return ENCORE_E_NOT_FOUND;
    *valueOut = hostCopy(*value);
    if (lenOut != nullptr) *lenOut = value->size();
    return ENCORE_OK;
  });
}

int32_t set(const encore_host *host, const char *key, const char *value, size_t len) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || !validKey(key) || (value == nullptr && len > 0) ||
        len > kMaxKvValueLength) {
      return ENCORE_E_INVALID_ARGUMENT;
    }
    std::string v(value == nullptr ? "" : std::string(value, len));
    int64_t now = plugin->context->clock.nowMs();
    plugin->context->store.write([&](Database &db) { kvSet(db, plugin->id, key, v, now); });
    return ENCORE_OK;
  });
}

int32_t remove(const encore_host *host, const char *key) noexcept {
  return guarded(ENCORE_E_INTERNAL, [&]() -> int32_t {
    Plugin *plugin = pluginOf(host);
    if (plugin == nullptr || !validKey(key)) return ENCORE_E_INVALID_ARGUMENT;
    plugin->context->store.write([&](Database &db) { kvRemove(db, plugin->id, key); });
    return ENCORE_OK;
  });
}

}  // namespace

const encore_kv_v1 *kvV1() {
  static const encore_kv_v1 table = {sizeof(encore_kv_v1), get, set, remove};
  return &table;
}

}  // namespace encore::services
