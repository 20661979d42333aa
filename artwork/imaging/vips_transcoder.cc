// The libvips side of the artwork cache, built as a module of its own (encore_imaging.so)
// so the daemon maps libvips and its ~100 libraries only once there is an image to make.
//
// Per image: the header is read first (nothing decoded yet) and checked against the
// limits -- size, pixel count, frames, colour space -- then vips_thumbnail_buffer decodes
// with shrink-on-load and sequential access, scales to cover the target and crops around
// the centre (an embedded colour profile is converted to sRGB), and libwebp encodes the
// pixels into a WebP without metadata, checked with libwebp's decoder.
//
// The daemon's own drawings (the Wrapped card) are SVG rasterised by librsvg, which sets
// text with Pango over fontconfig; missingGlyphs() asks Pango the same question.
#include <pango/pangocairo.h>
#include <vips/vips.h>
#include <webp/decode.h>
#include <webp/encode.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string>

#include "artwork/transcoder.h"

namespace encore {
namespace {

/// Owns one reference to a VipsImage.
class ImageRef {
 public:
  ImageRef() = default;
  explicit ImageRef(VipsImage *image) : image_(image) {}
  ~ImageRef() {
    if (image_ != nullptr) g_object_unref(image_);
  }
  ImageRef(const ImageRef &) = delete;
  ImageRef &operator=(const ImageRef &) = delete;
  VipsImage **out() { return &image_; }
  VipsImage *get() const { return image_; }

 private:
  VipsImage *image_ = nullptr;
};

/// The first line of libvips' error buffer, which is then cleared.
std::string takeVipsError() {
  char *text = vips_error_buffer_copy();
  std::string message = text != nullptr ? text : "";
  g_free(text);
  if (auto nl = message.find('\n'); nl != std::string::npos) message.resize(nl);
  if (message.size() > 300) message.resize(300);
  return message.empty() ? "unknown libvips error" : message;
}

/// libvips reports recoverable decoder trouble ("Premature end of JPEG file") as GLib
/// warnings on stderr; the failure itself comes back as an error, so they are dropped.
void dropWarning(const gchar *, GLogLevelFlags, const gchar *, gpointer) {}

/// The loaders of the four artwork formats (libvips class names; each has file, buffer
/// and source subclasses).
constexpr const char *kArtworkLoaders[] = {"VipsForeignLoadJpeg", "VipsForeignLoadPng",
                                           "VipsForeignLoadNsgif", "VipsForeignLoadWebp"};

/// Only the loaders the module needs may run: the four artwork formats, and SVG for the
/// daemon's own drawings (renderSvg). transcode() also checks that fetched data goes to
/// one of the four, so an SVG from the network is never parsed.
void restrictLoaders() {
  vips_block_untrusted_set(TRUE);
  vips_operation_block_set("VipsForeignLoad", TRUE);
  for (const char *allowed : kArtworkLoaders) vips_operation_block_set(allowed, FALSE);
  vips_operation_block_set("VipsForeignLoadSvg", FALSE);
}

/// Whether libvips would read `input` with one of the four artwork loaders.
bool isArtworkFormat(std::string_view input) {
  const char *loader = vips_foreign_find_load_buffer(input.data(), input.size());
  if (loader == nullptr) {
    vips_error_clear();
    return false;
  }
  const std::string_view name(loader);
  for (const char *allowed : kArtworkLoaders) {
    if (name.rfind(allowed, 0) == 0) return true;
  }
  return false;
}

class VipsTranscoder : public ImageTranscoder {
 public:
  explicit VipsTranscoder(const ImageLimits &limits) : limits_(limits) {}

  TranscodeResult transcode(std::string_view input, int width, int height, int quality) override {
    TranscodeResult result;
    if (!isArtworkFormat(input)) {
      result.error = "not a JPEG, PNG, GIF or WebP image";
      return result;
    }
    bool hasProfile = false;
    if (auto problem = checkHeader(input, hasProfile); !problem.empty()) {
      result.error = problem;
      return result;
    }
    ImageRef thumb;
    // fail_on=truncated goes through the loader's option string: libvips 8.14 ignores the
    // thumbnail's own fail_on for buffers, and a truncated JPEG would become a grey block.
    // An embedded profile (Adobe RGB, Display P3...) is converted to sRGB, since the output
    // carries none; an image without one is sRGB already and is left alone (a round trip
    // through the built-in profile shifts saturated colours). A null option name ends the
    // argument list, so without a profile the last pair is not passed.
    const char *exportProfile = hasProfile ? "srgb" : nullptr;
    if (vips_thumbnail_buffer(const_cast<char *>(input.data()), input.size(), thumb.out(), width,
                              "height", height, "crop", VIPS_INTERESTING_CENTRE, "option_string",
                              "fail_on=truncated", exportProfile ? "export_profile" : nullptr,
                              exportProfile, nullptr) != 0) {
      result.error = "cannot decode the image: " + takeVipsError();
      return result;
    }
    if (auto error = encodeWebp(thumb.get(), quality, result.webp); !error.empty()) {
      result.error = error;
      return result;
    }
    if (!WebPGetInfo(reinterpret_cast<const uint8_t *>(result.webp.data()), result.webp.size(),
                     &result.width, &result.height) ||
        result.width != width || result.height != height) {
      result.error = "the encoder produced " + std::to_string(result.width) + "x" +
                     std::to_string(result.height) + " instead of " + std::to_string(width) + "x" +
                     std::to_string(height);
      result.webp.clear();
      return result;
    }
    result.ok = true;
    return result;
  }

  TranscodeResult renderSvg(std::string_view svg, int quality,
                            const std::vector<SvgOverlay> &overlays) override {
    TranscodeResult result;
    ImageRef drawn;
    if (vips_svgload_buffer(const_cast<char *>(svg.data()), svg.size(), drawn.out(), nullptr) !=
        0) {
      result.error = "cannot draw the SVG: " + takeVipsError();
      return result;
    }
    ImageRef canvas;
    if (vips_colourspace(drawn.get(), canvas.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0) {
      result.error = "cannot draw the SVG: " + takeVipsError();
      return result;
    }
    for (const auto &overlay : overlays) {
      ImageRef next;
      if (!drawOver(canvas.get(), overlay, next)) continue;
      std::swap(*canvas.out(), *next.out());
    }
    if (auto error = encodeWebp(canvas.get(), quality, result.webp); !error.empty()) {
      result.error = error;
      return result;
    }
    result.width = vips_image_get_width(canvas.get());
    result.height = vips_image_get_height(canvas.get());
    result.ok = true;
    return result;
  }

  int missingGlyphs(std::string_view utf8, const std::string &fontFamilies) override {
    // A font map of its own, released with the layout: nothing stays with the thread.
    PangoFontMap *fonts = pango_cairo_font_map_new();
    PangoContext *context = pango_font_map_create_context(fonts);
    PangoLayout *layout = pango_layout_new(context);
    PangoFontDescription *font = pango_font_description_new();
    pango_font_description_set_family(font, fontFamilies.c_str());
    pango_font_description_set_absolute_size(font, 40 * PANGO_SCALE);
    pango_layout_set_font_description(layout, font);
    pango_layout_set_text(layout, utf8.data(), static_cast<int>(utf8.size()));
    const int missing = pango_layout_get_unknown_glyphs_count(layout);
    pango_font_description_free(font);
    g_object_unref(layout);
    g_object_unref(context);
    g_object_unref(fonts);
    return missing;
  }

  void releaseThread() override { vips_thread_shutdown(); }

 private:
  /// `base` with `overlay` scaled over it, into `out`; false (and `out` untouched) when the
  /// overlay is not an image transcode() would take or does not fit.
  bool drawOver(VipsImage *base, const SvgOverlay &overlay, ImageRef &out) const {
    bool hasProfile = false;
    if (overlay.size <= 0 || overlay.x < 0 || overlay.y < 0 ||
        overlay.x + overlay.size > vips_image_get_width(base) ||
        overlay.y + overlay.size > vips_image_get_height(base) || !isArtworkFormat(overlay.image) ||
        !checkHeader(overlay.image, hasProfile).empty()) {
      return false;
    }
    ImageRef thumb, srgb, opaque;
    const char *exportProfile = hasProfile ? "srgb" : nullptr;
    bool ok = vips_thumbnail_buffer(const_cast<char *>(overlay.image.data()), overlay.image.size(),
                                    thumb.out(), overlay.size, "height", overlay.size, "crop",
                                    VIPS_INTERESTING_CENTRE, "option_string", "fail_on=truncated",
                                    exportProfile ? "export_profile" : nullptr, exportProfile,
                                    nullptr) == 0 &&
              vips_colourspace(thumb.get(), srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) == 0;
    // The card is opaque RGBA: an overlay without alpha gets an opaque one.
    VipsImage *withAlpha = srgb.get();
    if (ok && vips_image_get_bands(srgb.get()) == 3) {
      ok = vips_bandjoin_const1(srgb.get(), opaque.out(), 255.0, nullptr) == 0;
      withAlpha = opaque.get();
    }
    if (ok) {
      ok = vips_composite2(base, withAlpha, out.out(), VIPS_BLEND_MODE_OVER, "x", overlay.x, "y",
                           overlay.y, nullptr) == 0;
    }
    if (!ok) vips_error_clear();
    return ok;
  }

  /// Computes the pixels (this is where decoding happens and fails) as 8-bit sRGB and
  /// encodes them with libwebp's simple encoder, whose files carry no metadata at all:
  /// libvips 8.14's webpsave writes an EXIF chunk even with strip set.
  static std::string encodeWebp(VipsImage *thumb, int quality, std::string &out) {
    ImageRef srgb, bytes;
    if (vips_colourspace(thumb, srgb.out(), VIPS_INTERPRETATION_sRGB, nullptr) != 0 ||
        vips_cast_uchar(srgb.get(), bytes.out(), nullptr) != 0) {
      return "cannot convert the image to sRGB: " + takeVipsError();
    }
    const int width = vips_image_get_width(bytes.get());
    const int height = vips_image_get_height(bytes.get());
    const int bands = vips_image_get_bands(bytes.get());
    if (bands != 3 && bands != 4) return "unexpected " + std::to_string(bands) + "-band image";
    size_t size = 0;
    void *pixels = vips_image_write_to_memory(bytes.get(), &size);
    if (pixels == nullptr) return "cannot decode the image: " + takeVipsError();
    uint8_t *encoded = nullptr;
    const auto *rgb = static_cast<const uint8_t *>(pixels);
    const float q = static_cast<float>(std::clamp(quality, 1, 100));
    size_t length = bands == 4 ? WebPEncodeRGBA(rgb, width, height, width * 4, q, &encoded)
                               : WebPEncodeRGB(rgb, width, height, width * 3, q, &encoded);
    g_free(pixels);
    if (length == 0 || encoded == nullptr) return "the WebP encoder failed";
    out.assign(reinterpret_cast<const char *>(encoded), length);
    WebPFree(encoded);
    return {};
  }

  /// Reads the header only and says what is wrong with the image, or "".
  std::string checkHeader(std::string_view input, bool &hasProfile) const {
    ImageRef header(vips_image_new_from_buffer(input.data(), input.size(), "", "access",
                                               VIPS_ACCESS_SEQUENTIAL, nullptr));
    if (header.get() == nullptr) return "cannot read the image: " + takeVipsError();
    const int w = vips_image_get_width(header.get());
    const int h = vips_image_get_height(header.get());
    const std::string size = std::to_string(w) + "x" + std::to_string(h);
    if (w > limits_.maxInputSide || h > limits_.maxInputSide ||
        static_cast<int64_t>(w) * h > limits_.maxInputPixels) {
      return "image of " + size + " pixels is over the limit of " +
             std::to_string(limits_.maxInputPixels / 1'000'000) + " megapixels or " +
             std::to_string(limits_.maxInputSide) + " pixels a side";
    }
    if (w < limits_.minInputSide || h < limits_.minInputSide) {
      return "image of " + size + " pixels is too small to be artwork (under " +
             std::to_string(limits_.minInputSide) + " pixels a side)";
    }
    if (int pages = vips_image_get_n_pages(header.get()); pages > 1) {
      return "animated image (" + std::to_string(pages) + " frames); a still image is expected";
    }
    if (vips_image_get_interpretation(header.get()) == VIPS_INTERPRETATION_CMYK) {
      return "CMYK image; an RGB or greyscale image is expected";
    }
    hasProfile = vips_image_get_typeof(header.get(), VIPS_META_ICC_NAME) != 0;
    return {};
  }

  ImageLimits limits_;
};

std::once_flag initOnce;
std::string initError;

void initialise() {
  if (VIPS_INIT("encored") != 0) {
    initError = "libvips failed to start: " + takeVipsError();
    return;
  }
  restrictLoaders();
  // One image per worker thread is the parallelism; a result is never asked for twice,
  // so libvips' operation cache would only hold memory.
  vips_concurrency_set(1);
  vips_cache_set_max(0);
  vips_cache_set_max_mem(0);
  vips_cache_set_max_files(0);
  g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, dropWarning, nullptr);
}

}  // namespace
}  // namespace encore

extern "C" __attribute__((visibility("default"))) encore::ImageTranscoder *encore_imaging_create(
    const encore::ImageLimits *limits, char *error, size_t errorSize) {
  try {
    std::call_once(encore::initOnce, encore::initialise);
    if (!encore::initError.empty()) {
      if (error != nullptr && errorSize > 0) {
        std::snprintf(error, errorSize, "%s", encore::initError.c_str());
      }
      return nullptr;
    }
    return new encore::VipsTranscoder(limits != nullptr ? *limits : encore::ImageLimits{});
  } catch (const std::exception &e) {
    if (error != nullptr && errorSize > 0) std::snprintf(error, errorSize, "%s", e.what());
    return nullptr;
  }
}
