// GET /metrics: the process's metrics registry in the Prometheus text format. An ordinary
// route, so whatever guards the API guards it too.
#pragma once

#include "daemon/metrics/metrics.h"
#include "web/router.h"

namespace encore {

void addMetricsRoutes(Router &router, const metrics::Registry &registry);

}  // namespace encore
