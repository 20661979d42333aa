/* A plugin whose init fails after declaring a setting: refused, its setting gone. */
#include "encore/plugin_api.h"

static const encore_setting_decl flag = {.struct_size = sizeof(encore_setting_decl),
                                         .key = "flag",
                                         .type = ENCORE_SETTING_BOOL,
                                         .title = "Flag"};
static const encore_setting_decl *const decls[] = {&flag};

static int32_t init(const encore_host *host, void **out) {
  const encore_settings_v1 *settings =
      (const encore_settings_v1 *)host->get_service(host, ENCORE_SETTINGS_SERVICE_V1);
  (void)out;
  settings->declare(host, decls, 1);
  return ENCORE_E_FAILED;
}

ENCORE_PLUGIN_ENTRY = {.struct_size = sizeof(encore_plugin_entry_t),
                       .abi_major = ENCORE_ABI_MAJOR,
                       .abi_minor = ENCORE_ABI_MINOR,
                       .id = "init_fails",
                       .init = init};
