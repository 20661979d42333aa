// Recently played (GET /me/player/recently-played): every new play since the stored
// cursor becomes a "play" record, stored in one transaction with the new cursor (the
// newest played_at), so a poll, a restart or a crash never loses or repeats a play.
#include <algorithm>
#include <map>

#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {
namespace {

constexpr int kMaxBackfillPages = 20;  // Spotify keeps the last 50 plays; this is plenty

}  // namespace

void syncRecentlyPlayed(PluginState &state, encore_run *run) {
  const encore::Host &host = state.host;
  Api api = state.api(run);
  const auto after = parseCount(host.kvGet(checkpoint::kRecentAfter));
  std::string path = "/me/player/recently-played?limit=50";
  if (after) path += "&after=" + std::to_string(*after);

  // played_at -> play; a map orders them and drops an entry seen on two pages.
  std::map<int64_t, PolledPlay> plays;
  int64_t newest = after.value_or(0);
  const int64_t now = host.nowMs();
  for (int pages = 0; pages < kMaxBackfillPages; ++pages) {
    auto response = api.get(path);
    if (!response.body.is_object()) throw FormatError("the answer is not a JSON object");
    const Json &items = requireArray(response.body, "items");
    int64_t oldest = INT64_MAX;
    for (const auto &item : items) {
      int64_t playedAt = 0;
      auto play = readPlay(item, now, playedAt);
      oldest = std::min(oldest, playedAt);
      if (after && playedAt <= *after) continue;  // already stored
      newest = std::max(newest, playedAt);
      if (play) plays.emplace(playedAt, std::move(*play));
    }
    // A full page after the cursor may hide older plays between the cursor and this
    // page: walk back with `before` until the cursor is reached.
    const bool more = optString(response.body, "next").has_value() && !items.empty();
    if (!after || !more || oldest <= *after || oldest == INT64_MAX) break;
    path = "/me/player/recently-played?limit=50&before=" + std::to_string(oldest);
  }
  if (newest == after.value_or(0)) return;  // nothing new
  encore::RecordsWriter doc;
  for (const auto &[playedAt, play] : plays) addPlay(doc, play);
  doc.checkpoint(checkpoint::kRecentAfter, std::to_string(newest));
  host.submit(run, doc.finish());
}

}  // namespace spotify
