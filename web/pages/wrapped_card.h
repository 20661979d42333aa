// The shareable Wrapped card: drawn as SVG here, rasterised and encoded as WebP by the
// imaging module (libvips), which is loaded on the first card or image.
#pragma once

#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "artwork/imaging_module.h"

namespace encore {

/// The card as SVG (1080 x 1350), from the JSON of /api/stats/wrapped/{year}.
std::string wrappedCardSvg(const nlohmann::json &wrapped);

/// The imaging module cannot be loaded; what() says why.
struct ImagingUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The card as WebP bytes. Throws ImagingUnavailable without the module, and
/// std::runtime_error when drawing fails.
std::string renderWrappedCard(const nlohmann::json &wrapped, ImagingModule &imaging);

}  // namespace encore
