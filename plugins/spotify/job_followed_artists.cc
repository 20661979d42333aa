// Followed artists: GET /me/following?type=artist, cursor-paged, as one collection pass.
// Each page is stored with the cursor of the next one, so a restart resumes the pass where
// it stopped; the pass's end removes unfollowed artists when the setting says so.
#include <algorithm>

#include "batch.h"
#include "encore/text.hpp"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {

void syncFollowedArtists(PluginState &state, encore_run *run) {
  const encore::Host &host = state.host;
  Api api = state.api(run);
  std::optional<std::string> after = host.kvGet(checkpoint::kArtistsAfter);
  host.collectionBegin(run, "followed_artists");
  Batch batch(host, run);
  int64_t seen = 0;
  int64_t total = 0;
  for (int pages = 0;; ++pages) {
    if (pages >= kMaxPages)
      throw encore::Error(ENCORE_E_FAILED, "followed artists: too many pages");
    std::string path = "/me/following?type=artist&limit=50";
    if (after) path += "&after=" + encore::urlEncode(*after);
    auto response = api.get(path);
    const Json *artists = optObject(response.body, "artists");
    if (artists == nullptr) throw FormatError("the answer has no 'artists' object");
    const Json &items = requireArray(*artists, "items");
    total = std::max(total, optInt(*artists, "total").value_or(0));

    encore::RecordsWriter &doc = batch.page();
    for (const auto &item : items) {
      addLibraryItem(doc, "followed_artists",
                     [&](encore::JsonWriter &w) { return writeArtist(w, item, true); });
    }
    std::optional<std::string> next;
    if (optString(*artists, "next")) {
      if (const Json *cursors = optObject(*artists, "cursors")) next = optString(*cursors, "after");
    }
    if (next && next->empty()) next.reset();
    if (items.empty()) next.reset();
    doc.checkpoint(checkpoint::kArtistsAfter, next);
    batch.endPage();
    seen += static_cast<int64_t>(items.size());
    if (!next) break;
    after = next;
  }
  batch.flush();
  bool remove = host.boolSetting(setting::kRemoveUnfollowedArtists, true);
  if (remove && seen == 0 && total > 0) {
    // An empty answer that claims a non-empty library is not a reason to delete anything.
    host.log(ENCORE_LOG_WARNING, "followed artists: empty pages but total " +
                                     std::to_string(total) + "; nothing removed this time");
    remove = false;
  }
  host.collectionEnd(run, "followed_artists", remove);
}

}  // namespace spotify
