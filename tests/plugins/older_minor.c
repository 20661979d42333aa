/* Built for ABI 1.0, before set_error and pause_host were appended: a 1.1 host loads it. */
#include "encore/plugin_api.h"

static int32_t init(const encore_host *host, void **out) {
  (void)host;
  (void)out;
  return ENCORE_OK;
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = ENCORE_ABI_MAJOR,
                       .abi_minor = 0,
                       .id = "older_minor",
                       .init = init};
