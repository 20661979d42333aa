// The JSON API's route groups.
#pragma once

#include "web/router.h"
#include "web/web_services.h"

namespace encore {

void addHealthRoutes(Router &router, WebServices &services);
void addPluginRoutes(Router &router, WebServices &services);
void addWorkerRoutes(Router &router, WebServices &services);
void addSettingsRoutes(Router &router, WebServices &services);

}  // namespace encore
