// The reused /api/workers body: made again on any change, and after its maximum age.
#include <gtest/gtest.h>

#include "web/routes/status_snapshot.h"

namespace encore {
namespace {

struct Counting {
  uint64_t version = 1;
  int made = 0;
  StatusSnapshot snapshot{[this] { return std::vector<uint64_t>{version, 7}; }, 1000};
  std::string at(int64_t nowMs) {
    return *snapshot.get(nowMs, [this] { return "body " + std::to_string(++made); });
  }
};

TEST(StatusSnapshotTest, ReusesTheBodyUntilSomethingItWasMadeFromChanges) {
  Counting c;
  EXPECT_EQ(c.at(10'000), "body 1");
  EXPECT_EQ(c.at(10'500), "body 1");
  c.version = 2;
  EXPECT_EQ(c.at(10'600), "body 2");
  EXPECT_EQ(c.at(10'700), "body 2");
  EXPECT_EQ(c.made, 2);
}

TEST(StatusSnapshotTest, MakesItAgainOnceItIsAsOldAsAllowedOrTheClockWentBack) {
  Counting c;
  EXPECT_EQ(c.at(10'000), "body 1");
  EXPECT_EQ(c.at(10'999), "body 1");
  EXPECT_EQ(c.at(11'000), "body 2");
  EXPECT_EQ(c.at(9'000), "body 3");
}

TEST(StatusSnapshotTest, AChangeWhileTheBodyIsMadeIsNotMissed) {
  uint64_t version = 1;
  int made = 0;
  StatusSnapshot snapshot([&] { return std::vector<uint64_t>{version}; }, 1000);
  // The job ends while the body is being made: the body may or may not show it, so the
  // next request must not reuse it.
  snapshot.get(0, [&] {
    ++version;
    return std::to_string(++made);
  });
  EXPECT_EQ(*snapshot.get(1, [&] { return std::to_string(++made); }), "2");
  EXPECT_EQ(*snapshot.get(2, [&] { return std::to_string(++made); }), "2");
}

}  // namespace
}  // namespace encore
