// Which of an entity's images to download: the smallest one at least as large as the
// thumbnail, so the cache never upscales when it need not and never fetches a 2000 px
// original for a 300 px square.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace encore {

/// Picks from `imagesJson` (the record store's normalised list
/// [{"url", "width"?, "height"?}]) the image for a `targetSize`-square thumbnail:
///  1. the smallest (by its shorter side) whose both sides are >= targetSize;
///  2. else the first one of unknown size (sources list their largest first);
///  3. else the largest one.
/// nullopt when the list is empty or is not such a list.
std::optional<std::string> pickBestImage(std::string_view imagesJson, int targetSize);

}  // namespace encore
