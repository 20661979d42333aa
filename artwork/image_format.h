// Recognises the four formats the cache accepts from their first bytes, before any
// decoder sees the data: an HTML error page, a PDF or an SVG never reaches libvips, whose
// other loaders (PDF, SVG, HEIF, ImageMagick...) are more attack surface than a cover
// cache needs.
#pragma once

#include <string>
#include <string_view>

namespace encore {

enum class ImageFormat { Unknown, Jpeg, Png, Gif, Webp };

ImageFormat sniffImageFormat(std::string_view data);
const char *imageFormatName(ImageFormat format);

/// Why `data` is not an image, for the per-entity error: "an HTML page", "text",
/// "an empty body", "an unsupported format (first bytes 25 50 44 46)".
std::string describeNonImage(std::string_view data, std::string_view contentType);

}  // namespace encore
