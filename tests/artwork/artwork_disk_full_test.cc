// A full disk: the cache folder on a 256 KiB tmpfs (mounting needs root; elsewhere the
// test is skipped and says so). A write that fails leaves the previous file in place.
#include <sys/mount.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "cache_fixture.h"
#include "test_images.h"

namespace encore {
namespace {

using test::readFile;

class ArtworkDiskFullTest : public test::ArtworkCacheFixture {
 protected:
  void SetUp() override {
    std::filesystem::create_directories(mountPoint());
    if (::mount("tmpfs", mountPoint().c_str(), "tmpfs", 0, "size=256k") != 0) {
      GTEST_SKIP() << "cannot mount a small tmpfs (" << std::strerror(errno)
                   << "): run as root to test a full disk";
    }
    mounted_ = true;
    open();
  }
  void TearDown() override {
    close();
    if (mounted_) ::umount2(mountPoint().c_str(), MNT_DETACH);
  }
  std::filesystem::path mountPoint() const { return dir_ / "small-disk"; }
  std::filesystem::path artworkRoot() const override { return mountPoint() / "artwork"; }

  /// Fills the tmpfs to the last byte.
  void fillDisk() {
    std::ofstream filler(mountPoint() / "filler", std::ios::binary);
    const std::string chunk(4096, 'x');
    while (filler.write(chunk.data(), chunk.size())) filler.flush();
  }

  bool mounted_ = false;
};

TEST_F(ArtworkDiskFullTest, AFailedWriteKeepsThePreviousFile) {
  host_.put("/old.jpg", test::solidImage("jpeg", 640, 640, {230, 0, 0}));
  host_.put("/new.jpg", test::texturedImage("jpeg", 640, 640));
  submit({entity("album", "al1", images("/old.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "al1"); }));
  const std::string before = readFile(fileOf("albums", "al1"));

  fillDisk();
  submit({entity("album", "al1", images("/new.jpg"))});
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "al1").empty(); }));
  EXPECT_NE(errorOf("albums", "al1").find("No space left on device"), std::string::npos)
      << errorOf("albums", "al1");
  EXPECT_EQ(readFile(fileOf("albums", "al1")), before);
  EXPECT_EQ(strayFiles(fileOf("albums", "al1").parent_path()), 0);
  EXPECT_EQ(cache_->table().find({kSource, "albums", "al1"})->fileUrl, host_.url("/old.jpg"));

  // Space again: the retry makes the new file.
  std::filesystem::remove(mountPoint() / "filler");
  clock_.advance(61'000);
  cache_->wake();
  ASSERT_TRUE(eventually([&] { return readFile(fileOf("albums", "al1")) != before; }));
  EXPECT_TRUE(test::inspectWebp(readFile(fileOf("albums", "al1"))).valid);
}

}  // namespace
}  // namespace encore
