// Late scrobbles reaching Last.fm while the plugin walks a window (an offline phone
// catching up): Last.fm lists a window newest first, so each one moves every older
// scrobble one place down its pages. Whatever the walk, every scrobble Last.fm holds must
// end up stored exactly once.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <climits>
#include <ctime>
#include <memory>
#include <thread>

#include "imports/lastfm_test_support.h"

namespace encore::test {
namespace {

using Scrobble = FakeLastfm::Scrobble;

/// Late scrobbles ahead of a walk: at the very second it has read to, a second later,
/// halfway to the newest scrobble of the history, at the newest, and anywhere between;
/// one to three at a time, before every `every`-th request of a walk under way, until it
/// has read the newest (what arrives after that is the next pass's to read).
class LateArrivals {
 public:
  LateArrivals(int64_t newest, int every, int max) : newest_(newest), every_(every), max_(max) {}

  std::vector<Scrobble> operator()(const FakeLastfm::RecentQuery &q) {
    // Only windows being walked page by page; not a one-second window.
    if (!q.frontier || *q.frontier >= newest_ || !q.to || (q.from && *q.to - *q.from <= 1))
      return {};
    if (++requests_ % every_ != 0 || added_ >= max_) return {};
    const int64_t low = std::max(*q.frontier, q.from.value_or(INT64_MIN));
    const int64_t high = std::min(*q.to - 1, newest_);
    if (high < low) return {};
    std::vector<Scrobble> out;
    ++bursts_;
    const int count = 1 + (requests_ / every_) % 3;
    for (int k = 0; k < count && added_ < max_; ++k) {
      const int n = added_++;
      int64_t uts = low;
      switch (n % 5) {
        case 0:
          uts = low;
          break;
        case 1:
          uts = std::min(low + 1, high);
          break;
        case 2:
          uts = low + (high - low) / 2;
          break;
        case 3:
          uts = high;
          break;
        default:
          seed_ = seed_ * 6364136223846793005ULL + 1442695040888963407ULL;
          uts = low + static_cast<int64_t>((seed_ >> 33) % static_cast<uint64_t>(high - low + 1));
      }
      out.push_back({uts, "Late Artist " + std::to_string(n % 13), "Late Song " + std::to_string(n),
                     "Late Album"});
    }
    return out;
  }
  int added() const { return added_; }
  int bursts() const { return bursts_; }

 private:
  int64_t newest_;
  int every_, max_;
  int requests_ = 0;
  std::atomic<int> added_{0}, bursts_{0};
  uint64_t seed_ = 42;
};

/// Installs `late` on `fake` (the fake calls it under its own lock).
void arriveDuringWalks(FakeLastfm &fake, const std::shared_ptr<LateArrivals> &late) {
  fake.onRecentTracks([late](const FakeLastfm::RecentQuery &q) { return (*late)(q); });
}

void runScrobblesToTheEnd(const DaemonProcess &daemon, bool enable) {
  if (enable) {
    ASSERT_EQ(daemon.put("/api/settings", {{"lastfm.enabled", true}}).status, 200);
  } else {
    ASSERT_EQ(daemon.post("/api/workers/lastfm.scrobbles/run").status, 202);  // running now
  }
  ASSERT_TRUE(DaemonProcess::waitFor([&] { return scrobblesRunFinished(daemon); }, 60'000))
      << daemon.log();
  EXPECT_EQ(worker(daemon, "lastfm.scrobbles")["last_run"]["status"], "ok")
      << worker(daemon, "lastfm.scrobbles");
}

int64_t pagesOf(int64_t scrobbles) {
  return (scrobbles + 199) / 200;
}

TEST(LastfmLateScrobblesTest, BackfillStoresEveryScrobbleWhileLateOnesArriveInsideItsWindow) {
  const FakeLastfm::Options options{.scrobbles = 8'000};
  FakeLastfm fake(options);
  auto late = std::make_shared<LateArrivals>(FakeLastfm::scrobbleAt(options, 7'999).uts, 2, 90);
  arriveDuringWalks(fake, late);
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  runScrobblesToTheEnd(daemon, true);

  EXPECT_GE(late->added(), 60);  // arrivals all along the walk
  const auto held = scrobblesOf(fake);
  ASSERT_EQ(held.size(), 8'000u + static_cast<size_t>(late->added()));
  EXPECT_TRUE(storedExactly(db, fake));  // each exactly once: none skipped, none twice
  // One request per page, and at most two more per burst of arrivals (the page they
  // disturbed, and the few scrobbles they pushed onto the next one).
  EXPECT_LE(fake.recentRequests(),
            static_cast<size_t>(pagesOf(held.size()) + 2 * late->bursts() + 4))
      << fake.recentRequests() << " requests, " << late->bursts() << " bursts";
}

TEST(LastfmLateScrobblesTest, IncrementalPassStoresEveryScrobbleWhileLateOnesArrive) {
  FakeLastfm fake({.scrobbles = 40});
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  runScrobblesToTheEnd(daemon, true);  // the backfill of the 40, done
  ASSERT_EQ(scalar(db, "SELECT count(*) FROM plays"), 40);
  const int64_t ended = static_cast<int64_t>(std::time(nullptr));
  while (static_cast<int64_t>(std::time(nullptr)) == ended) {
    std::this_thread::sleep_for(std::chrono::milliseconds(20));  // the next pass ends later
  }

  // A phone offline for hours comes back: 900 scrobbles of the last five hours reach
  // Last.fm, and more keep arriving while the next pass walks them (4-5 pages).
  const int64_t now = static_cast<int64_t>(std::time(nullptr));
  std::vector<Scrobble> offline;
  for (int i = 0; i < 900; ++i) {
    offline.push_back({now - 5 * 3600 + i * 15, "Offline Artist " + std::to_string(i % 17),
                       "Offline Song " + std::to_string(i), "Offline Album"});
  }
  fake.addScrobbles(offline);
  auto late = std::make_shared<LateArrivals>(offline.back().uts, 1, 40);
  arriveDuringWalks(fake, late);
  const size_t before = fake.recentRequests();
  runScrobblesToTheEnd(daemon, false);

  EXPECT_GE(late->added(), 8);
  const auto held = scrobblesOf(fake);
  ASSERT_EQ(held.size(), 940u + static_cast<size_t>(late->added()));
  EXPECT_TRUE(storedExactly(db, fake));
  EXPECT_LE(fake.recentRequests() - before,
            static_cast<size_t>(pagesOf(900 + late->added()) + 2 * late->bursts() + 4))
      << fake.recentRequests() - before << " requests, " << late->bursts() << " bursts";
}

TEST(LastfmLateScrobblesTest, SameSecondStacksAcrossPageBoundariesAreStoredWhole) {
  // Seven scrobbles a second (a bulk scrobbler), so every page boundary cuts through a
  // second; a stack of 450 at one second in the middle and of 230 at the newest; late
  // scrobbles at the very second the walk has read to.
  const FakeLastfm::Options options{.scrobbles = 3'003, .perSecond = 7};
  FakeLastfm fake(options);
  const int64_t middle = FakeLastfm::scrobbleAt(options, 1'500).uts;
  const int64_t newest = FakeLastfm::scrobbleAt(options, 3'002).uts;
  std::vector<Scrobble> stacks;
  for (int i = 0; i < 450; ++i)
    stacks.push_back({middle, "Stack Artist", "Middle " + std::to_string(i), ""});
  for (int i = 0; i < 230; ++i)
    stacks.push_back({newest, "Stack Artist", "Newest " + std::to_string(i), ""});
  fake.addScrobbles(stacks);
  auto late = std::make_shared<LateArrivals>(newest, 3, 40);
  arriveDuringWalks(fake, late);
  TempDir dir;
  const std::string db = (dir / "data" / "encore.db").string();
  DaemonProcess daemon(lastfmDaemonOptions(dir, fake));
  runScrobblesToTheEnd(daemon, true);

  const auto held = scrobblesOf(fake);
  ASSERT_EQ(held.size(), 3'683u + static_cast<size_t>(late->added()));
  EXPECT_TRUE(storedExactly(db, fake));
}

}  // namespace
}  // namespace encore::test
