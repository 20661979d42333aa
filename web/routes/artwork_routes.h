// GET /artwork/{plugin}/{kind}/{id}.webp, GET /api/artwork, GET /api/artwork/errors
#pragma once

#include "artwork/artwork_cache.h"
#include "web/router.h"

namespace encore {

void addArtworkRoutes(Router &router, ArtworkCache &cache);

}  // namespace encore
