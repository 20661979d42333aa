/* Compiled as C99 with -pedantic -Werror: the ABI header must stay plain C. */
#include "encore/plugin_api.h"

int encore_header_check_c(void);
int encore_header_check_c(void) {
  return (int)sizeof(encore_plugin_entry_t);
}
