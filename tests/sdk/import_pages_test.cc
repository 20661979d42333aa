// encore::ImportPages: an importer's entries counted so that a resumed import passes over
// what was stored, plays sent in pages with progress, skipped entries by reason, and a
// refused page named by its file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "encore/import.hpp"
#include "fake_host.h"

namespace encore {
namespace {

using Json = nlohmann::json;

Play playAt(int64_t startedAt, std::string_view track) {
  Play p;
  p.startedAt = startedAt;
  p.track = track;
  p.artist = "Artist";
  return p;
}

TEST(ImportPagesTest, SendsFullPagesThenTheRestWithProgress) {
  test::FakeHost fake;
  Host host(fake.raw());
  ImportPages pages(host, fake.runHandle(),
                    {.plays = 2, .bytes = 1u << 20, .progressEntries = 100});
  for (int i = 1; i <= 5; ++i) {
    ASSERT_TRUE(pages.nextEntry());
    pages.play(playAt(1'700'000'000 + i, "Track " + std::to_string(i)));
  }
  pages.finish();
  ASSERT_EQ(fake.submitted.size(), 3u);
  EXPECT_EQ(Json::parse(fake.submitted[0])["records"].size(), 2u);
  EXPECT_EQ(Json::parse(fake.submitted[2])["records"].size(), 1u);
  EXPECT_EQ(Json::parse(fake.submitted[2])["records"][0]["track"]["name"], "Track 5");
  EXPECT_EQ(fake.progress, (std::vector<int64_t>{2, 4, 5}));
  EXPECT_EQ(pages.processed(), 5);
}

TEST(ImportPagesTest, PassesOverWhatWasStoredBeforeARestart) {
  test::FakeHost fake;
  fake.resumeFrom = 3;
  Host host(fake.raw());
  ImportPages pages(host, fake.runHandle());
  int read = 0;
  for (int i = 1; i <= 5; ++i) {
    if (!pages.nextEntry()) continue;
    ++read;
    pages.play(playAt(1'700'000'000 + i, "Track " + std::to_string(i)));
  }
  pages.finish();
  EXPECT_EQ(read, 2);
  ASSERT_EQ(fake.submitted.size(), 1u);
  const Json doc = Json::parse(fake.submitted[0]);
  ASSERT_EQ(doc["records"].size(), 2u);
  EXPECT_EQ(doc["records"][0]["track"]["name"], "Track 4");
  EXPECT_EQ(fake.progress, (std::vector<int64_t>{5}));
}

TEST(ImportPagesTest, SkipsByReasonAndSavesProgressWhenMostEntriesAreSkipped) {
  test::FakeHost fake;
  Host host(fake.raw());
  ImportPages pages(host, fake.runHandle(),
                    {.plays = 100, .bytes = 1u << 20, .progressEntries = 3});
  for (int i = 1; i <= 7; ++i) {
    ASSERT_TRUE(pages.nextEntry());
    if (i == 2) {
      pages.play(playAt(1'700'000'000, "Bad \xC0\xAF"));  // an overlong '/': not UTF-8
    } else if (i == 5) {
      pages.play(playAt(1'700'000'000, "宇多田ヒカル"));
    } else {
      pages.skip("podcast episode");
    }
  }
  pages.finish();
  EXPECT_EQ(fake.skips, (std::vector<std::string>{"podcast episode", "text is not valid UTF-8",
                                                  "podcast episode", "podcast episode",
                                                  "podcast episode", "podcast episode"}));
  EXPECT_EQ(fake.progress, (std::vector<int64_t>{3, 6, 7}));
  size_t plays = 0;
  for (const auto &doc : fake.submitted) plays += Json::parse(doc)["records"].size();
  EXPECT_EQ(plays, 1u);
}

TEST(ImportPagesTest, ARefusedPageNamesTheFile) {
  test::FakeHost fake;
  fake.submitAnswer = ENCORE_E_REJECTED;
  Host host(fake.raw());
  ImportPages pages(host, fake.runHandle());
  ASSERT_TRUE(pages.nextEntry());
  pages.play(playAt(1'700'000'000, "Track"));
  try {
    pages.finish();
    FAIL() << "a refused page must throw";
  } catch (const Error &e) {
    EXPECT_EQ(e.code(), ENCORE_E_REJECTED);
    EXPECT_EQ(std::string(e.what()),
              "plays.csv: the host did not store a page: records[0].name: must not be empty");
  }
  EXPECT_TRUE(fake.progress.empty());
}

}  // namespace
}  // namespace encore
