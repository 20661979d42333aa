// Hostile and broken upstream images: each gets a recorded per-entity error, no file and
// no temp file appears, and the rest of the queue is still made. Pauses and transient
// failures wait and come back.
#include "cache_fixture.h"
#include "test_images.h"

namespace encore {
namespace {

using test::ImageHost;

class ArtworkBadInputTest : public test::ArtworkCacheFixture {};

TEST_F(ArtworkBadInputTest, EachBadImageIsRecordedAndTheQueueGoesOn) {
  struct Bad {
    const char *id;
    ImageHost::Reply reply;
    const char *expected;  // part of the recorded error
  };
  std::vector<Bad> bad = {
      {"html", {200, "text/html", "<!DOCTYPE html><html><body>Oops</body></html>"}, "HTML page"},
      {"truncated", {200, "image/jpeg", test::truncatedJpeg(640, 640)}, "cannot decode"},
      {"bomb", {200, "image/png", test::bombPng(30000)}, "over the limit"},
      {"animated", {200, "image/gif", test::animatedGif(200, 200, 3)}, "animated image"},
      {"cmyk", {200, "image/jpeg", test::cmykJpeg(400, 400)}, "CMYK"},
      {"tiny", {200, "image/png", test::solidImage("png", 1, 1, {9, 9, 9})}, "too small"},
      {"missing", {404, "text/plain", "no"}, "HTTP 404"},
      {"huge", {200, "image/jpeg", std::string(11 << 20, '\xFF')}, "too large"},
      {"empty", {200, "image/jpeg", ""}, "empty body"},
  };
  std::vector<nlohmann::json> records;
  int good = 0;
  for (const auto &b : bad) {
    host_.putReply(std::string("/") + b.id, b.reply);
    records.push_back(entity("album", b.id, images(std::string("/") + b.id)));
    // A good image after each bad one: none of them may stop the queue.
    const std::string ok = "ok" + std::to_string(good++);
    host_.put("/" + ok, test::solidImage("jpeg", 640, 640, {0, 100, 0}));
    records.push_back(entity("album", ok, images("/" + ok)));
  }
  submit(records);

  for (int i = 0; i < good; ++i) {
    ASSERT_TRUE(eventually([&] { return hasFile("albums", "ok" + std::to_string(i)); })) << i;
  }
  for (const auto &b : bad) {
    SCOPED_TRACE(b.id);
    ASSERT_TRUE(eventually([&] { return !errorOf("albums", b.id).empty(); }));
    EXPECT_NE(errorOf("albums", b.id).find(b.expected), std::string::npos)
        << errorOf("albums", b.id);
    EXPECT_FALSE(hasFile("albums", b.id));
  }
  EXPECT_EQ(strayFiles(fileOf("albums", "ok0").parent_path()), 0);
  ASSERT_TRUE(eventually([&] { return cache_->table().usage(kSource)["albums"].count == good; }));
  auto usage = cache_->table().usage(kSource)["albums"];
  EXPECT_EQ(usage.failed, static_cast<int64_t>(bad.size()));

  // A bad image is not fetched again while its URL stays the same.
  const int before = host_.hits("/html");
  clock_.advance(3600'000);
  cache_->wake();
  host_.put("/sentinel", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  submit({entity("album", "sentinel", images("/sentinel"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "sentinel"); }));
  EXPECT_EQ(host_.hits("/html"), before);
}

TEST_F(ArtworkBadInputTest, AnIdThatCannotBeAFileNameIsAnErrorNotAPath) {
  host_.put("/x.jpg", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  submit({entity("album", "..", images("/x.jpg")), entity("album", "a.b", images("/x.jpg"))});
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "a.b").empty(); }));
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "..").empty(); }));
  EXPECT_NE(errorOf("albums", "..").find("cannot be a file name"), std::string::npos);
  EXPECT_EQ(host_.hits("/x.jpg"), 0);
  EXPECT_FALSE(std::filesystem::exists(artworkRoot() / kSource / "albums.webp"));
}

TEST_F(ArtworkBadInputTest, ATransientFailureIsRetriedLater) {
  host_.putReply("/flaky.jpg", {503, "text/plain", "busy"});
  submit({entity("album", "flaky", images("/flaky.jpg"))});
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "flaky").empty(); }));
  EXPECT_NE(errorOf("albums", "flaky").find("HTTP 503"), std::string::npos);

  host_.put("/flaky.jpg", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  clock_.advance(59'000);  // the first retry waits a minute
  cache_->wake();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(host_.hits("/flaky.jpg"), 1);
  clock_.advance(2'000);
  cache_->wake();
  // The file is renamed into place just before the row forgets the error.
  ASSERT_TRUE(
      eventually([&] { return hasFile("albums", "flaky") && errorOf("albums", "flaky").empty(); }));
}

TEST_F(ArtworkBadInputTest, RetryAfterPausesTheImageHost) {
  host_.putReply("/limited.jpg", {429, "text/plain", "slow down", "", "120", 0});
  host_.put("/next.jpg", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  ASSERT_TRUE(settings_->update({{kArtworkWorkersKey, 1}}).empty());
  submit({entity("album", "limited", images("/limited.jpg"))});
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "limited").empty(); }));
  submit({entity("album", "next", images("/next.jpg"))});
  // Same host, paused for 120 s: nothing is sent there, the entity waits.
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "next").empty(); }));
  EXPECT_NE(errorOf("albums", "next").find("waiting"), std::string::npos);
  EXPECT_EQ(host_.hits("/next.jpg"), 0);
  EXPECT_GT(policies_.blockedUntil("artwork"), clock_.nowMs() + 100'000);

  host_.put("/limited.jpg", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  clock_.advance(121'000);
  cache_->wake();
  ASSERT_TRUE(
      eventually([&] { return hasFile("albums", "limited") && hasFile("albums", "next"); }));
}

TEST_F(ArtworkBadInputTest, RedirectsAreFollowed) {
  host_.putReply("/moved.jpg", {302, "text/plain", "", "/real.jpg", "", 0});
  host_.put("/real.jpg", test::solidImage("jpeg", 640, 640, {0, 100, 0}));
  host_.putReply("/loop.jpg", {302, "text/plain", "", "/loop.jpg", "", 0});
  submit({entity("album", "moved", images("/moved.jpg")),
          entity("album", "loop", images("/loop.jpg"))});
  ASSERT_TRUE(eventually([&] { return hasFile("albums", "moved"); }));
  ASSERT_TRUE(eventually([&] { return !errorOf("albums", "loop").empty(); }));
  EXPECT_NE(errorOf("albums", "loop").find("redirects"), std::string::npos);
}

}  // namespace
}  // namespace encore
