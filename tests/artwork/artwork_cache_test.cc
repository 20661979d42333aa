// The cache end to end in-process: records stored -> images downloaded from a loopback
// host -> WebP files of the right size; unchanged URLs not fetched again, changed ones
// replacing the file; the per-source toggle; removals.
#include "cache_fixture.h"
#include "test_images.h"

namespace encore {
namespace {

using test::inspectWebp;
using test::near;
using test::readFile;

class ArtworkCacheTest : public test::ArtworkCacheFixture {};

TEST_F(ArtworkCacheTest, StoresEachKindAtItsSize) {
  host_.put("/artist.jpg",
            test::stripesImage("jpeg", 640, 480, {255, 0, 0}, {0, 200, 0}, {0, 0, 255}));
  host_.put("/album.png", test::solidImage("png", 640, 640, {10, 20, 200}), "image/png");
  host_.put("/playlist.gif", test::solidImage("gif", 320, 300, {200, 200, 0}), "image/gif");
  submit({entity("artist", "ar1", images("/artist.jpg")),
          entity("album", "al1", images("/album.png")),
          entity("playlist", "pl1", images("/playlist.gif"))});

  ASSERT_TRUE(eventually([&] {
    return hasFile("artists", "ar1") && hasFile("albums", "al1") && hasFile("playlists", "pl1");
  }));
  struct Expect {
    const char *kind, *id;
    int size;
  };
  for (const auto &e : {Expect{"artists", "ar1", 300}, Expect{"albums", "al1", 500},
                        Expect{"playlists", "pl1", 300}}) {
    auto facts = inspectWebp(readFile(fileOf(e.kind, e.id)));
    EXPECT_TRUE(facts.valid) << e.kind;
    EXPECT_EQ(facts.width, e.size) << e.kind;
    EXPECT_EQ(facts.height, e.size) << e.kind;
  }
  // The artist's source was 640x480 red|green|blue: the centre crop is green.
  EXPECT_TRUE(near(test::webpPixel(readFile(fileOf("artists", "ar1")), 150, 150), {0, 200, 0}));
  // Results are recorded in batches, just after the files are in place.
  ASSERT_TRUE(eventually([&] { return cache_->table().usage(kSource)["albums"].count == 1; }));
  EXPECT_EQ(cache_->table().usage(kSource)["albums"].bytes,
            static_cast<int64_t>(std::filesystem::file_size(fileOf("albums", "al1"))));
}

TEST_F(ArtworkCacheTest, DownloadsTheSmallestLargeEnoughImageOnce) {
  for (const char *path : {"/a/640.jpg", "/a/300.jpg", "/a/64.jpg"}) {
    host_.put(path, test::solidImage("jpeg", 640, 640, {0, 0, 200}));
  }
  nlohmann::json list =
      nlohmann::json::array({{{"url", host_.url("/a/640.jpg")}, {"width", 640}, {"height", 640}},
                             {{"url", host_.url("/a/300.jpg")}, {"width", 300}, {"height", 300}},
                             {{"url", host_.url("/a/64.jpg")}, {"width", 64}, {"height", 64}}});
  submit({entity("album", "al1", list), entity("artist", "ar1", list)});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al1") && hasFile("artists", "ar1"); }));
  EXPECT_EQ(host_.hits("/a/640.jpg"), 1);  // the album (500)
  EXPECT_EQ(host_.hits("/a/300.jpg"), 1);  // the artist (300)
  EXPECT_EQ(host_.hits("/a/64.jpg"), 0);

  // The same records again, then a new one: once the new one is done, the cache has
  // seen the repeat and left the unchanged URLs alone.
  host_.put("/later.jpg", test::solidImage("jpeg", 640, 640, {0, 0, 200}));
  submit({entity("album", "al1", list), entity("artist", "ar1", list)});
  submit({entity("album", "al2", images("/later.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al2"); }));
  EXPECT_EQ(host_.hits("/a/640.jpg"), 1);
  EXPECT_EQ(host_.hits("/a/300.jpg"), 1);

  // And not after a restart either: the table remembers what each file was made from.
  restart();
  submit({entity("album", "al1", list)});
  host_.put("/last.jpg", test::solidImage("jpeg", 640, 640, {0, 0, 200}));
  submit({entity("album", "al3", images("/last.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al3"); }));
  EXPECT_EQ(host_.hits("/a/640.jpg"), 1);
}

TEST_F(ArtworkCacheTest, AChangedUrlReplacesTheFile) {
  host_.put("/red.jpg", test::solidImage("jpeg", 640, 640, {230, 0, 0}));
  host_.put("/blue.jpg", test::solidImage("jpeg", 640, 640, {0, 0, 230}));
  submit({entity("album", "al1", images("/red.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al1"); }));
  EXPECT_TRUE(near(test::webpPixel(readFile(fileOf("albums", "al1")), 250, 250), {230, 0, 0}));

  submit({entity("album", "al1", images("/blue.jpg"))});
  ASSERT_TRUE(eventually([&] {
    auto bytes = readFile(fileOf("albums", "al1"));
    return inspectWebp(bytes).valid && near(test::webpPixel(bytes, 250, 250), {0, 0, 230});
  }));
  EXPECT_EQ(host_.hits("/blue.jpg"), 1);
  EXPECT_EQ(strayFiles(fileOf("albums", "al1").parent_path()), 0);
}

TEST_F(ArtworkCacheTest, TheSourceToggleStopsAndResumesDownloadsWithoutARestart) {
  host_.put("/off.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  host_.put("/other.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  ASSERT_TRUE(settings_->update({{"src.download_images", false}}).empty());
  submit({entity("album", "al1", images("/off.jpg"))});
  // A source without the setting downloads; once its image is made, the cache has been
  // through the toggled-off source's entity too.
  submit({entity("album", "al9", images("/other.jpg"))}, "other");
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al9", "other"); }));
  EXPECT_EQ(host_.hits("/off.jpg"), 0);
  EXPECT_FALSE(hasFile("albums", "al1"));
  EXPECT_EQ(cache_->table().usage(kSource)["albums"].pending, 1);

  ASSERT_TRUE(settings_->update({{"src.download_images", true}}).empty());
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al1"); }));
  EXPECT_EQ(host_.hits("/off.jpg"), 1);
}

TEST_F(ArtworkCacheTest, ARemovedEntityLosesItsFile) {
  host_.put("/keep.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  host_.put("/gone.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  auto item = [&](const std::string &id, const std::string &path) {
    return nlohmann::json{{"type", "library_item"},
                          {"collection", "followed_artists"},
                          {"item", entity("artist", id, images(path))}};
  };
  records_->collectionBegin(kSource, "followed_artists");
  submit({item("keep", "/keep.jpg"), item("gone", "/gone.jpg")});
  records_->collectionEnd(kSource, "followed_artists", true);
  ASSERT_TRUE(eventually([&] { return hasFile("artists", "keep") && hasFile("artists", "gone"); }));

  // The next full pass no longer has "gone": unfollowed, deleted, and its image with it.
  records_->collectionBegin(kSource, "followed_artists");
  submit({item("keep", "/keep.jpg")});
  records_->collectionEnd(kSource, "followed_artists", true);
  ASSERT_TRUE(eventually([&] { return !hasFile("artists", "gone"); }));
  EXPECT_TRUE(hasFile("artists", "keep"));
  EXPECT_FALSE(cache_->table().find({kSource, "artists", "gone"}));
}

TEST_F(ArtworkCacheTest, AnEntityWhoseImagesAreGoneLosesItsFile) {
  host_.put("/cover.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  submit({entity("playlist", "pl1", images("/cover.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("playlists", "pl1"); }));
  submit({entity("playlist", "pl1", nlohmann::json::array())});
  ASSERT_TRUE(eventually([&] { return !hasFile("playlists", "pl1"); }));
  // A record that says nothing about images keeps what is there.
  submit({entity("playlist", "pl2", images("/cover.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("playlists", "pl2"); }));
  submit({{{"type", "playlist"}, {"id", "pl2"}, {"name", "renamed"}}});
  submit({entity("playlist", "pl3", images("/cover.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("playlists", "pl3"); }));
  EXPECT_TRUE(hasFile("playlists", "pl2"));
}

TEST_F(ArtworkCacheTest, EntitiesStoredWhileNotListeningAreCaughtUpAtStartUp) {
  close();
  open(false);  // a store nobody observes, as after a crash between commit and queue
  host_.put("/missed.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  submit({entity("album", "missed", images("/missed.jpg"))});
  close();
  open();
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "missed"); }));
}

TEST_F(ArtworkCacheTest, TheWorkerCountFollowsItsSetting) {
  ASSERT_TRUE(settings_->update({{kArtworkWorkersKey, 1}}).empty());
  ASSERT_TRUE(eventually([&] { return cache_->status().workers == 1; }));
  ASSERT_TRUE(settings_->update({{kArtworkWorkersKey, 3}}).empty());
  ASSERT_TRUE(eventually([&] { return cache_->status().workers == 3; }));
  host_.put("/w.jpg", test::solidImage("jpeg", 640, 640, {0, 120, 0}));
  submit({entity("album", "w", images("/w.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "w"); }));
}

TEST_F(ArtworkCacheTest, StopCancelsADownloadInProgress) {
  test::ImageHost::Reply slow{200, "image/jpeg", test::solidImage("jpeg", 64, 64, {0, 0, 0}),
                              "",  "",           5000};
  host_.putReply("/slow.jpg", slow);
  submit({entity("album", "slow", images("/slow.jpg"))});
  ASSERT_TRUE(eventually([&] { return host_.hits("/slow.jpg") == 1; }));
  auto started = std::chrono::steady_clock::now();
  cache_->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_FALSE(hasFile("albums", "slow"));
}

}  // namespace
}  // namespace encore
