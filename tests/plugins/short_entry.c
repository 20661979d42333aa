/* An entry symbol of only three words that claims the full struct size: the host must
 * notice from the symbol's real size and refuse it without reading past it. */
#include "encore/plugin_api.h"

ENCORE_EXPORT const uint32_t encore_plugin_entry[3] = {sizeof(encore_plugin_entry_t),
                                                       ENCORE_ABI_MAJOR, ENCORE_ABI_MINOR};
