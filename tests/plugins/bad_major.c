/* Built for a future ABI major: must be refused. */
#include "encore/plugin_api.h"

static int32_t init(const encore_host *host, void **out) {
  (void)host;
  (void)out;
  return ENCORE_OK;
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = 2,
                       .abi_minor = 0,
                       .id = "bad_major",
                       .init = init};
