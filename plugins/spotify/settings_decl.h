// The plugin's settings: exactly the 13 sync settings of the product's design (same keys,
// same defaults), plus what the connection, recently-played polling and the request budget
// need.
#pragma once

#include "encore/decl.hpp"

namespace spotify {

encore::DeclList<encore_setting_decl> settingDeclarations();

}  // namespace spotify
