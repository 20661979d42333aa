#include "daemon/plugin_host/entry_check.h"

#include <cstring>

namespace encore {

bool validDeclId(const char *id) {
  if (id == nullptr) return false;
  size_t n = strnlen(id, 65);
  if (n == 0 || n > 64) return false;
  for (size_t i = 0; i < n; ++i) {
    char c = id[i];
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

bool validPluginId(const char *id) {
  if (id == nullptr) return false;
  size_t n = strnlen(id, 33);
  if (n == 0 || n > 32 || !(id[0] >= 'a' && id[0] <= 'z')) return false;
  if (!validDeclId(id)) return false;
  for (const char *reserved : {"server", "artwork", "stats", "history", "encore", "auth", "api"}) {
    if (std::strcmp(id, reserved) == 0) return false;
  }
  return true;
}

std::string checkEntry(const encore_plugin_entry_t *entry, size_t symbolSize) {
  constexpr size_t kVersionFields = offsetof(encore_plugin_entry_t, abi_minor) + sizeof(uint32_t);
  if (entry == nullptr) return "the entry symbol is null";
  if (symbolSize != 0 && symbolSize < kVersionFields) {
    return "the entry struct is " + std::to_string(symbolSize) +
           " bytes, too short to carry a version";
  }
  if (entry->struct_size < kVersionFields) {
    return "the entry struct declares " + std::to_string(entry->struct_size) +
           " bytes, too short to carry a version";
  }
  if (entry->abi_major != ENCORE_ABI_MAJOR) {
    return "built for plugin ABI " + std::to_string(entry->abi_major) + "." +
           std::to_string(entry->abi_minor) + "; this encored speaks ABI " +
           std::to_string(ENCORE_ABI_MAJOR) + ".x";
  }
  if (entry->abi_minor > ENCORE_ABI_MINOR) {
    return "built for plugin ABI " + std::to_string(entry->abi_major) + "." +
           std::to_string(entry->abi_minor) + ", newer than this encored's " +
           std::to_string(ENCORE_ABI_MAJOR) + "." + std::to_string(ENCORE_ABI_MINOR) +
           "; upgrade encored";
  }
  if (entry->struct_size < ENCORE_PLUGIN_ENTRY_MIN_SIZE) {
    return "the entry struct declares " + std::to_string(entry->struct_size) +
           " bytes; ABI 1 needs at least " + std::to_string(ENCORE_PLUGIN_ENTRY_MIN_SIZE);
  }
  if (symbolSize != 0 && symbolSize < entry->struct_size) {
    return "the entry struct is " + std::to_string(symbolSize) + " bytes but declares " +
           std::to_string(entry->struct_size);
  }
  if (!validPluginId(entry->id)) return "invalid or reserved plugin id";
  if (entry->init == nullptr) return "the entry has no init function";
  if (entry->job_count > 0 && entry->jobs == nullptr) return "job_count without jobs";
  if (entry->importer_count > 0 && entry->importers == nullptr) {
    return "importer_count without importers";
  }
  if (entry->sink_count > 0 && entry->sinks == nullptr) return "sink_count without sinks";
  if (entry->job_count > 256 || entry->importer_count > 64 || entry->sink_count > 64) {
    return "too many declarations";
  }
  return {};
}

}  // namespace encore
