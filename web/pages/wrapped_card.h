// The shareable Wrapped card: drawn as SVG here, rasterised and encoded as WebP by the
// imaging module (libvips), which is loaded on the first card or image. Names in every
// script: the fonts below are found through fontconfig, and Pango falls back glyph by glyph
// on any installed font that has a character the first ones lack.
#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

#include "artwork/imaging_module.h"

namespace encore {

/// The card's fonts, in order of preference: DejaVu (Latin, Greek, Cyrillic), Noto Sans CJK
/// when installed (Japanese forms of the Han characters), WenQuanYi Micro Hei (Chinese,
/// Japanese, Korean; the light dependency). Emoji come from Noto Color Emoji by fallback:
/// naming it here makes fontconfig rank it first, and its digits and punctuation (keycap
/// bases, drawn a full emoji wide) would replace DejaVu's. scripts/install-deps.sh installs
/// all but Noto Sans CJK.
inline constexpr const char *kCardFontFamilies =
    "DejaVu Sans, Noto Sans CJK JP, WenQuanYi Micro Hei, sans-serif";

/// Where the card's artwork sits: the top artist's picture and the top track's cover.
struct CardArtwork {
  static constexpr int kX = 780, kArtistY = 590, kArtistSize = 220, kTrackY = 990, kTrackSize = 160;
};

/// The cached image (WebP bytes) an `image` URL of the stats answers names
/// ("/artwork/spotify/artists/<id>.webp"), or nullopt when it is not cached.
using ArtworkLookup = std::function<std::optional<std::string>(const std::string &imageUrl)>;

/// The card as SVG (1080 x 1350), from the JSON of /api/stats/wrapped/{year}; the names
/// leave room on the right for the artwork when `artistImage` / `trackImage`.
std::string wrappedCardSvg(const nlohmann::json &wrapped, bool artistImage = false,
                           bool trackImage = false);

/// The imaging module cannot be loaded; what() says why.
struct ImagingUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// The card as WebP bytes, with the artwork `artwork` finds. Throws ImagingUnavailable
/// without the module, and std::runtime_error when drawing fails. Logs a warning once when
/// a name has characters no installed font has.
std::string renderWrappedCard(const nlohmann::json &wrapped, ImagingModule &imaging,
                              const ArtworkLookup &artwork);

}  // namespace encore
