// GET /api/health
#include "web/routes/api_routes.h"

namespace encore {

void addHealthRoutes(Router &router, WebServices &s) {
  router.add("GET", "/api/health", [&s](RequestContext &ctx) {
    int loaded = 0, refused = 0;
    for (const auto &p : s.plugins.plugins()) {
      (p->status == Plugin::Status::Loaded ? loaded : refused)++;
    }
    ctx.sendJson(200, {{"status", "ok"},
                       {"version", s.version},
                       {"uptime_seconds", (s.clock.nowMs() - s.startedAtMs) / 1000},
                       {"schema_version", s.store.migrationReport().toVersion},
                       {"plugins", {{"loaded", loaded}, {"refused", refused}}}});
  });
}

}  // namespace encore
