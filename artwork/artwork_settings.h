// The cache's own host settings (owner "artwork") and the per-source toggle it obeys.
#pragma once

#include <cstdint>
#include <string>

#include "settings/settings.h"

namespace encore {

inline constexpr const char *kArtworkQualityKey = "artwork.webp_quality";
inline constexpr const char *kArtworkWorkersKey = "artwork.workers";
inline constexpr const char *kArtworkRequestsKey = "artwork.requests_per_minute";

/// Declares artwork.webp_quality (default 80), artwork.workers (default: the number of
/// cores) and artwork.requests_per_minute (per image host, default 600).
void declareArtworkSettings(Settings &settings);

/// `<source>.download_images` when the source declared it (the Spotify plugin does);
/// a source without that setting downloads. Read at each use, so a change applies at once.
bool downloadsEnabled(const Settings &settings, const std::string &source);

/// True when `key` is a setting the cache must react to at once.
bool isArtworkToggleKey(const std::string &key);

}  // namespace encore
