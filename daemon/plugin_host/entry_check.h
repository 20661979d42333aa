// Checks a plugin's entry struct before anything of the plugin runs.
#pragma once

#include <string>

#include "encore/plugin_api.h"

namespace encore {

/// "" when `entry` (of which `symbolSize` bytes are really there, 0 when unknown) may be
/// used by this host; else why the plugin must be refused.
std::string checkEntry(const encore_plugin_entry_t *entry, size_t symbolSize);

/// [a-z][a-z0-9_]{0,31}, and not a name the host keeps for itself.
bool validPluginId(const char *id);

/// [a-z0-9_]{1,64}
bool validDeclId(const char *id);

}  // namespace encore
