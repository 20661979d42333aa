// The Wrapped card through the real imaging module: names in every script drawn with
// real glyphs (never the box a font system draws for a character no font has), and the
// top artist's and top track's artwork when it is cached.
#include "web/pages/wrapped_card.h"

#include <gtest/gtest.h>
#include <webp/decode.h>

#include <climits>
#include <vector>

#include "test_images.h"

namespace encore {
namespace {

using test::near;
using test::Rgb;
using test::webpPixel;

constexpr Rgb kRed{255, 0, 0};
constexpr Rgb kBlue{0, 0, 255};

ImagingModule &module() {
  static ImagingModule imaging("", ImageLimits{});
  return imaging;
}

ImageTranscoder &transcoder() {
  ImageTranscoder *t = module().get();
  if (t == nullptr) throw std::runtime_error(module().error());
  return *t;
}

const char *const kNames[] = {"坂本龍一",       "아이유",    "Земфира",
                              "Ólafur Arnalds", "Sigur Rós", "👩🏽‍🎤 Singer",
                              "🇯🇵 Pop",         "🎸🔥 Band"};

/// A rendering as grey levels, decoded with libwebp.
struct Grey {
  int width = 0, height = 0;
  std::vector<uint8_t> level;
  bool ink(int x, int y) const { return level[static_cast<size_t>(y * width + x)] > 96; }
};

Grey decode(const std::string &webp) {
  Grey g;
  uint8_t *rgb = WebPDecodeRGB(reinterpret_cast<const uint8_t *>(webp.data()), webp.size(),
                               &g.width, &g.height);
  if (rgb == nullptr) throw std::runtime_error("not a WebP");
  g.level.resize(static_cast<size_t>(g.width) * g.height);
  for (size_t i = 0; i < g.level.size(); ++i) {
    g.level[i] = static_cast<uint8_t>((rgb[3 * i] + rgb[3 * i + 1] + rgb[3 * i + 2]) / 3);
  }
  WebPFree(rgb);
  return g;
}

/// `characters` drawn white on black, large, in `fonts` (the card's unless given), as the
/// card draws text.
Grey rendering(const std::string &characters, const std::string &fonts = kCardFontFamilies) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"480\" height=\"240\" font-family=\"" +
      fonts +
      "\"><rect width=\"480\" height=\"240\" fill=\"#000\"/><text x=\"20\" y=\"170\" "
      "font-size=\"120\" fill=\"#fff\">" +
      characters + "</text></svg>";
  auto result = transcoder().renderSvg(svg, 100, {});
  if (!result.ok) throw std::runtime_error(result.error);
  return decode(result.webp);
}

struct Box {
  int left = INT_MAX, top = INT_MAX, right = -1, bottom = -1;
  int height() const { return bottom - top + 1; }
};

Box inkBox(const Grey &g) {
  Box b;
  for (int y = 0; y < g.height; ++y) {
    for (int x = 0; x < g.width; ++x) {
      if (!g.ink(x, y)) continue;
      b.left = std::min(b.left, x);
      b.right = std::max(b.right, x);
      b.top = std::min(b.top, y);
      b.bottom = std::max(b.bottom, y);
    }
  }
  return b;
}

/// Whether `g` is drawn as the box(es) of a missing character: ink framed on all four
/// sides (the hex boxes Pango draws, side by side for several), as tall as `tofu`, the
/// rendering of a character no font has.
bool drawnAsTofu(const Grey &g, const Grey &tofu) {
  const Box box = inkBox(g), tofuBox = inkBox(tofu);
  if (box.right < 0 || std::abs(box.height() - tofuBox.height()) > 2) return false;
  auto share = [&](int x0, int y0, int dx, int dy, int n) {
    int inked = 0;
    for (int i = 0; i < n; ++i) inked += g.ink(x0 + i * dx, y0 + i * dy) ? 1 : 0;
    return static_cast<double>(inked) / n;
  };
  const int w = box.right - box.left + 1, h = box.height();
  return share(box.left, box.top, 0, 1, h) > 0.85 && share(box.right, box.top, 0, 1, h) > 0.85 &&
         share(box.left, box.top, 1, 0, w) > 0.75 && share(box.left, box.bottom, 1, 0, w) > 0.75;
}

TEST(WrappedCardText, NamesInEveryScriptHaveAGlyphForEveryCharacter) {
  // Pango, as the card's SVG is set: nothing unknown, while a character no font has
  // (U+0378 is unassigned) is counted.
  for (const char *name : kNames) {
    EXPECT_EQ(transcoder().missingGlyphs(name, kCardFontFamilies), 0) << name;
  }
  EXPECT_EQ(transcoder().missingGlyphs("a\u0378b", kCardFontFamilies), 1);

  // The pixels: each character's rendering beside the rendering of a character no font
  // has. The comparison recognises another missing character, and one of several.
  const Grey tofu = rendering("\u0378");
  ASSERT_TRUE(drawnAsTofu(rendering("\u0379"), tofu));
  ASSERT_TRUE(drawnAsTofu(rendering("\u0379\u0380"), tofu));
  ASSERT_FALSE(drawnAsTofu(rendering("Ab"), tofu));
  for (const char *character : {"坂", "本", "龍", "一", "아", "이", "유", "З", "ф", "Ó", "ó",
                                "👩🏽‍🎤", "🇯🇵", "🎸", "🔥"}) {
    EXPECT_FALSE(drawnAsTofu(rendering(character), tofu)) << character << " is drawn as a box";
  }
}

TEST(WrappedCardText, DigitsAndLatinTextKeepDejaVusShapes) {
  // The fallback fonts stay fallbacks: the year, the counts and the punctuation of the card
  // are DejaVu's, not the wide digits of an emoji or CJK font ranked first.
  for (const char *text : {"2026", "4,638", "1. Ab"}) {
    const Box card = inkBox(rendering(text)), dejaVu = inkBox(rendering(text, "DejaVu Sans"));
    ASSERT_GE(dejaVu.right, 0) << text;
    EXPECT_EQ(card.left, dejaVu.left) << text;
    EXPECT_EQ(card.right, dejaVu.right) << text;
    EXPECT_EQ(card.height(), dejaVu.height()) << text;
  }
}

nlohmann::json wrappedWith(const std::string &artist, const std::string &track) {
  return {{"year", 2025},
          {"totals", {{"minutes", 12345.6}, {"plays", 4321}, {"artists", 321}}},
          {"top_artists",
           {{{"name", artist}, {"plays", 300}, {"image", "/artwork/spotify/artists/a1.webp"}}}},
          {"top_tracks",
           {{{"name", track}, {"plays", 90}, {"image", "/artwork/spotify/albums/b2.webp"}}}},
          {"personality", {{"profile", "Night Owl"}}}};
}

TEST(WrappedCard, ShowsTheTopArtistsPictureAndTheTopTracksCoverWhenCached) {
  const nlohmann::json w = wrappedWith("坂本龍一", "戦場のメリークリスマス");
  const std::string picture = test::solidImage("webp", 300, 300, kRed);
  const std::string cover = test::stripesImage("jpeg", 640, 640, kBlue, kBlue, kBlue);
  std::vector<std::string> asked;
  const std::string card = renderWrappedCard(w, module(), [&](const std::string &url) {
    asked.push_back(url);
    return std::optional<std::string>(url.find("/artists/") != std::string::npos ? picture : cover);
  });
  EXPECT_EQ(asked, (std::vector<std::string>{"/artwork/spotify/artists/a1.webp",
                                             "/artwork/spotify/albums/b2.webp"}));
  const int artistCentre = CardArtwork::kArtistSize / 2, trackCentre = CardArtwork::kTrackSize / 2;
  for (int d : {-artistCentre + 4, 0, artistCentre - 5}) {
    EXPECT_TRUE(near(webpPixel(card, CardArtwork::kX + artistCentre + d,
                               CardArtwork::kArtistY + artistCentre - d),
                     kRed));
  }
  EXPECT_TRUE(near(
      webpPixel(card, CardArtwork::kX + trackCentre, CardArtwork::kTrackY + trackCentre), kBlue));

  // Nothing cached, or bytes that are no image: the card is drawn without them.
  for (const auto &lookup : std::vector<ArtworkLookup>{
           [](const std::string &) { return std::nullopt; },
           [](const std::string &) { return std::string("not an image"); }}) {
    const std::string plain = renderWrappedCard(w, module(), lookup);
    EXPECT_FALSE(
        near(webpPixel(plain, CardArtwork::kX + artistCentre, CardArtwork::kArtistY + artistCentre),
             kRed));
    EXPECT_FALSE(
        near(webpPixel(plain, CardArtwork::kX + trackCentre, CardArtwork::kTrackY + trackCentre),
             kBlue));
  }
}

TEST(WrappedCard, LongNamesAreShortenedBetweenCharacters) {
  const std::string longName = "坂本龍一坂本龍一坂本龍一坂本龍一坂本龍一坂本龍一";
  std::string manyEmoji;  // 20 of a four-code-point emoji: 40 columns
  for (int i = 0; i < 20; ++i) manyEmoji += "👩🏽‍🎤";
  const std::string svg = wrappedCardSvg(wrappedWith(longName, manyEmoji), true, true);
  // 28 columns beside the picture: 13 wide characters and the ellipsis.
  EXPECT_NE(svg.find(">1. 坂本龍一坂本龍一坂本龍一坂…</text>"), std::string::npos) << svg;
  // 30 columns beside the cover: 14 emoji of 4 code points each, never part of one.
  std::string emoji;
  for (int i = 0; i < 14; ++i) emoji += "👩🏽‍🎤";
  EXPECT_NE(svg.find(">1. " + emoji + "…</text>"), std::string::npos) << svg;
}

}  // namespace
}  // namespace encore
