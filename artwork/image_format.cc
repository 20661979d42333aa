#include "artwork/image_format.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace encore {

ImageFormat sniffImageFormat(std::string_view data) {
  auto startsWith = [&](std::string_view magic, size_t at = 0) {
    return data.size() >= at + magic.size() && data.substr(at, magic.size()) == magic;
  };
  if (startsWith("\xFF\xD8\xFF")) return ImageFormat::Jpeg;
  if (startsWith("\x89PNG\r\n\x1A\n")) return ImageFormat::Png;
  if (startsWith("GIF87a") || startsWith("GIF89a")) return ImageFormat::Gif;
  if (startsWith("RIFF") && startsWith("WEBP", 8)) return ImageFormat::Webp;
  return ImageFormat::Unknown;
}

const char *imageFormatName(ImageFormat format) {
  switch (format) {
    case ImageFormat::Jpeg:
      return "JPEG";
    case ImageFormat::Png:
      return "PNG";
    case ImageFormat::Gif:
      return "GIF";
    case ImageFormat::Webp:
      return "WebP";
    case ImageFormat::Unknown:
      break;
  }
  return "unknown";
}

std::string describeNonImage(std::string_view data, std::string_view contentType) {
  if (data.empty()) return "an empty body";
  std::string head(data.substr(0, 512));
  std::transform(head.begin(), head.end(), head.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  const size_t start = head.find_first_not_of(" \t\r\n");
  const std::string_view trimmed =
      start == std::string::npos ? std::string_view() : std::string_view(head).substr(start);
  if (trimmed.starts_with("<!doctype html") || trimmed.starts_with("<html") ||
      contentType.find("html") != std::string_view::npos) {
    return "an HTML page";
  }
  if (trimmed.starts_with("<?xml") || trimmed.starts_with("<svg")) return "XML or SVG";
  if (trimmed.starts_with("{") || trimmed.starts_with("[")) return "JSON or text";
  char bytes[32];
  const auto *u = reinterpret_cast<const unsigned char *>(data.data());
  std::snprintf(bytes, sizeof bytes, "%02x %02x %02x %02x", u[0], data.size() > 1 ? u[1] : 0,
                data.size() > 2 ? u[2] : 0, data.size() > 3 ? u[3] : 0);
  return std::string("an unsupported format (first bytes ") + bytes + ")";
}

}  // namespace encore
