// GET /api/playlists, GET /api/playlists/{key}, POST /api/playlists/push
#include "daemon/playlists/smart_playlists.h"
#include "web/api_error.h"
#include "web/routes/stats_routes.h"

namespace encore {

void addPlaylistRoutes(Router &router, SmartPlaylists &playlists, Scheduler &scheduler) {
  router.add("GET", "/api/playlists", [&playlists](RequestContext &ctx) {
    const bool tracks = ctx.query("tracks").value_or("1") != "0";
    ctx.sendJson(200, playlists.overview(tracks));
  });

  router.add("GET", "/api/playlists/{key}", [&playlists](RequestContext &ctx) {
    const std::string &key = ctx.param("key");
    const auto &keys = SmartPlaylists::keys();
    if (std::find(keys.begin(), keys.end(), key) == keys.end()) {
      throw ApiError(404, "not_found", "no smart playlist '" + key.substr(0, 64) + "'");
    }
    ctx.sendJson(200, playlists.preview(key));
  });

  // Pushes run as the playlists.push job, so a push on demand and a scheduled one never
  // overlap and both are recorded in /api/workers.
  router.add("POST", "/api/playlists/push", [&scheduler](RequestContext &ctx) {
    auto result = scheduler.runNow(SmartPlaylists::kJobId);
    switch (result.outcome) {
      case Scheduler::RunNow::Started:
        ctx.sendJson(202, {{"job", SmartPlaylists::kJobId}, {"status", "started"}});
        return;
      case Scheduler::RunNow::AlreadyRunning:
        throw ApiError(409, "already_running", result.message);
      case Scheduler::RunNow::Held:
        throw ApiError(409, "held", result.message);
      case Scheduler::RunNow::UnknownJob:
        throw ApiError(404, "unknown_job", result.message);
    }
  });
}

}  // namespace encore
