// The imaging module (libvips) loaded as the daemon loads it, fed real images made by
// libvips, its output checked with libwebp's decoder.
#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "artwork/imaging_module.h"
#include "test_images.h"

namespace encore {
namespace {

using test::inspectWebp;
using test::near;
using test::Rgb;
using test::webpPixel;

constexpr Rgb kRed{255, 0, 0};
constexpr Rgb kGreen{0, 200, 0};
constexpr Rgb kBlue{0, 0, 255};

ImageTranscoder &transcoder() {
  static ImagingModule module("", ImageLimits{});
  ImageTranscoder *t = module.get();
  if (t == nullptr) throw std::runtime_error(module.error());
  return *t;
}

TEST(TranscoderTest, EveryFormatAndShapeBecomesAnExactSquareWebp) {
  struct Case {
    const char *format;
    int width, height, target;
  };
  for (const Case &c :
       {Case{"jpeg", 640, 640, 500}, Case{"jpeg", 1000, 300, 300}, Case{"png", 333, 999, 500},
        Case{"png", 640, 640, 300}, Case{"webp", 800, 450, 500}, Case{"gif", 300, 320, 300},
        Case{"jpeg", 100, 100, 500}}) {
    SCOPED_TRACE(std::string(c.format) + " " + std::to_string(c.width) + "x" +
                 std::to_string(c.height) + " -> " + std::to_string(c.target));
    auto source = test::stripesImage(c.format, c.width, c.height, kRed, kGreen, kBlue);
    auto result = transcoder().transcode(source, c.target, c.target, 80);
    ASSERT_TRUE(result.ok) << result.error;
    auto facts = inspectWebp(result.webp);
    ASSERT_TRUE(facts.valid);
    EXPECT_EQ(facts.width, c.target);
    EXPECT_EQ(facts.height, c.target);
    EXPECT_FALSE(facts.animated);
    EXPECT_EQ(result.webp.substr(0, 4), "RIFF");
    EXPECT_EQ(result.webp.substr(8, 4), "WEBP");
  }
}

TEST(TranscoderTest, CropsAroundTheCentre) {
  // Three equal vertical bands: a centre crop of the wide image keeps only the middle.
  auto wide = test::stripesImage("png", 900, 300, kRed, kGreen, kBlue);
  auto result = transcoder().transcode(wide, 300, 300, 90);
  ASSERT_TRUE(result.ok) << result.error;
  for (int x : {4, 150, 295}) EXPECT_TRUE(near(webpPixel(result.webp, x, 150), kGreen)) << x;

  auto tall = test::stripesImage("png", 300, 900, kRed, kGreen, kBlue, true);
  result = transcoder().transcode(tall, 500, 500, 90);
  ASSERT_TRUE(result.ok) << result.error;
  for (int y : {4, 250, 495}) EXPECT_TRUE(near(webpPixel(result.webp, 250, y), kGreen)) << y;
}

TEST(TranscoderTest, StripsMetadata) {
  auto source = test::jpegWithMetadata(640, 640);
  // The source does carry all three, or this test would prove nothing.
  EXPECT_NE(source.find("Exif"), std::string::npos);
  EXPECT_NE(source.find("ICC_PROFILE"), std::string::npos);
  EXPECT_NE(source.find("adobe:ns:meta"), std::string::npos);
  auto result = transcoder().transcode(source, 300, 300, 80);
  ASSERT_TRUE(result.ok) << result.error;
  EXPECT_FALSE(inspectWebp(result.webp).hasMetadata);
}

TEST(TranscoderTest, QualityChangesTheOutput) {
  auto source = test::texturedImage("jpeg", 640, 640);
  auto low = transcoder().transcode(source, 500, 500, 20);
  auto high = transcoder().transcode(source, 500, 500, 95);
  ASSERT_TRUE(low.ok && high.ok);
  EXPECT_LT(low.webp.size() * 2, high.webp.size());
}

struct BadInput {
  const char *name;
  std::string data;
  const char *expected;  // part of the error
};

TEST(TranscoderTest, RefusesBadImagesWithAReason) {
  std::vector<BadInput> inputs = {
      {"html", "<!DOCTYPE html><html><body>oops</body></html>", "not a JPEG, PNG, GIF or WebP"},
      // librsvg is loaded for the daemon's own drawings; fetched SVG never reaches it.
      {"svg",
       "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"600\" height=\"600\">"
       "<rect width=\"600\" height=\"600\" fill=\"red\"/></svg>",
       "not a JPEG, PNG, GIF or WebP"},
      {"truncated jpeg", test::truncatedJpeg(640, 640), "cannot decode the image"},
      {"animated gif", test::animatedGif(200, 200, 4), "animated image (4 frames)"},
      {"cmyk jpeg", test::cmykJpeg(300, 300), "CMYK"},
      {"1x1 png", test::solidImage("png", 1, 1, kRed), "too small"},
      {"bomb png", test::bombPng(30000), "over the limit"},
  };
  for (const auto &input : inputs) {
    SCOPED_TRACE(input.name);
    auto started = std::chrono::steady_clock::now();
    auto result = transcoder().transcode(input.data, 500, 500, 80);
    EXPECT_FALSE(result.ok);
    EXPECT_TRUE(result.webp.empty());
    EXPECT_NE(result.error.find(input.expected), std::string::npos) << result.error;
    // Refused on the header: no decoding of 900 megapixels.
    EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  }
}

TEST(TranscoderTest, RendersTheDaemonsOwnSvgAtItsSize) {
  const std::string svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"240\" height=\"120\">"
      "<rect width=\"120\" height=\"120\" fill=\"#0000ff\"/>"
      "<rect x=\"120\" width=\"120\" height=\"120\" fill=\"#00c800\"/></svg>";
  auto result = transcoder().renderSvg(svg, 90, {});
  ASSERT_TRUE(result.ok) << result.error;
  auto info = inspectWebp(result.webp);
  EXPECT_EQ(info.width, 240);
  EXPECT_EQ(info.height, 120);
  EXPECT_TRUE(near(webpPixel(result.webp, 60, 60), kBlue));
  EXPECT_TRUE(near(webpPixel(result.webp, 180, 60), kGreen));

  auto broken = transcoder().renderSvg("<svg xmlns=\"http://www.w3.org/2000/svg\"", 90, {});
  EXPECT_FALSE(broken.ok);
  EXPECT_TRUE(broken.webp.empty());
  EXPECT_NE(broken.error.find("cannot draw the SVG"), std::string::npos) << broken.error;
}

TEST(TranscoderTest, WorksFromSeveralThreadsAtOnce) {
  std::vector<std::string> sources;
  for (int i = 0; i < 4; ++i) {
    sources.push_back(test::solidImage("jpeg", 400 + i * 50, 400, {i * 60, 100, 200 - i * 40}));
  }
  std::vector<test::Rgb> centres(sources.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < sources.size(); ++i) {
    threads.emplace_back([&, i] {
      for (int round = 0; round < 3; ++round) {
        auto result = transcoder().transcode(sources[i], 300, 300, 80);
        if (result.ok) {
          centres[i] = webpPixel(result.webp, 150, 150);
        } else {
          ADD_FAILURE() << result.error;
        }
      }
      transcoder().releaseThread();
    });
  }
  for (auto &t : threads) t.join();
  for (size_t i = 0; i < sources.size(); ++i) {
    const int n = static_cast<int>(i);
    EXPECT_TRUE(near(centres[i], {n * 60, 100, 200 - n * 40}))
        << i << ": " << centres[i].r << "," << centres[i].g << "," << centres[i].b;
  }
}

}  // namespace
}  // namespace encore

namespace encore {
namespace {

TEST(ImagingModuleTest, AMissingModuleIsReportedNotFatal) {
  ImagingModule module("/nonexistent/encore_imaging.so", ImageLimits{});
  EXPECT_EQ(module.get(), nullptr);
  EXPECT_FALSE(module.loaded());
  EXPECT_NE(module.error().find("cannot load the imaging module"), std::string::npos)
      << module.error();
  EXPECT_EQ(module.get(), nullptr);  // asked again: the same answer, no second attempt
}

TEST(ImagingModuleTest, TheDefaultPathIsBesideTheBinary) {
  EXPECT_TRUE(ImagingModule::defaultPath().ends_with("/lib/encore/encore_imaging.so"));
  ImagingModule module("", ImageLimits{});
  EXPECT_NE(module.get(), nullptr) << module.error();
}

}  // namespace
}  // namespace encore
