/* A shared library that is not an Encore plugin. */
#include "encore/plugin_api.h"

ENCORE_EXPORT int some_other_library_function(void);
int some_other_library_function(void) {
  return 42;
}
