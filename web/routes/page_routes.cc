// The HTML pages, the Wrapped card and the embedded assets.
#include <Poco/Logger.h>

#include <map>

#include "artwork/artwork_cache.h"
#include "daemon/playlists/smart_playlists.h"
#include "daemon/stats/local_time.h"
#include "web/api_error.h"
#include "web/pages/assets.h"
#include "web/pages/pages.h"
#include "web/pages/wrapped_card.h"
#include "web/routes/stats_params.h"
#include "web/routes/stats_routes.h"

namespace encore {
namespace {

void sendPage(RequestContext &ctx, int status, const std::string &html) {
  ctx.sendText(status, "text/html; charset=utf-8", html);
}

}  // namespace

void addPageRoutes(Router &router, WebServices &s, StatsEngine &engine, SmartPlaylists &playlists,
                   ArtworkCache &artwork) {
  router.add("GET", "/", [&s, &engine](RequestContext &ctx) {
    sendPage(ctx, 200, pages::overview(s, engine));
  });
  router.add("GET", "/settings",
             [](RequestContext &ctx) { sendPage(ctx, 200, pages::settings()); });
  router.add("GET", "/workers",
             [&s](RequestContext &ctx) { sendPage(ctx, 200, pages::workers(s)); });
  router.add("GET", "/playlists", [&playlists](RequestContext &ctx) {
    sendPage(ctx, 200, pages::playlists(playlists));
  });

  router.add("GET", "/stats", [&engine](RequestContext &ctx) {
    StatsParams params;
    std::string error;
    try {
      params = statsParams(ctx);
      // "Dates…" without dates is all time.
      const bool noDates =
          params.range.from.value_or("").empty() && params.range.to.value_or("").empty();
      if (params.range.range == "custom" && noDates) params.range.range = "all";
      engine.resolve(params.range);
    } catch (const ApiError &e) {
      error = e.what();
    } catch (const RangeError &e) {
      error = e.what();
    }
    if (!error.empty()) {
      sendPage(ctx, 400, pages::stats(engine, params, error));
      return;
    }
    StatsRange range = engine.resolve(params.range);
    const std::string key = "page:stats|" + std::to_string(range.from) + "|" +
                            std::to_string(range.to) + "|" + range.zone->name() + "|" +
                            params.range.from.value_or("") + "|" + params.range.to.value_or("") +
                            "|" + range.preset + "|" + std::to_string(params.minPlays) + "|" +
                            engine.timeZoneName();
    sendPage(ctx, 200, *engine.cachedText(key, [&] { return pages::stats(engine, params, ""); }));
  });

  router.add("GET", "/wrapped", [&engine](RequestContext &ctx) {
    auto zone = zoneOrUtc(engine.timeZoneName());
    const int64_t year = civilFromDay(localDay(zone->toLocal(engine.nowSeconds()))).year;
    ctx.redirect("/wrapped/" + std::to_string(year));
  });
  router.add("GET", "/wrapped/{year}", [&engine](RequestContext &ctx) {
    const int64_t year = parseYear(ctx.param("year"));
    const std::string key = "page:wrapped|" + std::to_string(year) + "|" + engine.timeZoneName();
    sendPage(ctx, 200, *engine.cachedText(key, [&] { return pages::wrapped(engine, year); }));
  });
  router.add("GET", "/wrapped/{year}/card.webp", [&engine, &artwork](RequestContext &ctx) {
    const int64_t year = parseYear(ctx.param("year"));
    // Rendering costs a few hundred milliseconds; the card changes with the plays, and when
    // the artwork it shows is cached (the answer names the images; their tags go in the key).
    const nlohmann::json wrapped = nlohmann::json::parse(*engine.wrappedText(year, std::nullopt));
    std::string key = "card|" + std::to_string(year) + "|" + engine.timeZoneName();
    std::map<std::string, std::string> images;
    for (const char *list : {"top_artists", "top_tracks"}) {
      const auto &entries = wrapped[list];
      if (entries.empty() || !entries[0].contains("image") || !entries[0]["image"].is_string())
        continue;
      const std::string url = entries[0]["image"].get<std::string>();
      auto cacheKey = keyOfServedPath(url);
      auto file = cacheKey ? artwork.files().read(*cacheKey) : std::nullopt;
      if (!file) continue;
      key += "|" + file->etag;
      images[url] = std::move(file->content);
    }
    const ArtworkLookup lookup = [&images](const std::string &url) -> std::optional<std::string> {
      auto it = images.find(url);
      if (it == images.end()) return std::nullopt;
      return it->second;
    };
    std::shared_ptr<const std::string> webp;
    try {
      webp = engine.cachedText(
          key, [&] { return renderWrappedCard(wrapped, artwork.imaging(), lookup); });
    } catch (const ImagingUnavailable &e) {
      throw ApiError(503, "imaging_unavailable", e.what());
    }
    ctx.response().set("Content-Disposition",
                       "inline; filename=\"encore-wrapped-" + std::to_string(year) + ".webp\"");
    ctx.sendText(200, "image/webp", *webp);
  });

  router.add("GET", "/assets/{file}", [](RequestContext &ctx) {
    const std::string &name = ctx.param("file");
    for (const auto &asset : embeddedAssets()) {
      if (asset.name != name) continue;
      // Assets change only with the binary; a restart after an upgrade must not serve a
      // stale copy for long, so they are cached briefly.
      ctx.response().set("Cache-Control", "public, max-age=300");
      ctx.sendText(200, std::string(asset.contentType), std::string(asset.body));
      return;
    }
    throw ApiError(404, "not_found", "no such asset");
  });
}

}  // namespace encore
