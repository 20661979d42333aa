// What a walk refuses in a page of user.getRecentTracks, so that no glitch is ever taken
// for the end of a window or for a page it is not: another user's page (a rare Last.fm bug),
// another page than the one asked, a page listing scrobbles out of order or outside the
// window, an empty page inside the window, the page stored last served again, and an
// empty window where scrobbles were counted. A refused page is asked again after a pause.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "recent_page.h"

namespace lastfm {

struct PageRequest {
  std::optional<int64_t> from;  // inclusive
  int64_t to = 0;               // exclusive
  int64_t page = 1;
  int64_t limit = 200;
  std::string user;              // "" accepts any
  std::string lastPage;          // signature of the page stored last
  bool expectScrobbles = false;  // the window is known to hold some
  bool withinSecond = false;     // [s, s + 1): its pages may look alike
};

struct PageProblem {
  std::string what;  // "" when the page is fine
  bool emptyWindow = false;
};

PageProblem checkPage(const PageRequest &request, const RecentPage &page);

}  // namespace lastfm
