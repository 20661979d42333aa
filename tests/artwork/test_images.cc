#include "test_images.h"

#include <vips/vips.h>
#include <webp/decode.h>
#include <webp/demux.h>

#include <cstdlib>
#include <cstring>
#include <map>
#include <mutex>
#include <stdexcept>
#include <vector>

namespace encore::test {
namespace {

void initVips() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (VIPS_INIT("encore-tests") != 0) throw std::runtime_error("libvips failed to start");
  });
}

/// Owns a VipsImage reference.
struct Img {
  VipsImage *p = nullptr;
  Img() = default;
  explicit Img(VipsImage *image) : p(image) {}
  Img(Img &&o) noexcept : p(o.p) { o.p = nullptr; }
  Img &operator=(Img &&o) noexcept {
    std::swap(p, o.p);
    return *this;
  }
  ~Img() {
    if (p != nullptr) g_object_unref(p);
  }
};

[[noreturn]] void fail(const char *what) {
  std::string message = std::string(what) + ": " + vips_error_buffer();
  vips_error_clear();
  throw std::runtime_error(message);
}

Img solid(int width, int height, Rgb c) {
  initVips();
  Img black, out;
  if (vips_black(&black.p, width, height, "bands", 3, nullptr) != 0) fail("black");
  double a[3] = {1, 1, 1};
  double b[3] = {static_cast<double>(c.r), static_cast<double>(c.g), static_cast<double>(c.b)};
  if (vips_linear(black.p, &out.p, a, b, 3, "uchar", TRUE, nullptr) != 0) fail("linear");
  return out;
}

std::string save(const char *format, VipsImage *image) {
  void *buffer = nullptr;
  size_t length = 0;
  int rc = -1;
  if (std::strcmp(format, "jpeg") == 0) {
    rc = vips_jpegsave_buffer(image, &buffer, &length, "Q", 92, nullptr);
  } else if (std::strcmp(format, "png") == 0) {
    rc = vips_pngsave_buffer(image, &buffer, &length, nullptr);
  } else if (std::strcmp(format, "webp") == 0) {
    rc = vips_webpsave_buffer(image, &buffer, &length, "Q", 92, nullptr);
  } else if (std::strcmp(format, "gif") == 0) {
    rc = vips_gifsave_buffer(image, &buffer, &length, nullptr);
  }
  if (rc != 0) fail(format);
  std::string out(static_cast<const char *>(buffer), length);
  g_free(buffer);
  return out;
}

}  // namespace

std::string solidImage(const char *format, int width, int height, Rgb colour) {
  return save(format, solid(width, height, colour).p);
}

std::string stripesImage(const char *format, int width, int height, Rgb left, Rgb middle, Rgb right,
                         bool horizontal) {
  const int third = (horizontal ? height : width) / 3;
  const int rest = (horizontal ? height : width) - 2 * third;
  auto band = [&](int size, Rgb c) {
    return horizontal ? solid(width, size, c) : solid(size, height, c);
  };
  Img parts[3] = {band(third, left), band(rest, middle), band(third, right)};
  VipsImage *in[3] = {parts[0].p, parts[1].p, parts[2].p};
  Img joined;
  if (vips_arrayjoin(in, &joined.p, 3, "across", horizontal ? 1 : 3, nullptr) != 0) {
    fail("arrayjoin");
  }
  return save(format, joined.p);
}

std::string texturedImage(const char *format, int width, int height) {
  initVips();
  Img noise, grey, bytes;
  if (vips_perlin(&noise.p, width, height, "cell_size", 16, nullptr) != 0) fail("perlin");
  if (vips_linear1(noise.p, &bytes.p, 120.0, 128.0, "uchar", TRUE, nullptr) != 0) fail("linear");
  VipsImage *bands[3] = {bytes.p, bytes.p, bytes.p};
  if (vips_bandjoin(bands, &grey.p, 3, nullptr) != 0) fail("bandjoin");
  return save(format, grey.p);
}

std::string jpegWithMetadata(int width, int height) {
  Img base = solid(width, height, {200, 100, 50});
  Img tagged;
  // Transforming to sRGB attaches the sRGB profile (an ICC chunk); EXIF and XMP are set.
  if (vips_icc_transform(base.p, &tagged.p, "srgb", "input_profile", "srgb", nullptr) != 0) {
    fail("icc_transform");
  }
  vips_image_set_string(tagged.p, "exif-ifd0-ImageDescription", "encore test cover");
  const char *xmp = "<x:xmpmeta xmlns:x='adobe:ns:meta/'></x:xmpmeta>";
  vips_image_set_blob_copy(tagged.p, "xmp-data", xmp, std::strlen(xmp));
  return save("jpeg", tagged.p);
}

std::string animatedGif(int width, int height, int frames) {
  std::vector<Img> pages;
  std::vector<VipsImage *> in;
  for (int i = 0; i < frames; ++i) {
    pages.push_back(solid(width, height, {i * 60 % 256, 80, 200 - i * 40 % 200}));
    in.push_back(pages.back().p);
  }
  Img strip, animation;
  if (vips_arrayjoin(in.data(), &strip.p, frames, "across", 1, nullptr) != 0) fail("arrayjoin");
  if (vips_copy(strip.p, &animation.p, nullptr) != 0) fail("copy");
  vips_image_set_int(animation.p, "page-height", height);
  vips_image_set_int(animation.p, "n-pages", frames);
  return save("gif", animation.p);
}

std::string cmykJpeg(int width, int height) {
  Img rgb = solid(width, height, {30, 160, 90});
  Img cmyk;
  if (vips_colourspace(rgb.p, &cmyk.p, VIPS_INTERPRETATION_CMYK, nullptr) != 0) fail("cmyk");
  return save("jpeg", cmyk.p);
}

std::string bombPng(int side) {
  static std::mutex mutex;
  static std::map<int, std::string> made;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = made.find(side); it != made.end()) return it->second;
  initVips();
  Img black;
  if (vips_black(&black.p, side, side, nullptr) != 0) fail("black");
  Img byte;
  if (vips_cast_uchar(black.p, &byte.p, nullptr) != 0) fail("cast");
  void *buffer = nullptr;
  size_t length = 0;
  // One bit a pixel and maximum deflate: 900 megapixels in about 110 KB.
  if (vips_pngsave_buffer(byte.p, &buffer, &length, "bitdepth", 1, "compression", 9, nullptr) !=
      0) {
    fail("pngsave");
  }
  std::string out(static_cast<const char *>(buffer), length);
  g_free(buffer);
  made[side] = out;
  return out;
}

std::string truncatedJpeg(int width, int height) {
  std::string whole = stripesImage("jpeg", width, height, {255, 0, 0}, {0, 255, 0}, {0, 0, 255});
  return whole.substr(0, whole.size() / 2);
}

WebpFacts inspectWebp(const std::string &bytes) {
  WebpFacts facts;
  const auto *data = reinterpret_cast<const uint8_t *>(bytes.data());
  WebPBitstreamFeatures features;
  if (WebPGetFeatures(data, bytes.size(), &features) != VP8_STATUS_OK) return facts;
  int w = 0, h = 0;
  uint8_t *pixels = WebPDecodeRGBA(data, bytes.size(), &w, &h);
  if (pixels == nullptr) return facts;
  WebPFree(pixels);
  facts.valid = true;
  facts.width = w;
  facts.height = h;
  facts.animated = features.has_animation != 0;
  WebPData whole = {data, bytes.size()};
  if (WebPDemuxer *demux = WebPDemux(&whole)) {
    const uint32_t flags = WebPDemuxGetI(demux, WEBP_FF_FORMAT_FLAGS);
    facts.hasMetadata = (flags & (ICCP_FLAG | EXIF_FLAG | XMP_FLAG)) != 0;
    for (const char *fourcc : {"ICCP", "EXIF", "XMP "}) {
      WebPChunkIterator chunk;
      if (WebPDemuxGetChunk(demux, fourcc, 1, &chunk)) {
        facts.hasMetadata = true;
        WebPDemuxReleaseChunkIterator(&chunk);
      }
    }
    WebPDemuxDelete(demux);
  }
  return facts;
}

Rgb webpPixel(const std::string &bytes, int x, int y) {
  int w = 0, h = 0;
  uint8_t *pixels =
      WebPDecodeRGB(reinterpret_cast<const uint8_t *>(bytes.data()), bytes.size(), &w, &h);
  if (pixels == nullptr) throw std::runtime_error("not a WebP");
  if (x < 0 || y < 0 || x >= w || y >= h) {
    WebPFree(pixels);
    throw std::out_of_range("pixel outside the image");
  }
  const uint8_t *p = pixels + (static_cast<size_t>(y) * w + x) * 3;
  Rgb out{p[0], p[1], p[2]};
  WebPFree(pixels);
  return out;
}

bool near(Rgb a, Rgb b, int tolerance) {
  return std::abs(a.r - b.r) <= tolerance && std::abs(a.g - b.g) <= tolerance &&
         std::abs(a.b - b.b) <= tolerance;
}

}  // namespace encore::test
