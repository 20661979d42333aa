#include "web/routes/metrics_routes.h"

namespace encore {

void addMetricsRoutes(Router &router, const metrics::Registry &registry) {
  router.add("GET", "/metrics", [&registry](RequestContext &ctx) {
    ctx.sendText(200, metrics::kContentType, registry.render());
  });
}

}  // namespace encore
