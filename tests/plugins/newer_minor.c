/* Built against a newer minor than the host: must be refused. */
#include "encore/plugin_api.h"

static int32_t init(const encore_host *host, void **out) {
  (void)host;
  (void)out;
  return ENCORE_OK;
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = ENCORE_ABI_MAJOR,
                       .abi_minor = ENCORE_ABI_MINOR + 7,
                       .id = "newer_minor",
                       .init = init};
