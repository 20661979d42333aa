#include "web/pages/wrapped_card.h"

#include <Poco/Logger.h>
#include <malloc.h>

#include <atomic>
#include <stdexcept>

#include "daemon/core/unicode_text.h"
#include "web/pages/html.h"

namespace encore {
namespace {

/// A name shortened to `columns` (wide characters and emoji count two), whole characters.
std::string clip(const std::string &text, size_t columns) {
  return text::clipColumns(text, columns);
}

/// The cached image of the first entry of `list`, if any.
std::optional<std::string> firstImage(const nlohmann::json &list, const ArtworkLookup &artwork) {
  if (!artwork || !list.is_array() || list.empty() || !list[0].contains("image") ||
      !list[0]["image"].is_string()) {
    return std::nullopt;
  }
  return artwork(list[0]["image"].get<std::string>());
}

/// Says once, in the log, that the card draws some names as boxes and what to install.
void warnAboutMissingGlyphs(ImageTranscoder &transcoder, const nlohmann::json &w) {
  static std::atomic<bool> warned{false};
  if (warned.load()) return;
  std::string names;
  for (const char *list : {"top_artists", "top_tracks"}) {
    for (const auto &entry : w[list]) names += entry.value("name", "") + "\n";
  }
  const int missing = transcoder.missingGlyphs(names, kCardFontFamilies);
  if (missing > 0 && !warned.exchange(true)) {
    Poco::Logger::get("web").warning(
        "the Wrapped card shows %d character(s) of its names as boxes: no installed font has "
        "them; install fonts-wqy-microhei and fonts-noto-color-emoji (or fonts-noto-cjk)",
        missing);
  }
}

std::string textAt(int x, int y, int size, const std::string &fill, const std::string &content,
                   const std::string &weight = "normal") {
  return "<text x=\"" + std::to_string(x) + "\" y=\"" + std::to_string(y) + "\" font-size=\"" +
         std::to_string(size) + "\" font-weight=\"" + weight + "\" fill=\"" + fill + "\">" +
         html::escape(content) + "</text>";
}

}  // namespace

std::string wrappedCardSvg(const nlohmann::json &w, bool artistImage, bool trackImage) {
  const auto &totals = w["totals"];
  std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1080\" height=\"1350\" "
      "font-family=\"" +
      std::string(kCardFontFamilies) +
      "\">"
      "<defs><linearGradient id=\"bg\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"1\"><stop offset=\"0\" "
      "stop-color=\"#0f2027\"/>"
      "<stop offset=\"0.55\" stop-color=\"#203a43\"/><stop offset=\"1\" "
      "stop-color=\"#1db954\"/></linearGradient></defs>"
      "<rect width=\"1080\" height=\"1350\" fill=\"url(#bg)\"/>";
  svg += textAt(80, 150, 44, "#b3f5c9", "Encore Wrapped");
  svg += textAt(80, 260, 120, "#ffffff", std::to_string(w["year"].get<int64_t>()), "bold");
  const double minutes = totals["minutes"].get<double>();
  svg += textAt(80, 380, 56, "#ffffff", html::thousands(static_cast<int64_t>(minutes)) + " minutes",
                "bold");
  svg += textAt(80, 440, 34, "#d7e7df",
                html::thousands(totals["plays"].get<int64_t>()) + " plays · " +
                    html::thousands(totals["artists"].get<int64_t>()) + " artists");
  int y = 560;
  svg += textAt(80, y, 36, "#b3f5c9", "Top artists", "bold");
  int rank = 1;
  for (const auto &a : w["top_artists"]) {
    y += 58;
    svg += textAt(
        80, y, 40, "#ffffff",
        std::to_string(rank++) + ". " + clip(a["name"].get<std::string>(), artistImage ? 28 : 34));
  }
  if (w["top_artists"].empty()) svg += textAt(80, y += 58, 36, "#d7e7df", "No plays this year yet");
  y += 100;
  svg += textAt(80, y, 36, "#b3f5c9", "Top tracks", "bold");
  rank = 1;
  for (const auto &t : w["top_tracks"]) {
    if (rank > 3) break;
    y += 54;
    svg += textAt(
        80, y, 34, "#ffffff",
        std::to_string(rank++) + ". " + clip(t["name"].get<std::string>(), trackImage ? 30 : 40));
  }
  const auto &personality = w["personality"];
  if (personality["profile"].is_string()) {
    svg += textAt(80, 1230, 34, "#b3f5c9", "You are");
    svg += textAt(80, 1285, 52, "#ffffff", personality["profile"].get<std::string>(), "bold");
  }
  return svg + "</svg>";
}

std::string renderWrappedCard(const nlohmann::json &wrapped, ImagingModule &imaging,
                              const ArtworkLookup &artwork) {
  ImageTranscoder *transcoder = imaging.get();
  if (transcoder == nullptr) throw ImagingUnavailable(imaging.error());
  const auto artistImage = firstImage(wrapped["top_artists"], artwork);
  const auto trackImage = firstImage(wrapped["top_tracks"], artwork);
  std::vector<SvgOverlay> overlays;
  if (artistImage) {
    overlays.push_back(
        {*artistImage, CardArtwork::kX, CardArtwork::kArtistY, CardArtwork::kArtistSize});
  }
  if (trackImage) {
    overlays.push_back(
        {*trackImage, CardArtwork::kX, CardArtwork::kTrackY, CardArtwork::kTrackSize});
  }
  warnAboutMissingGlyphs(*transcoder, wrapped);
  auto result = transcoder->renderSvg(
      wrappedCardSvg(wrapped, artistImage.has_value(), trackImage.has_value()), 85, overlays);
  // The server thread goes back to its pool: it keeps nothing of libvips'.
  transcoder->releaseThread();
  // Rasterising leaves megabytes of freed scratch memory in malloc's arenas; a daemon that
  // should sit at a few tens of MB gives it back.
  malloc_trim(0);
  if (!result.ok) throw std::runtime_error("cannot render the card: " + result.error);
  return std::move(result.webp);
}

}  // namespace encore
