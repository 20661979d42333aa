// The shareable Wrapped card: drawn as SVG, rasterised and encoded as WebP by libvips.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace encore {

/// The card as SVG (1080 x 1350), from the JSON of /api/stats/wrapped/{year}.
std::string wrappedCardSvg(const nlohmann::json &wrapped);

/// The card as WebP bytes. Throws std::runtime_error when libvips fails.
std::string renderWrappedCard(const nlohmann::json &wrapped);

}  // namespace encore
