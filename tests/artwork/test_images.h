// Real images for the artwork tests, made with libvips, and checks of the WebP files the
// cache writes, made with libwebp's own decoder.
#pragma once

#include <cstdint>
#include <string>

namespace encore::test {

struct Rgb {
  int r, g, b;
};

/// A `width` x `height` image split into three vertical bands (left, middle, right) of the
/// given colours, or horizontal bands when `horizontal`. A centre crop keeps the middle.
std::string stripesImage(const char *format, int width, int height, Rgb left, Rgb middle, Rgb right,
                         bool horizontal = false);
/// A plain image; `format` is "jpeg", "png", "webp" or "gif".
std::string solidImage(const char *format, int width, int height, Rgb colour);
/// A detailed image (Perlin noise) whose encoded size depends on the quality.
std::string texturedImage(const char *format, int width, int height);
/// A JPEG carrying EXIF and an ICC profile, to check the output has no metadata.
std::string jpegWithMetadata(int width, int height);
std::string animatedGif(int width, int height, int frames);
std::string cmykJpeg(int width, int height);
/// A PNG whose header says `side` x `side` pixels (a decompression bomb: 30,000 x 30,000
/// is 900 megapixels in ~100 KB). Made once per process, it takes a second or two.
std::string bombPng(int side);
/// The first half of a JPEG.
std::string truncatedJpeg(int width, int height);

struct WebpFacts {
  bool valid = false;  // a WebP libwebp decodes
  int width = 0;
  int height = 0;
  bool animated = false;
  bool hasMetadata = false;  // EXIF, XMP or ICC chunks
};
WebpFacts inspectWebp(const std::string &bytes);
/// The pixel at (x, y) of a WebP, decoded with libwebp.
Rgb webpPixel(const std::string &bytes, int x, int y);
/// True when `a` is within `tolerance` of `b` in every channel (lossy encoding).
bool near(Rgb a, Rgb b, int tolerance = 40);

}  // namespace encore::test
