// The plugin's settings: exactly the 13 sync settings of the product's design (same keys,
// same defaults), plus what the connection, recently-played polling and the request budget
// need.
#pragma once

#include <cstdint>

#include "encore/plugin_api.h"

namespace spotify {

const encore_setting_decl *const *settingDeclarations(uint32_t *count);

}  // namespace spotify
