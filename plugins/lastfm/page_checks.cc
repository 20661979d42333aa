#include "page_checks.h"

#include <cctype>
#include <climits>

namespace lastfm {
namespace {

std::string lower(std::string s) {
  for (char &c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

PageProblem checkPage(const PageRequest &r, const RecentPage &page) {
  const std::string asked = "page " + std::to_string(r.page);
  if (!r.user.empty() && !page.user.empty() && lower(page.user) != lower(r.user))
    return {"a page of another user ('" + page.user + "')"};
  if (page.total == 0 && r.expectScrobbles)
    return {"an empty window where it had counted scrobbles", true};
  if (r.page > page.totalPages) return {};  // fewer pages than thought: the count tells why
  if (page.page != r.page) return {"page " + std::to_string(page.page) + " instead of " + asked};
  if (page.scrobbles.empty())
    return {"an empty " + asked + " of " + std::to_string(page.totalPages)};
  int64_t previous = INT64_MAX;
  for (const auto &s : page.scrobbles) {
    // Newest first, inside the window (a scrobble at `to` itself is let through, as a
    // server counting `to` in would list it: it is stored once either way).
    if (s.uts > previous || (r.from && s.uts < *r.from) || s.uts > r.to)
      return {asked + " listing scrobbles out of order or outside the window"};
    previous = s.uts;
  }
  if (!r.withinSecond && page.signature() == r.lastPage)
    return {"the page stored last again as " + asked};
  return {};
}

}  // namespace lastfm
