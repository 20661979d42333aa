// Liked songs (GET /me/tracks): stored as the special playlist "liked_songs" with
// is_liked_songs = true, one entry per position, newest first as Spotify lists them.
// A run whose first page matches the last full pass (same total, same newest items)
// stops after that one request.
#include "batch.h"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {
namespace {

/// The profile, fetched once (GET /me) for the playlist's owner; cached in checkpoints.
Json likedPlaylist(const Host &host, Api &api, std::optional<int64_t> total, Document &doc) {
  auto ownerId = host.kvGet(checkpoint::kProfileId);
  auto ownerName = host.kvGet(checkpoint::kProfileName);
  if (!ownerId) {
    auto me = api.get("/me").body;
    ownerId = optString(me, "id");
    ownerName = optString(me, "display_name");
    if (ownerId) doc.checkpoint(checkpoint::kProfileId, ownerId);
    if (ownerName) doc.checkpoint(checkpoint::kProfileName, ownerName);
  }
  Json playlist = {{"type", "playlist"},
                   {"id", kLikedSongsId},
                   {"name", "Liked Songs"},
                   {"is_liked_songs", true}};
  if (ownerId && !ownerId->empty() && ownerId->size() <= 256) playlist["owner_id"] = *ownerId;
  if (ownerName && !ownerName->empty()) playlist["owner_name"] = truncateUtf8(*ownerName, 2048);
  if (total && *total >= 0) playlist["track_count"] = *total;
  return playlist;
}

}  // namespace

void syncLikedSongs(PluginState &state, encore_run *run) {
  const Host &host = state.host;
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
    if (pages >= kMaxPages) throw RunError(ENCORE_E_FAILED, "liked songs: too many pages");
    OffsetPage page = readOffsetPage(response.body, offset);
    Document doc;
    if (pages == 0) {
      // Anchored in a collection of its own, so no playlist pass ever removes it.
      doc.add({{"type", "library_item"},
               {"collection", "liked_songs"},
               {"item", likedPlaylist(host, api, page.total, doc)}});
    }
    int64_t position = offset;
    for (const auto &item : *page.items)
      doc.add(playlistItemRecord(kLikedSongsId, position++, item));
    if (page.last) {
      doc.add(
          {{"type", "playlist_truncate"}, {"playlist_id", kLikedSongsId}, {"length", position}});
      doc.checkpoint(checkpoint::kLikedOffset, std::nullopt);
      // After a resumed pass the first page was not read in this run: no fingerprint.
      doc.checkpoint(checkpoint::kLikedHead, head);
    } else {
      doc.checkpoint(checkpoint::kLikedOffset, std::to_string(position));
    }
    batch.add(std::move(doc));
    if (page.last) {
      batch.flush();
      return;
    }
    offset = position;
    response = api.get("/me/tracks?limit=50&offset=" + std::to_string(offset));
  }
}

}  // namespace spotify
