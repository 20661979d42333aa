// Compiled as C++ with -pedantic -Werror: the ABI header must stay valid C++.
#include "encore/plugin_api.h"

static_assert(sizeof(encore_plugin_entry_t) >= ENCORE_PLUGIN_ENTRY_MIN_SIZE);

int encoreHeaderCheckCxx(const encore_http_v1 *http);
int encoreHeaderCheckCxx(const encore_http_v1 *http) {
  return static_cast<int>(sizeof(encore_host)) + ENCORE_HAS_FIELD(http, pause_host) +
         encore_status_text(ENCORE_OK)[0];
}
