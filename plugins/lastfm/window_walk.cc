#include "window_walk.h"

#include <algorithm>
#include <climits>

#include "page_checks.h"

namespace lastfm {
namespace {

/// A second's scrobbles are asked for in pages this large (Last.fm's maximum), so that a
/// bulk scrobbler's stack comes in one answer: no order within a second is relied on.
constexpr int64_t kSecondLimit = 1000;

int64_t pagesFor(int64_t count) {
  return count <= 0 ? 0 : (count + kPageSize - 1) / kPageSize;
}

class Walk {
 public:
  Walk(WalkIo &io, const WalkWindow &w, WalkPosition p, const WalkTuning &t)
      : io_(io), w_(w), pos_(std::move(p)), t_(t) {}

  int32_t run() {
    while (!done_) {
      const bool counted = pos_.left && (*pos_.left > 0 || !pos_.boundary.empty());
      if (int32_t rc = counted ? step() : count(); rc != ENCORE_OK) return rc;
    }
    return ENCORE_OK;
  }

 private:
  std::optional<int64_t> from() const { return pos_.reached ? pos_.reached : w_.from; }
  int64_t fromSecond() const { return from().value_or(INT64_MIN); }

  /// A page that passes the checks (page_checks.h), asked again after a glitch.
  int32_t fetch(const PageRequest &request, RecentPage &out) {
    for (int glitches = 0;;) {
      if (int32_t rc = io_.fetch(request.from, request.to, request.page, request.limit, out);
          rc != ENCORE_OK)
        return rc;
      const PageProblem problem = checkPage(request, out);
      if (problem.what.empty()) return ENCORE_OK;
      if (++glitches > t_.glitchRetries) {
        if (problem.emptyWindow) {
          // Counted scrobbles gone: the next run counts the window afresh, and an empty
          // answer given twice then ends it (they were deleted).
          pos_.left.reset();
          pos_.boundary.clear();
          io_.store({}, WalkIo::Mark::Advance, pos_);
        }
        io_.fail("Last.fm sent " + problem.what + "; the " + w_.name +
                 " resumes where it stopped on the next run");
        return ENCORE_E_FAILED;
      }
      if (!io_.wait(t_.backoffMs << glitches)) return ENCORE_E_CANCELLED;
    }
  }

  PageRequest request(int64_t page) const {
    PageRequest r{from(), w_.to, page, kPageSize, w_.user, lastPage_};
    r.expectScrobbles = !pos_.boundary.empty() || pos_.left.value_or(0) > 0;
    return r;
  }

  /// Learns how many scrobbles the window holds (page 1). A window on one page is done
  /// with it; an empty one once Last.fm has said so twice (once may be a glitch).
  int32_t count() {
    RecentPage first;
    for (int answers = 0;; ++answers) {
      if (int32_t rc = fetch(request(1), first); rc != ENCORE_OK) return rc;
      if (first.total > 0) break;
      if (answers == 1) return store({}, WalkIo::Mark::Done, first);
      if (!io_.wait(t_.backoffMs)) return ENCORE_E_CANCELLED;
    }
    if (first.totalPages <= 1) return store(first.scrobbles, WalkIo::Mark::Done, first);
    pos_.left = first.total;  // the newest page is not stored: the walk starts at the oldest
    return ENCORE_OK;
  }

  /// Stores the page that holds the oldest scrobbles not stored yet, and moves on.
  int32_t step() {
    const int64_t page = std::max<int64_t>(1, pagesFor(*pos_.left - pos_.boundary.size()));
    RecentPage answer;
    if (int32_t rc = fetch(request(page), answer); rc != ENCORE_OK) return rc;
    if (page > answer.totalPages) return recount(answer.total);  // scrobbles were deleted
    const std::vector<Scrobble> &chunk = answer.scrobbles;
    if (chunk.front().uts == fromSecond()) return walkSecond(fromSecond(), answer.total);
    const int64_t past = answer.total - page * kPageSize;  // listed after this page
    if (past > 0 && !reachesBoundary(chunk, past, answer.total)) return recount(answer.total);
    if (page == 1) return store(chunk, WalkIo::Mark::Done, answer);
    // The rest of the window is [s, to): every scrobble listed before this page, and
    // those of this page at s, listed last.
    const int64_t s = chunk.front().uts;
    pos_.reached = s;
    pos_.boundary.clear();
    for (const auto &x : chunk) {
      if (x.uts == s) pos_.boundary.push_back(x.identity());
    }
    std::sort(pos_.boundary.begin(), pos_.boundary.end());
    pos_.left = (page - 1) * kPageSize + static_cast<int64_t>(pos_.boundary.size());
    return store(chunk, WalkIo::Mark::Advance, answer);
  }

  /// The page answered for [F, to) does not reach the window's oldest scrobble: it does
  /// reach what is stored if the `past` scrobbles listed after it are stored ones. They
  /// are at F (this page holds a later one), and the boundary scrobbles not on this page
  /// are among them; as many of those as `past` means they are exactly those. The count
  /// must not have changed: a deletion and an arrival together would keep it.
  bool reachesBoundary(const std::vector<Scrobble> &page, int64_t past, int64_t total) const {
    const auto known = static_cast<int64_t>(pos_.boundary.size());
    if (total != *pos_.left || past > known) return false;
    std::vector<uint64_t> unmatched = pos_.boundary;
    int64_t onPage = 0;
    for (const auto &s : page) {
      if (s.uts != fromSecond()) continue;
      auto it = std::lower_bound(unmatched.begin(), unmatched.end(), s.identity());
      if (it != unmatched.end() && *it == s.identity()) {
        unmatched.erase(it);
        ++onPage;
      }
    }
    return onPage + past == known;
  }

  /// A whole page inside the second the walk stands at (a bulk scrobbler's stack): the
  /// second is read on its own, [s, s + 1), in one answer of up to kSecondLimit (pages of
  /// that size beyond, their count checked), and the walk goes on after it. Its pages are
  /// stored as they come; a run stopped meanwhile reads the second again.
  int32_t walkSecond(int64_t second, int64_t windowTotal) {
    for (;;) {
      PageRequest r{second, second + 1, 1, kSecondLimit, w_.user, {}};
      r.expectScrobbles = true;
      r.withinSecond = true;
      RecentPage page;
      if (int32_t rc = fetch(r, page); rc != ENCORE_OK) return rc;
      const int64_t count = page.total, pages = page.totalPages;
      bool steady = true;
      for (r.page = 2; r.page <= pages && steady; ++r.page) {
        if (int32_t rc = store(page.scrobbles, WalkIo::Mark::Keep, page); rc != ENCORE_OK)
          return rc;
        if (int32_t rc = fetch(r, page); rc != ENCORE_OK) return rc;
        steady = page.total == count;
      }
      if (!steady) {
        if (int32_t rc = recount(windowTotal); rc != ENCORE_OK) return rc;
        continue;
      }
      // The window goes on after the second; when that was all of it by the count, its
      // emptiness is asked like any window's (scrobbles may have arrived meanwhile).
      pos_.reached = second + 1;
      pos_.boundary.clear();
      pos_.left = std::max<int64_t>(0, windowTotal - count);
      return store(page.scrobbles, WalkIo::Mark::Advance, page);
    }
  }

  /// The window's count changed under a step (scrobbles arrived or were deleted), or a
  /// page could not be shown to reach what is stored: the next step asks for the
  /// window's oldest page by the new count, which reaches the stored part by itself
  /// (its scrobbles of the boundary second are read again).
  int32_t recount(int64_t total) {
    if (++recounts_ > t_.recounts) {
      io_.fail("Last.fm's count of scrobbles kept changing during the " + w_.name +
               "; it resumes where it stopped on the next run");
      return ENCORE_E_FAILED;
    }
    pos_.left = total;
    pos_.boundary.clear();
    return ENCORE_OK;
  }

  int32_t store(const std::vector<Scrobble> &chunk, WalkIo::Mark mark, const RecentPage &page) {
    lastPage_ = page.signature();
    if (mark != WalkIo::Mark::Keep) pos_.lastPage = lastPage_;
    if (int32_t rc = io_.store(chunk, mark, pos_); rc != ENCORE_OK) return rc;
    if (mark != WalkIo::Mark::Keep) recounts_ = 0;
    done_ = mark == WalkIo::Mark::Done;
    return ENCORE_OK;
  }

  WalkIo &io_;
  const WalkWindow &w_;
  WalkPosition pos_;
  const WalkTuning &t_;
  std::string lastPage_ = pos_.lastPage;
  int recounts_ = 0;
  bool done_ = false;
};

}  // namespace

int32_t walkWindow(WalkIo &io, const WalkWindow &window, WalkPosition position,
                   const WalkTuning &tuning) {
  return Walk(io, window, std::move(position), tuning).run();
}

}  // namespace lastfm
