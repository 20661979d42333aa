// Per-plugin key/value state (cursors, checkpoints) in the plugin_kv table.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/store/database.h"

namespace encore {

constexpr size_t kMaxKvKeyLength = 200;
constexpr size_t kMaxKvValueLength = 1u << 20;

std::optional<std::string> kvGet(Database &db, const std::string &plugin, const std::string &key);
void kvSet(Database &db, const std::string &plugin, const std::string &key,
           const std::string &value, int64_t nowMs);
void kvRemove(Database &db, const std::string &plugin, const std::string &key);

}  // namespace encore
