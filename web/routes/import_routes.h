// POST /api/imports (multipart upload, field "file"), GET /api/imports and
// GET /api/imports/{id}.
#pragma once

#include "daemon/imports/import_manager.h"
#include "web/router.h"
#include "web/web_services.h"

namespace encore {

void addImportRoutes(Router &router, WebServices &services, ImportManager &imports);

}  // namespace encore
