// Normalized names: what makes two spellings one identity.
#include <gtest/gtest.h>

#include "daemon/history/identity.h"

namespace encore {
namespace {

TEST(IdentityTest, FoldsCaseAndWhiteSpace) {
  EXPECT_EQ(normalizeName("  Tame   IMPALA\t"), "tame impala");
  EXPECT_EQ(normalizeName("The\u00a0Beatles"), "the beatles");  // a no-break space
}

TEST(IdentityTest, ComposesToNfcAndFoldsUnicodeCase) {
  // "Beyoncé" with a combining acute (NFD) and precomposed (NFC), upper and lower case.
  EXPECT_EQ(normalizeName("Beyonce\u0301"), normalizeName("BEYONC\u00c9"));
  EXPECT_EQ(normalizeName("Stra\u00dfe"), "strasse");  // case folding, not just lower-casing
  EXPECT_EQ(normalizeName("Sigur R\u00f3s"), "sigur r\u00f3s");
}

TEST(IdentityTest, TypographicQuotesMatchAsciiOnes) {
  EXPECT_EQ(normalizeName("Don\u2019t Stop Me Now"), normalizeName("Don't Stop Me Now"));
}

TEST(IdentityTest, DropsFeaturingParts) {
  EXPECT_EQ(normalizeName("Go Back (feat. Julia Church)"), "go back");
  EXPECT_EQ(normalizeName("Go Back [ft. Julia Church]"), "go back");
  EXPECT_EQ(normalizeName("Go Back (with Julia Church)"), "go back");
  EXPECT_EQ(normalizeName("Go Back feat. Julia Church"), "go back");
  EXPECT_EQ(normalizeName("John Summit featuring Julia Church"), "john summit");
  EXPECT_EQ(normalizeName("Only in America (Feat. Party Supplies) - Remix"),
            "only in america - remix");
}

TEST(IdentityTest, KeepsWordsThatOnlyLookLikeFeaturing) {
  EXPECT_EQ(normalizeName("Daft Punk"), "daft punk");
  EXPECT_EQ(normalizeName("With or Without You"), "with or without you");
  EXPECT_EQ(normalizeName("Swift Feather"), "swift feather");
  EXPECT_EQ(normalizeName("(feat. Nobody)"), "(feat. nobody)");  // nothing else left: kept
}

TEST(IdentityTest, KeysSeparateArtistTitleAndAlbum) {
  EXPECT_EQ(songKey("A", "B"),
            "a\x1f"
            "b");
  EXPECT_EQ(trackKey("A", "B", "C"),
            "a\x1f"
            "b\x1f"
            "c");
  EXPECT_NE(songKey("A B", "C"), songKey("A", "B C"));
}

}  // namespace
}  // namespace encore
