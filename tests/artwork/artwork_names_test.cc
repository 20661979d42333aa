// The pure parts of the cache: name rules that keep paths inside the folder, the choice
// of the source image, and format sniffing.
#include <gtest/gtest.h>

#include "artwork/artwork_files.h"
#include "artwork/artwork_key.h"
#include "artwork/best_image.h"
#include "artwork/image_format.h"

namespace encore {
namespace {

TEST(ArtworkNamesTest, AcceptsSpotifyStyleIdsOnly) {
  EXPECT_TRUE(validArtworkId("4aawyAB9vmqN3uQ7FjRGTy"));
  EXPECT_TRUE(validArtworkId("album-0"));
  EXPECT_TRUE(validArtworkId("a_b"));
  for (const char *bad :
       {"", ".", "..", "../x", "a/b", "a\\b", "/etc/passwd", "a.b", "a b", "%2e%2e", "x\n"}) {
    EXPECT_FALSE(validArtworkId(bad)) << bad;
  }
  EXPECT_FALSE(validArtworkId(std::string("ab\0cd", 5)));
  EXPECT_FALSE(validArtworkId(std::string(129, 'a')));
  EXPECT_TRUE(validArtworkId(std::string(128, 'a')));
}

TEST(ArtworkNamesTest, SourcesAreCheckedLikePluginIds) {
  EXPECT_TRUE(validSourceName("spotify"));
  EXPECT_TRUE(validSourceName("last_fm2"));
  for (const char *bad : {"", "..", "Spotify", "2spotify", "spo-tify", "spo/tify"}) {
    EXPECT_FALSE(validSourceName(bad)) << bad;
  }
  EXPECT_FALSE(validSourceName(std::string(33, 'a')));
}

TEST(ArtworkNamesTest, FileNamesMustBeIdDotWebp) {
  EXPECT_EQ(idOfFileName("abc.webp"), "abc");
  for (const char *bad :
       {".webp", "abc.png", "abc.webp.tmp", "../abc.webp", "a/b.webp", "abc.WEBP", "abc"}) {
    EXPECT_FALSE(idOfFileName(bad)) << bad;
  }
  EXPECT_TRUE(ArtworkFiles::isTempName(".abc.webp.12-1.tmp"));
  EXPECT_FALSE(ArtworkFiles::isTempName("abc.webp"));
}

TEST(ArtworkNamesTest, KindsHaveTheSeedsSizes) {
  ASSERT_NE(kindOfEntityType("artist"), nullptr);
  EXPECT_EQ(kindOfEntityType("artist")->size, 300);
  EXPECT_EQ(kindOfEntityType("album")->size, 500);
  EXPECT_EQ(kindOfEntityType("playlist")->size, 300);
  EXPECT_EQ(kindOfEntityType("track"), nullptr);
  EXPECT_STREQ(kindOfFolder("albums")->entityType, "album");
  EXPECT_EQ(kindOfFolder("tracks"), nullptr);
}

TEST(BestImageTest, PicksTheSmallestAtLeastAsLargeAsTheTarget) {
  const char *spotify = R"([{"url":"https://i/640","width":640,"height":640},)"
                        R"({"url":"https://i/300","width":300,"height":300},)"
                        R"({"url":"https://i/64","width":64,"height":64}])";
  EXPECT_EQ(pickBestImage(spotify, 500), "https://i/640");
  EXPECT_EQ(pickBestImage(spotify, 300), "https://i/300");
  EXPECT_EQ(pickBestImage(spotify, 64), "https://i/64");
}

TEST(BestImageTest, WithNothingLargeEnoughTakesTheLargest) {
  const char *small =
      R"([{"url":"https://i/64","width":64,"height":64},{"url":"https://i/160","width":160,"height":160}])";
  EXPECT_EQ(pickBestImage(small, 500), "https://i/160");
}

TEST(BestImageTest, ANonSquareImageCountsByItsShorterSide) {
  const char *images =
      R"([{"url":"https://i/wide","width":1000,"height":400},{"url":"https://i/sq","width":600,"height":600}])";
  EXPECT_EQ(pickBestImage(images, 500), "https://i/sq");
}

TEST(BestImageTest, UnknownSizesComeBeforeTooSmallOnes) {
  const char *images = R"([{"url":"https://i/64","width":64,"height":64},{"url":"https://i/any"}])";
  EXPECT_EQ(pickBestImage(images, 300), "https://i/any");
  EXPECT_EQ(pickBestImage(R"([{"url":"https://i/a"},{"url":"https://i/b"}])", 300), "https://i/a");
}

TEST(BestImageTest, EmptyOrMalformedListsHaveNoImage) {
  EXPECT_FALSE(pickBestImage("[]", 300));
  EXPECT_FALSE(pickBestImage("{}", 300));
  EXPECT_FALSE(pickBestImage("not json", 300));
  EXPECT_FALSE(pickBestImage(R"([{"width":640}])", 300));
}

TEST(ImageFormatTest, RecognisesTheFourFormatsByTheirMagic) {
  EXPECT_EQ(sniffImageFormat("\xFF\xD8\xFF\xE0rest"), ImageFormat::Jpeg);
  EXPECT_EQ(sniffImageFormat("\x89PNG\r\n\x1A\nrest"), ImageFormat::Png);
  EXPECT_EQ(sniffImageFormat("GIF89a..."), ImageFormat::Gif);
  EXPECT_EQ(sniffImageFormat(std::string("RIFF\x10\0\0\0WEBPVP8 ", 16)), ImageFormat::Webp);
  EXPECT_EQ(sniffImageFormat("%PDF-1.7"), ImageFormat::Unknown);
  EXPECT_EQ(sniffImageFormat(""), ImageFormat::Unknown);
}

TEST(ImageFormatTest, DescribesWhatCameInstead) {
  EXPECT_EQ(describeNonImage("  <!DOCTYPE html><html>", "text/html"), "an HTML page");
  EXPECT_EQ(describeNonImage("<html>", ""), "an HTML page");
  EXPECT_EQ(describeNonImage("Not found", "text/html; charset=utf-8"), "an HTML page");
  EXPECT_EQ(describeNonImage("", ""), "an empty body");
  EXPECT_EQ(describeNonImage("<svg xmlns=''/>", "image/svg+xml"), "XML or SVG");
  EXPECT_EQ(describeNonImage("%PDF-1.7", "application/pdf"),
            "an unsupported format (first bytes 25 50 44 46)");
}

}  // namespace
}  // namespace encore
