// The Last.fm plugin's window walk (plugins/lastfm/window_walk.h) against a model of
// user.getRecentTracks, over thousands of generated histories: same-second stacks of every
// size, late scrobbles arriving ahead of the walk between any two requests, scrobbles
// deleted ahead of it, the order within a second changing from one answer to the next,
// glitched answers, and runs stopped after or before a commit. The daemon tests
// (lastfm_late_scrobbles_test.cc) run the same walk in the real plugin over HTTP; this one
// reaches the interleavings they cannot.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "window_walk.h"

namespace lastfm {
namespace {

struct Scenario {
  int scrobbles = 1000;
  int maxStack = 1;          // scrobbles sharing a second: 1..maxStack
  bool bulkStacks = false;   // now and then hundreds in one second (a bulk scrobbler)
  double arrivalRate = 0;    // chance of late scrobbles before a request
  double deletionRate = 0;   // chance of a scrobble ahead of the walk being deleted
  double glitchRate = 0;     // chance of a wrong answer (duplicate page, other user)
  double stopRate = 0;       // chance of the run stopping at a store (after or before it)
  bool shuffleTies = false;  // order within a second changes between answers
};

/// user.getRecentTracks over an in-memory history, with the faults of a Scenario.
class ModelLastfm : public WalkIo {
 public:
  ModelLastfm(const Scenario &s, uint64_t seed) : s_(s), rng_(seed) {
    int64_t uts = 1'500'000'000;
    while (static_cast<int>(history_.size()) < s.scrobbles) {
      int stack = 1 + static_cast<int>(rng_() % s.maxStack);
      if (s.bulkStacks && rng_() % 300 == 0) stack = 150 + static_cast<int>(rng_() % 500);
      for (int k = 0; k < stack; ++k) add(uts);
      newest_ = uts;
      uts += 1 + static_cast<int64_t>(rng_() % 300);
    }
    for (const auto &[id, e] : history_) mustStore_.insert(id);
  }

  int32_t fetch(std::optional<int64_t> from, int64_t to, int64_t page, int64_t limit,
                RecentPage &out) override {
    ++requests_;
    const bool oneSecond = from && to - *from == 1;
    if (walkedTo_ && *walkedTo_ < newest_ && !oneSecond) {
      if (chance(s_.arrivalRate)) arrive(std::max(*walkedTo_, from.value_or(0)));
      if (chance(s_.deletionRate)) deleteAhead(*walkedTo_);
    }
    // Newest first; within a second by title, or in an order drawn for this answer.
    std::vector<std::pair<uint64_t, const Scrobble *>> listed;
    for (const auto &[id, e] : history_) {
      if ((!from || e.uts >= *from) && e.uts < to)
        listed.emplace_back(s_.shuffleTies ? rng_() : 0, &e);
    }
    std::sort(listed.begin(), listed.end(), [](const auto &a, const auto &b) {
      if (a.second->uts != b.second->uts) return a.second->uts > b.second->uts;
      return a.first != b.first ? a.first < b.first : a.second->track < b.second->track;
    });
    std::vector<const Scrobble *> window;
    for (const auto &l : listed) window.push_back(l.second);
    out = RecentPage();
    out.page = page;
    out.total = static_cast<int64_t>(window.size());
    out.totalPages = (out.total + limit - 1) / limit;
    out.user = "rj";
    for (int64_t i = (page - 1) * limit; i < std::min(out.total, page * limit); ++i)
      out.scrobbles.push_back(*window[static_cast<size_t>(i)]);
    if (chance(s_.glitchRate)) {
      if (rng_() % 2 == 0 && !lastAnswer_.scrobbles.empty()) {
        out = lastAnswer_;  // the answer before, again
      } else {
        out.user = "someone-else";
      }
      return ENCORE_OK;
    }
    // How far the walk has read: every answer but a first page asked to count the window.
    if (page == 1 && out.totalPages > 1 && !counted_) {
      counted_ = true;
    } else if (!out.scrobbles.empty() && !oneSecond) {
      walkedTo_ = std::max(walkedTo_.value_or(INT64_MIN), out.scrobbles.front().uts);
    }
    lastAnswer_ = out;
    return ENCORE_OK;
  }

  int32_t store(const std::vector<Scrobble> &chunk, Mark mark, const WalkPosition &p) override {
    if (chance(s_.stopRate / 2)) return ENCORE_E_CANCELLED;  // stopped before the commit
    for (const auto &s : chunk) stored_.insert(s.track);
    if (mark == Mark::Advance) saved_ = p;
    if (mark == Mark::Done) done_ = true;
    if (chance(s_.stopRate / 2)) return ENCORE_E_CANCELLED;  // stopped after it
    return ENCORE_OK;
  }

  bool wait(int64_t) override { return true; }
  void fail(const std::string &reason) override { failures_.push_back(reason); }

  /// Runs the walk of [0, to) until the window is done, resuming after every stop.
  void walkToTheEnd() {
    const WalkWindow window{"backfill", std::nullopt, newest_ + 1, "rj"};
    WalkTuning tuning;
    tuning.backoffMs = 1;
    for (runs_ = 1; !done_ && runs_ <= 200; ++runs_) walkWindow(*this, window, saved_, tuning);
  }

  /// Scrobbles that had to be stored and were not.
  std::vector<std::string> missing() const {
    std::vector<std::string> out;
    for (const auto &id : mustStore_) {
      if (history_.count(id) != 0 && stored_.count(id) == 0)
        out.push_back(id + " at " + std::to_string(history_.at(id).uts));
    }
    return out;
  }

  bool done() const { return done_; }
  int64_t requests() const { return requests_; }
  int runs() const { return runs_; }
  int64_t arrivals() const { return arrivals_; }
  const std::vector<std::string> &failures() const { return failures_; }

 private:
  bool chance(double p) { return p > 0 && std::uniform_real_distribution<double>(0, 1)(rng_) < p; }

  void add(int64_t uts) {
    Scrobble s{uts, "Artist " + std::to_string(next_ % 97), "Song " + std::to_string(next_), ""};
    history_.emplace(s.track, s);
    ++next_;
  }

  /// One to three scrobbles at or after the second the walk has read to.
  void arrive(int64_t low) {
    const int count = 1 + static_cast<int>(rng_() % 3);
    for (int k = 0; k < count; ++k) {
      int64_t uts = low + static_cast<int64_t>(rng_() % static_cast<uint64_t>(newest_ - low + 1));
      if (rng_() % 3 == 0) uts = low;  // the very second the walk stands at
      add(uts);
      mustStore_.insert("Song " + std::to_string(next_ - 1));
      ++arrivals_;
    }
  }

  /// A scrobble not read yet disappears: it need not be stored any more.
  void deleteAhead(int64_t after) {
    std::vector<std::string> ahead;
    for (const auto &[id, e] : history_) {
      if (e.uts > after) ahead.push_back(id);
    }
    if (!ahead.empty()) history_.erase(ahead[rng_() % ahead.size()]);
  }

  Scenario s_;
  std::mt19937_64 rng_;
  std::map<std::string, Scrobble> history_;  // by title (unique)
  std::set<std::string> mustStore_, stored_;
  int64_t newest_ = 0, requests_ = 0, arrivals_ = 0;
  int next_ = 0, runs_ = 0;
  std::optional<int64_t> walkedTo_;
  bool counted_ = false, done_ = false;
  RecentPage lastAnswer_;
  WalkPosition saved_;
  std::vector<std::string> failures_;
};

void expectWalksStoreEverything(const Scenario &s, int seeds) {
  for (int seed = 1; seed <= seeds; ++seed) {
    ModelLastfm model(s, static_cast<uint64_t>(seed));
    model.walkToTheEnd();
    ASSERT_TRUE(model.done()) << "seed " << seed << ": not done after " << model.runs() << " runs; "
                              << (model.failures().empty() ? "" : model.failures()[0]);
    const auto missing = model.missing();
    ASSERT_TRUE(missing.empty()) << "seed " << seed << ": " << missing.size() << " missing, "
                                 << missing.front();
  }
}

TEST(LastfmWalkModelTest, QuietHistoriesTakeOneRequestPerPage) {
  for (int seed = 1; seed <= 50; ++seed) {
    ModelLastfm model({.scrobbles = 2000 + seed * 37}, static_cast<uint64_t>(seed));
    model.walkToTheEnd();
    ASSERT_TRUE(model.done());
    EXPECT_TRUE(model.missing().empty());
    // The count, then one request per page: the cost of a walk by page number.
    EXPECT_EQ(model.requests(), 1 + (2000 + seed * 37 + kPageSize - 1) / kPageSize) << seed;
  }
}

TEST(LastfmWalkModelTest, LateArrivalsAheadOfTheWalkAreStoredAndNothingIsSkipped) {
  expectWalksStoreEverything({.scrobbles = 3000, .arrivalRate = 0.3}, 150);
}

TEST(LastfmWalkModelTest, SameSecondStacksWithArrivalsAndAnUnstableOrderWithinASecond) {
  expectWalksStoreEverything({.scrobbles = 3000,
                              .maxStack = 9,
                              .bulkStacks = true,
                              .arrivalRate = 0.3,
                              .shuffleTies = true},
                             150);
}

TEST(LastfmWalkModelTest, DeletionsGlitchesAndStoppedRunsLoseNothing) {
  expectWalksStoreEverything({.scrobbles = 2500,
                              .maxStack = 4,
                              .bulkStacks = true,
                              .arrivalRate = 0.2,
                              .deletionRate = 0.1,
                              .glitchRate = 0.05,
                              .stopRate = 0.05,
                              .shuffleTies = true},
                             150);
}

TEST(LastfmWalkModelTest, ArrivalsCostAboutOneRequestEach) {
  int64_t requests = 0, pages = 0, arrivals = 0;
  for (int seed = 1; seed <= 60; ++seed) {
    ModelLastfm model({.scrobbles = 4000, .arrivalRate = 0.1}, static_cast<uint64_t>(seed));
    model.walkToTheEnd();
    ASSERT_TRUE(model.done());
    requests += model.requests();
    pages += 1 + (4000 + model.arrivals() + kPageSize - 1) / kPageSize;
    arrivals += model.arrivals();
  }
  EXPECT_LE(requests, pages + arrivals)
      << requests << " requests for " << pages << " pages and " << arrivals << " arrivals";
}

}  // namespace
}  // namespace lastfm
