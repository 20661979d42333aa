/* Compiled as C99 with -pedantic -Werror: the ABI header must stay plain C, its macros and
 * inline functions included. */
#include "encore/plugin_api.h"

int encore_header_check_c(const encore_run_v1 *run);
int encore_header_check_c(const encore_run_v1 *run) {
  const char *abi = ENCORE_ABI_VERSION_STRING;
  return (int)sizeof(encore_plugin_entry_t) + ENCORE_HAS_FIELD(run, set_error) +
         (int)encore_status_text(ENCORE_E_NETWORK)[0] + abi[0];
}
