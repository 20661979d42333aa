// Compiled as C++ with -pedantic -Werror: the ABI header must stay valid C++.
#include "encore/plugin_api.h"

static_assert(sizeof(encore_plugin_entry_t) >= ENCORE_PLUGIN_ENTRY_MIN_SIZE);

int encoreHeaderCheckCxx();
int encoreHeaderCheckCxx() {
  return static_cast<int>(sizeof(encore_host));
}
