// The real encored with the artkit plugin, whose records point at a loopback image host:
// the files are made, served with caching headers, protected from traversal, follow the
// download toggle and removals, and are garbage-collected at start-up.
#include <gtest/gtest.h>

#include <filesystem>

#include "image_host.h"
#include "operations/metrics_scrape.h"
#include "raw_request.h"
#include "support/daemon_process.h"
#include "support/shell.h"
#include "support/temp_dir.h"
#include "test_images.h"

namespace encore {
namespace {

using test::DaemonProcess;
using test::httpCall;

class ArtworkDaemonTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // Only artkit: the other test plugins are not this test's business.
    std::filesystem::create_directories(pluginDir());
    std::filesystem::copy_file(test::binaryDir() + "/test-plugins/artkit.so",
                               pluginDir() / "artkit.so");
    for (const char *kind : {"artist", "album", "playlist"}) {
      for (int i = 0; i < 3; ++i) {
        const std::string base = std::string("/") + kind + "/" + std::to_string(i);
        host_.put(base + ".jpg", test::solidImage("jpeg", 640, 640, {200, 40 * i, 0}));
        host_.put(base + "-300.jpg", test::solidImage("jpeg", 300, 300, {200, 40 * i, 0}));
        host_.put(base + "-v2.jpg", test::solidImage("jpeg", 640, 640, {0, 40 * i, 200}));
        host_.put(base + "-v2-300.jpg", test::solidImage("jpeg", 300, 300, {0, 40 * i, 200}));
      }
    }
    start();
  }

  void start() {
    // DaemonProcess finds the port in the log it appends to: a restart on the same data
    // directory must not find the previous run's line.
    std::filesystem::remove(dir_ / "data.log");
    daemon_ = std::make_unique<DaemonProcess>(
        DaemonProcess::Options{.dataDir = dataDir().string(),
                               .pluginDir = pluginDir().string(),
                               .env = {{"ENCORE_ARTKIT_URL", host_.url()}},
                               .launcher = launcher_});
  }

  std::filesystem::path dataDir() const { return dir_ / "data"; }
  std::filesystem::path pluginDir() const { return dir_ / "plugins"; }
  std::filesystem::path fileOf(const std::string &kind, const std::string &id) const {
    return dataDir() / "artwork" / "artkit" / kind / (id + ".webp");
  }

  void set(const nlohmann::json &changes) {
    auto r = daemon_->put("/api/settings", changes);
    ASSERT_EQ(r.status, 200) << r.body;
  }

  void sync() {
    ASSERT_TRUE(DaemonProcess::waitFor(
        [&] { return daemon_->post("/api/workers/artkit.sync/run").status == 202; }, 10000));
  }

  /// GET /api/artwork's usage of artkit's `kind`.
  nlohmann::json usage(const std::string &kind) {
    const auto status = daemon_->get("/api/artwork").json();
    for (const auto &s : status["sources"]) {
      if (s["source"] == "artkit") return s[kind];
    }
    return {{"count", 0}, {"pending", 0}, {"failed", 0}, {"bytes", 0}};
  }

  bool waitForCount(const std::string &kind, int count) {
    return DaemonProcess::waitFor([&] { return usage(kind)["count"] == count; }, 20000);
  }

  test::TempDir dir_;
  test::ImageHost host_;
  std::vector<std::string> launcher_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(ArtworkDaemonTest, MakesAndServesTheFilesWithCachingHeaders) {
  set({{"artkit.kinds", "artist,album,playlist"}});
  sync();
  for (const char *kind : {"artists", "albums", "playlists"}) {
    ASSERT_TRUE(waitForCount(kind, 3)) << kind << daemon_->get("/api/artwork").body;
  }
  // The 640 image for albums (500), the 300 one for artists and playlists.
  EXPECT_EQ(host_.hits("/album/0.jpg"), 1);
  EXPECT_EQ(host_.hits("/album/0-300.jpg"), 0);
  EXPECT_EQ(host_.hits("/artist/0-300.jpg"), 1);
  EXPECT_EQ(host_.hits("/artist/0.jpg"), 0);

  auto album = daemon_->get("/artwork/artkit/albums/album-0.webp");
  ASSERT_EQ(album.status, 200);
  EXPECT_EQ(album.header("Content-Type"), "image/webp");
  EXPECT_EQ(album.header("Cache-Control"), "public, max-age=86400");
  const std::string etag = album.header("ETag");
  EXPECT_FALSE(etag.empty());
  auto facts = test::inspectWebp(album.body);
  EXPECT_TRUE(facts.valid);
  EXPECT_EQ(facts.width, 500);
  EXPECT_EQ(facts.height, 500);
  EXPECT_EQ(album.body, test::readFile(fileOf("albums", "album-0")));
  auto artist = test::inspectWebp(daemon_->get("/artwork/artkit/artists/artist-1.webp").body);
  EXPECT_EQ(artist.width, 300);
  EXPECT_EQ(artist.height, 300);

  auto again = httpCall("GET", daemon_->url() + "/artwork/artkit/albums/album-0.webp", "",
                        {{"If-None-Match", etag}});
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.header("ETag"), etag);
  auto other = httpCall("GET", daemon_->url() + "/artwork/artkit/albums/album-0.webp", "",
                        {{"If-None-Match", "\"something-else\""}});
  EXPECT_EQ(other.status, 200);
  auto head = httpCall("HEAD", daemon_->url() + "/artwork/artkit/albums/album-0.webp");
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty());
  EXPECT_EQ(head.header("Content-Length"), std::to_string(album.body.size()));

  EXPECT_EQ(daemon_->get("/artwork/artkit/albums/album-9.webp").status, 404);
  EXPECT_EQ(daemon_->get("/artwork/spotify/albums/album-0.webp").status, 404);
  EXPECT_EQ(daemon_->get("/artwork/artkit/tracks/album-0.webp").status, 400);
}

// encore.service sets MemoryDenyWriteExecute=yes: libvips (and the ORC code it may generate)
// must work without writable and executable memory. The kernel's own form of the rule
// stands in for systemd's, which cannot run here.
TEST_F(ArtworkDaemonTest, ThumbnailsAndTheCardNeedNoWritableExecutableMemory) {
  const std::string mdwe = test::binaryDir() + "/bin/mdwe_exec";
  std::string out;
  const int probe = test::runShell("'" + mdwe + "' '" + mdwe + "' --probe", &out);
  if (probe == 77) GTEST_SKIP() << "this kernel has no PR_SET_MDWE: " << out;
  ASSERT_EQ(probe, 0) << out;  // the rule holds across execve
  daemon_.reset();
  launcher_ = {mdwe};
  start();
  set({{"artkit.kinds", "artist,album,playlist"}});
  sync();
  for (const char *kind : {"artists", "albums", "playlists"}) {
    ASSERT_TRUE(waitForCount(kind, 3)) << kind << daemon_->get("/api/artwork").body;
  }
  EXPECT_TRUE(test::inspectWebp(daemon_->get("/artwork/artkit/albums/album-0.webp").body).valid);
  auto card = daemon_->get("/wrapped/2025/card.webp");
  ASSERT_EQ(card.status, 200) << card.body;
  EXPECT_EQ(card.body.substr(8, 4), "WEBP");
  EXPECT_TRUE(daemon_->running()) << daemon_->log();
  // The cache's size in /metrics is the one GET /api/artwork reports.
  auto metrics = test::parseMetrics(daemon_->get("/metrics").body);
  for (const char *kind : {"artists", "albums", "playlists"}) {
    const std::string labels = std::string("{source=\"artkit\",kind=\"") + kind + "\"}";
    EXPECT_EQ(metrics["encore_artwork_cache_files" + labels], 3) << kind;
    EXPECT_EQ(metrics["encore_artwork_cache_bytes" + labels], usage(kind)["bytes"].get<double>())
        << kind;
    EXPECT_GT(metrics["encore_artwork_cache_bytes" + labels], 0) << kind;
  }
}

TEST_F(ArtworkDaemonTest, NoRequestReachesOutsideTheArtworkFolder) {
  sync();
  ASSERT_TRUE(waitForCount("albums", 3));
  // Files a traversal would love to reach: the database, and one planted beside the cache.
  test::writeFile(dataDir() / "artwork" / "secret.webp", "SECRET");
  test::writeFile(dataDir() / "artwork" / "artkit" / "secret.webp", "SECRET");
  const char *targets[] = {
      "/artwork/artkit/albums/..%2F..%2F..%2Fencore.db",
      "/artwork/artkit/albums/%2E%2E%2F%2E%2E%2F..%2Fencore.db",
      "/artwork/artkit/albums/..%2F..%2Fsecret.webp",
      "/artwork/artkit/albums/..%2Fsecret.webp",
      "/artwork/artkit/..%2Fartkit/secret.webp",
      "/artwork/..%2F/albums/secret.webp",
      "/artwork/artkit/albums/../../secret.webp",
      "/artwork/artkit/albums/..",
      "/artwork/artkit/albums/%2Fetc%2Fpasswd",
      "/artwork/artkit/albums/%2F%2Fetc%2Fpasswd.webp",
      "/artwork/artkit/albums/album-0.webp%00",
      "/artwork/artkit/albums/album-0%00.webp",
      "/artwork/artkit/albums/%00",
      "/artwork/artkit/albums/..%252F..%252Fencore.db",
      "/artwork/artkit/albums/..%5C..%5Cencore.db",
      "/artwork/artkit/albums/.album-0.webp",
      "/artwork/artkit%2Falbums/album-0.webp",
      "/artwork/ARTKIT/albums/album-0.webp",
      "/artwork/artkit/albums/album-0.webp/",
      "//artwork/artkit/albums/album-0.webp",
  };
  for (const char *target : targets) {
    SCOPED_TRACE(target);
    auto answer = test::rawGet(daemon_->port(), target);
    EXPECT_TRUE(answer.status == 400 || answer.status == 404) << answer.head;
    EXPECT_EQ(answer.body.find("SECRET"), std::string::npos);
    EXPECT_EQ(answer.body.find("SQLite format 3"), std::string::npos);
    EXPECT_EQ(answer.body.find("root:"), std::string::npos);
  }
  // The daemon is still fine, and the real file is still served.
  EXPECT_EQ(test::rawGet(daemon_->port(), "/artwork/artkit/albums/album-0.webp").status, 200);
}

TEST_F(ArtworkDaemonTest, TheDownloadToggleAndRemovalsApplyWithoutARestart) {
  sync();
  ASSERT_TRUE(waitForCount("albums", 3));
  const std::string before = test::readFile(fileOf("albums", "album-1"));

  // Off: new URLs are recorded, not fetched.
  set({{"artkit.download_images", false}, {"artkit.url_suffix", "-v2"}});
  sync();
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return usage("albums")["pending"] == 3; }, 20000));
  EXPECT_EQ(host_.hits("/album/1-v2.jpg"), 0);
  EXPECT_EQ(test::readFile(fileOf("albums", "album-1")), before);

  // On again: fetched at once, the files replaced.
  set({{"artkit.download_images", true}});
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return usage("albums")["pending"] == 0; }, 20000));
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return host_.hits("/album/1-v2.jpg") == 1; }, 20000));
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return test::readFile(fileOf("albums", "album-1")) != before; }, 20000));

  // Two albums leave the collection: deleted, and their images with them.
  set({{"artkit.count", 1}});
  sync();
  ASSERT_TRUE(waitForCount("albums", 1));
  EXPECT_FALSE(std::filesystem::exists(fileOf("albums", "album-1")));
  EXPECT_FALSE(std::filesystem::exists(fileOf("albums", "album-2")));
  EXPECT_EQ(daemon_->get("/artwork/artkit/albums/album-2.webp").status, 404);
  EXPECT_EQ(daemon_->get("/artwork/artkit/albums/album-0.webp").status, 200);
}

TEST_F(ArtworkDaemonTest, FailuresAreListedPerEntity) {
  host_.putReply("/album/1.jpg", {200, "text/html", "<!DOCTYPE html><html>login</html>"});
  sync();
  ASSERT_TRUE(waitForCount("albums", 2));
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return usage("albums")["failed"] == 1; }, 20000));
  auto errors = daemon_->get("/api/artwork/errors?source=artkit").json()["errors"];
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0]["id"], "album-1");
  EXPECT_EQ(errors[0]["kind"], "albums");
  EXPECT_EQ(errors[0]["permanent"], true);
  EXPECT_NE(errors[0]["error"].get<std::string>().find("HTML"), std::string::npos);
  EXPECT_EQ(daemon_->get("/api/artwork/errors?limit=0").status, 400);
}

TEST_F(ArtworkDaemonTest, StartUpCollectsGarbage) {
  sync();
  ASSERT_TRUE(waitForCount("albums", 3));
  ASSERT_EQ(daemon_->stop(), 0);
  const auto albums = fileOf("albums", "album-0").parent_path();
  test::writeFile(albums / "orphan.webp", "left over");
  test::writeFile(albums / ".album-0.webp.1-1.tmp", "half");
  std::filesystem::remove(fileOf("albums", "album-2"));
  start();
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return !daemon_->get("/api/artwork").json()["last_gc"].is_null(); }, 10000));
  auto gc = daemon_->get("/api/artwork").json()["last_gc"];
  EXPECT_EQ(gc["orphan_files"], 1);
  EXPECT_EQ(gc["temp_files"], 1);
  EXPECT_EQ(gc["missing_files"], 1);
  EXPECT_FALSE(std::filesystem::exists(albums / "orphan.webp"));
  EXPECT_FALSE(std::filesystem::exists(albums / ".album-0.webp.1-1.tmp"));
  ASSERT_TRUE(DaemonProcess::waitFor(
      [&] { return std::filesystem::exists(fileOf("albums", "album-2")); }, 20000));
}

}  // namespace
}  // namespace encore
