// Liked songs (GET /me/tracks): stored as the special playlist "liked_songs" with
// is_liked_songs = true, one entry per position, newest first as Spotify lists them.
// A run whose first page matches the last full pass (same total, same newest items)
// stops after that one request.
#include "batch.h"
#include "encore/text.hpp"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {
namespace {

/// The profile, fetched once (GET /me) for the playlist's owner; cached in checkpoints.
struct Owner {
  std::optional<std::string> id, name;
};
Owner likedOwner(const encore::Host &host, Api &api, encore::RecordsWriter &doc) {
  Owner owner{host.kvGet(checkpoint::kProfileId), host.kvGet(checkpoint::kProfileName)};
  if (!owner.id) {
    auto me = api.get("/me").body;
    owner.id = optString(me, "id");
    owner.name = optString(me, "display_name");
    if (owner.id) doc.checkpoint(checkpoint::kProfileId, owner.id);
    if (owner.name) doc.checkpoint(checkpoint::kProfileName, owner.name);
  }
  return owner;
}

/// The special playlist itself, anchored in a collection of its own so that no playlist
/// pass ever removes it.
void addLikedPlaylist(const encore::Host &host, Api &api, std::optional<int64_t> total,
                      encore::RecordsWriter &doc) {
  const Owner owner = likedOwner(host, api, doc);
  addLibraryItem(doc, "liked_songs", [&](encore::JsonWriter &w) {
    w.beginObject();
    w.field("type", "playlist");
    w.field("id", kLikedSongsId);
    w.field("name", "Liked Songs");
    w.field("is_liked_songs", true);
    if (owner.id && !owner.id->empty() && owner.id->size() <= 256) w.field("owner_id", *owner.id);
    if (owner.name && !owner.name->empty())
      w.field("owner_name", encore::truncateUtf8(*owner.name, 2048));
    if (total && *total >= 0) w.field("track_count", *total);
    w.endObject();
    return true;
  });
}

}  // namespace

void syncLikedSongs(PluginState &state, encore_run *run) {
  const encore::Host &host = state.host;
  Api api = state.api(run);
  const auto resumeAt = parseCount(host.kvGet(checkpoint::kLikedOffset));
  int64_t offset = resumeAt.value_or(0);
  auto response = api.get("/me/tracks?limit=50&offset=" + std::to_string(offset));
  std::optional<std::string> head;
  if (!resumeAt) {
    head = libraryFingerprint(response.body, "track");
    if (head == host.kvGet(checkpoint::kLikedHead)) return;  // unchanged since the last pass
  }
  Batch batch(host, run);
  for (int pages = 0;; ++pages) {
    if (pages >= kMaxPages) throw encore::Error(ENCORE_E_FAILED, "liked songs: too many pages");
    OffsetPage page = readOffsetPage(response.body, offset);
    encore::RecordsWriter &doc = batch.page();
    if (pages == 0) addLikedPlaylist(host, api, page.total, doc);
    int64_t position = offset;
    for (const auto &item : *page.items) addPlaylistItem(doc, kLikedSongsId, position++, item);
    if (page.last) {
      addPlaylistTruncate(doc, kLikedSongsId, position);
      doc.checkpoint(checkpoint::kLikedOffset, std::nullopt);
      // After a resumed pass the first page was not read in this run: no fingerprint.
      doc.checkpoint(checkpoint::kLikedHead, head);
    } else {
      doc.checkpoint(checkpoint::kLikedOffset, std::to_string(position));
    }
    batch.endPage();
    if (page.last) {
      batch.flush();
      return;
    }
    offset = position;
    response = api.get("/me/tracks?limit=50&offset=" + std::to_string(offset));
  }
}

}  // namespace spotify
