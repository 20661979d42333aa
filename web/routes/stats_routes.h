// Route groups of the stats engine, the smart playlists and the HTML pages.
#pragma once

#include "web/router.h"
#include "web/web_services.h"

namespace encore {

class StatsEngine;
class SmartPlaylists;
class ArtworkCache;

/// GET /api/stats, /api/stats/{name}, /api/stats/wrapped/{year}
void addStatsRoutes(Router &router, StatsEngine &engine);
/// GET /api/playlists, GET /api/playlists/{key}, POST /api/playlists/push
void addPlaylistRoutes(Router &router, SmartPlaylists &playlists, Scheduler &scheduler);
/// GET /, /settings, /workers, /stats, /wrapped, /wrapped/{year}, /wrapped/{year}/card.webp,
/// /playlists and /assets/{file}
void addPageRoutes(Router &router, WebServices &services, StatsEngine &engine,
                   SmartPlaylists &playlists, ArtworkCache &artwork);

}  // namespace encore
