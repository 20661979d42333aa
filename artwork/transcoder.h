// The image work itself -- decode, centre-crop thumbnail, WebP encode; and rasterising
// the daemon's own SVG drawings -- behind an interface, because it lives in a module of its own
// (imaging/) that the cache loads on first use: libvips pulls in about a hundred shared libraries
// (~15 MB of resident memory) that a daemon with no artwork to make must not carry.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace encore {

/// What the decoder accepts. Checked on the header, before any pixel is decoded.
struct ImageLimits {
  int64_t maxInputPixels = 40'000'000;  // a 30,000 x 30,000 "bomb" is 900 megapixels
  int maxInputSide = 12'000;
  int minInputSide = 16;  // a 1x1 tracking pixel is not artwork
};

struct TranscodeResult {
  bool ok = false;
  std::string webp;   // the encoded file when ok
  std::string error;  // why not, e.g. "animated image (12 frames)"
  int width = 0;      // of the encoded image
  int height = 0;
};

/// An image drawn over a rendered SVG (artwork on the Wrapped card): any format transcode()
/// accepts, scaled to cover a `size` x `size` square at (x, y), cropped around its centre.
struct SvgOverlay {
  std::string_view image;
  int x = 0, y = 0, size = 0;
};

class ImageTranscoder {
 public:
  virtual ~ImageTranscoder() = default;

  /// Decodes `input` (a JPEG, PNG, GIF or WebP still image) and returns a `width` x
  /// `height` WebP: shrunk on load, scaled to cover, cropped around the centre, at
  /// `quality` (1-100), metadata stripped. Refuses animations, CMYK, truncated data and
  /// anything outside the limits. Any thread; calls may run in parallel.
  virtual TranscodeResult transcode(std::string_view input, int width, int height, int quality) = 0;

  /// Rasterises `svg` at its own size, draws `overlays` over it in order, and encodes it as
  /// a WebP at `quality` (1-100). For drawings the daemon makes itself, such as the Wrapped
  /// card: fetched data never comes here as SVG, and transcode() refuses SVG. An overlay
  /// that cannot be decoded or is outside the limits is left out. Text is set by Pango
  /// with fonts found through fontconfig: a family list falls back, glyph by glyph, on any
  /// installed font that has the character. Any thread.
  virtual TranscodeResult renderSvg(std::string_view svg, int quality,
                                    const std::vector<SvgOverlay> &overlays) = 0;

  /// How many characters of `utf8` no installed font would draw (shown as boxes) when set
  /// in `fontFamilies` ("DejaVu Sans, WenQuanYi Micro Hei, sans-serif"), the way renderSvg()
  /// sets text. Any thread.
  virtual int missingGlyphs(std::string_view utf8, const std::string &fontFamilies) = 0;

  /// Releases what the calling thread holds inside the image library. A worker thread
  /// calls it before it ends.
  virtual void releaseThread() = 0;
};

}  // namespace encore

/// The module's one exported function (see imaging/): a transcoder with `limits`, or
/// nullptr with a message in `error` (NUL-terminated, at most `errorSize` bytes).
extern "C" {
using encore_imaging_create_fn = encore::ImageTranscoder *(*)(const encore::ImageLimits *limits,
                                                              char *error, size_t errorSize);
}
#define ENCORE_IMAGING_CREATE_SYMBOL "encore_imaging_create"
