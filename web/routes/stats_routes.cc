// GET /api/stats: the stats engine's queries as JSON.
#include "web/routes/stats_routes.h"

#include "daemon/stats/stats_engine.h"
#include "web/api_error.h"
#include "web/routes/stats_params.h"

namespace encore {

void addStatsRoutes(Router &router, StatsEngine &engine) {
  router.add("GET", "/api/stats", [&engine](RequestContext &ctx) {
    const size_t plays = engine.playCount();
    nlohmann::json endpoints = nlohmann::json::array();
    for (const auto &name : StatsEngine::queryNames()) endpoints.push_back("/api/stats/" + name);
    endpoints.push_back("/api/stats/wrapped/{year}");
    ctx.sendJson(200, {{"timezone", engine.timeZoneName()},
                       {"plays", plays},
                       {"index_bytes", engine.index().memoryBytes()},
                       {"endpoints", endpoints},
                       {"ranges", {"4w", "6m", "1y", "all"}}});
  });

  router.add("GET", "/api/stats/{name}", [&engine](RequestContext &ctx) {
    const std::string &name = ctx.param("name");
    if (!StatsEngine::isQuery(name))
      throw ApiError(404, "not_found", "no statistic named '" + name.substr(0, 64) + "'");
    StatsParams params = statsParams(ctx);
    try {
      ctx.sendText(200, "application/json", *engine.queryText(name, params));
    } catch (const RangeError &e) {
      throw ApiError(400, "invalid_query", e.what(), {{e.field(), e.what()}});
    }
  });

  router.add("GET", "/api/stats/wrapped/{year}", [&engine](RequestContext &ctx) {
    int64_t year = parseYear(ctx.param("year"));
    try {
      ctx.sendText(200, "application/json", *engine.wrappedText(year, ctx.query("tz")));
    } catch (const RangeError &e) {
      throw ApiError(400, "invalid_query", e.what(), {{e.field(), e.what()}});
    }
  });
}

}  // namespace encore
