// A walk of a window of scrobbles [from, to) from its oldest scrobble to its newest that
// moves by time, not by page number. Last.fm lists a window newest first, so a scrobble
// arriving late inside it (an offline phone catching up) moves every older one a place
// down the pages: a walk by page number skips one per arrival. This walk asks each time
// for the page that should end where what it has stored begins: `from` is the second it
// has read to, and the page number comes from the window's count at the last answer.
// Each answer shows by itself whether it reaches what is stored (its count, and the
// scrobbles of that second it lists); one that does not (scrobbles arrived or were
// deleted meanwhile) is asked for again from the new count. Nothing relies on two
// answers agreeing nor on an order within a second, but for a second holding over 1,000
// scrobbles (Last.fm's largest page). Scrobbles of the second the walk stands at are read
// again and stored once (the host's ±30 s rule). `from` counts its own second in, `to`
// does not. docs/HISTORY.md, "The Last.fm walk", gives the reasoning and the cost.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "encore/plugin_api.h"
#include "recent_page.h"

namespace lastfm {

constexpr int64_t kPageSize = 200;  // limit=200

/// How far a walk got; stored with each page, so a walk resumes where it stopped.
struct WalkPosition {
  /// Every scrobble of the window before this second is stored (nullopt: none yet).
  std::optional<int64_t> reached;
  /// Identities of scrobbles stored at `reached`, sorted: Last.fm lists them last.
  std::vector<uint64_t> boundary;
  /// Scrobbles Last.fm counted in [reached, to) (nullopt: to be asked).
  std::optional<int64_t> left;
  /// Signature of the last page stored, to recognise it served again.
  std::string lastPage;
};

/// What a walk needs from the world: Last.fm's pages, the store and the clock.
class WalkIo {
 public:
  enum class Mark { Keep, Advance, Done };
  virtual ~WalkIo() = default;
  /// Page `page` of [from, to) (no `from` when nullopt), `limit` scrobbles a page:
  /// ENCORE_OK, or the code that ends the run, its reason given.
  virtual int32_t fetch(std::optional<int64_t> from, int64_t to, int64_t page, int64_t limit,
                        RecentPage &out) = 0;
  /// Stores the usable scrobbles of `chunk` in one transaction with, for `Advance`,
  /// `position`; `Done` ends the window; `Keep` leaves the stored position as it is.
  virtual int32_t store(const std::vector<Scrobble> &chunk, Mark mark,
                        const WalkPosition &position) = 0;
  /// Waits `ms`; false when the run is cancelled meanwhile.
  virtual bool wait(int64_t ms) = 0;
  /// Gives the reason the run stops (the host's walk throws it as the run's error).
  virtual void fail(const std::string &reason) = 0;
};

struct WalkWindow {
  std::string name;             // in messages: "backfill", "sync"
  std::optional<int64_t> from;  // inclusive; nullopt: from the first scrobble
  int64_t to = 0;               // exclusive
  std::string user;             // pages of another user are refused
};

struct WalkTuning {
  int64_t backoffMs = 2000;
  int glitchRetries = 3;  // a wrong page is asked again this often before the run stops
  int recounts = 8;       // a count that changes this often under one page stops the run
};

/// Walks the window to its end from `position`. ENCORE_OK once the window is done;
/// another code (its reason given) when the run stops: the next one resumes.
int32_t walkWindow(WalkIo &io, const WalkWindow &window, WalkPosition position,
                   const WalkTuning &tuning);

}  // namespace lastfm
