// The start-up garbage collection, on a cache folder left in every bad state a crash or
// a hand could leave it in.
#include "cache_fixture.h"
#include "test_images.h"

namespace encore {
namespace {

using test::writeFile;

class ArtworkGcTest : public test::ArtworkCacheFixture {};

TEST_F(ArtworkGcTest, StartUpRemovesOrphansAndLeftoversAndRefetchesMissingFiles) {
  host_.put("/1.jpg", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  host_.put("/2.jpg", test::solidImage("jpeg", 640, 640, {0, 0, 100}));
  host_.put("/3.jpg", test::solidImage("jpeg", 640, 640, {100, 0, 0}));
  submit({entity("album", "al1", images("/1.jpg")), entity("album", "al2", images("/2.jpg")),
          entity("artist", "ar1", images("/3.jpg"))});
  ASSERT_TRUE(eventually([&] {
    return hasFile("albums", "al1") && hasFile("albums", "al2") && hasFile("artists", "ar1");
  }));
  close();

  // What the daemon finds at its next start:
  const auto albums = fileOf("albums", "al1").parent_path();
  writeFile(albums / "stranger.webp", "not ours any more");         // no row: orphan
  writeFile(albums / ".al1.webp.77-1.tmp", "half a file");          // an unfinished write
  writeFile(albums / "notes.txt", "the user's own file");           // not the cache's
  writeFile(artworkRoot() / "ghost" / "albums" / "x.webp", "old");  // a source long gone
  std::filesystem::remove(fileOf("albums", "al2"));                 // deleted by hand
  {
    Store store((dir_ / "data").string(), builtinMigrations());
    store.write([](Database &db) { db.exec("DELETE FROM artists WHERE external_id = 'ar1'"); });
  }  // the artist was removed while nobody listened

  open();
  ASSERT_TRUE(eventually([&] { return cache_->status().lastGc.has_value(); }));
  auto report = *cache_->status().lastGc;
  EXPECT_EQ(report.orphanRows, 1);
  EXPECT_EQ(report.orphanFiles, 2);
  EXPECT_EQ(report.tempFiles, 1);
  EXPECT_EQ(report.missingFiles, 1);

  EXPECT_FALSE(std::filesystem::exists(albums / "stranger.webp"));
  EXPECT_FALSE(std::filesystem::exists(albums / ".al1.webp.77-1.tmp"));
  EXPECT_FALSE(std::filesystem::exists(artworkRoot() / "ghost" / "albums" / "x.webp"));
  EXPECT_TRUE(std::filesystem::exists(albums / "notes.txt"));
  EXPECT_FALSE(hasFile("artists", "ar1"));
  EXPECT_FALSE(cache_->table().find({kSource, "artists", "ar1"}));
  EXPECT_TRUE(hasFile("albums", "al1"));
  // The hand-deleted file is made again.
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al2"); }));
  EXPECT_EQ(host_.hits("/2.jpg"), 2);
  EXPECT_EQ(host_.hits("/1.jpg"), 1);
}

}  // namespace
}  // namespace encore
