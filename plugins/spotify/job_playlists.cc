// The user's playlists (GET /me/playlists) as the "playlists" collection, and the entries
// of each playlist whose snapshot_id changed (GET /playlists/{id}/items). A playlist's
// snapshot_id is stored with its last page of entries, so one interrupted half-way is
// read again. Checkpoints name the list page and the playlist entry being worked on.
#include <vector>

#include "batch.h"
#include "encore/text.hpp"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {
namespace {

/// "<playlist id> <next offset> <snapshot id>": where the entries of a playlist stopped.
struct EntriesResume {
  std::string playlistId;
  int64_t offset = 0;
  std::string snapshotId;
};

std::optional<EntriesResume> readEntriesResume(const encore::Host &host) {
  auto text = host.kvGet(checkpoint::kPlaylistEntries);
  if (!text) return std::nullopt;
  auto first = text->find(' ');
  auto second = first == std::string::npos ? first : text->find(' ', first + 1);
  if (second == std::string::npos) return std::nullopt;
  auto offset = parseCount(text->substr(first + 1, second - first - 1));
  if (!offset) return std::nullopt;
  return EntriesResume{text->substr(0, first), *offset, text->substr(second + 1)};
}

/// A playlist of the list page: its answer (alive while the page is worked on) and what
/// the sync decides by.
struct Listed {
  const Json *source;
  std::string id;
  std::optional<std::string> snapshot;
  std::optional<int64_t> trackCount;
};

/// Only what the records are made of: in real answers a track's available markets alone
/// are ~180 strings, twice (track and album). The 2026 entries call it `item`, older ones
/// `track`; both are asked for.
const std::string &entryFields() {
  static const std::string track =
      "id,name,type,uri,is_local,duration_ms,explicit,popularity,disc_number,track_number,"
      "external_ids.isrc,external_urls.spotify,artists(id,name,external_urls.spotify),"
      "album(id,name,album_type,release_date,total_tracks,images,external_urls.spotify,"
      "artists(id,name,external_urls.spotify))";
  static const std::string fields = encore::urlEncode("items(added_at,added_by.id,is_local,item(" +
                                                      track + "),track(" + track + ")),next,total");
  return fields;
}

/// The playlist with the snapshot its stored entries now match.
void addPlaylist(encore::RecordsWriter &doc, const Listed &playlist) {
  doc.add([&](encore::JsonWriter &w) { return writePlaylist(w, *playlist.source, true); });
  doc.checkpoint(checkpoint::kPlaylistEntries, std::nullopt);
}

void syncEntries(const encore::Host &host, Api &api, Batch &batch, SentInRun &sent,
                 const Listed &playlist, int64_t offset) {
  const std::string &id = playlist.id;
  if (offset == 0 && playlist.trackCount == 0) {
    addPlaylistTruncate(batch.page(), id, 0);
    addPlaylist(batch.page(), playlist);
    batch.endPage();
    return;
  }
  for (int pages = 0;; ++pages) {
    if (pages >= kMaxPages)
      throw encore::Error(ENCORE_E_FAILED, "playlist " + id + ": too many pages");
    auto response =
        api.get("/playlists/" + id + "/items?limit=50&offset=" + std::to_string(offset) +
                    "&additional_types=track,episode&fields=" + entryFields(),
                {403, 404});
    if (response.status == 403 || response.status == 404) {
      // Since February 2026 only owned and collaborative playlists show their entries; a
      // playlist may also vanish between the list and this request. Keep what is known,
      // and remember the snapshot so it is not asked again until it changes.
      host.log(ENCORE_LOG_INFO, "playlist " + id + ": entries not readable (" +
                                    std::to_string(response.status) +
                                    "); keeping the playlist only");
      addPlaylist(batch.page(), playlist);
      batch.endPage();
      return;
    }
    OffsetPage page = readOffsetPage(response.body, offset);
    encore::RecordsWriter &doc = batch.page();
    int64_t position = offset;
    for (const auto &entry : *page.items) addPlaylistItem(doc, id, position++, entry, &sent);
    if (page.last) {
      // The final state of the entries: the truncation, then the playlist's snapshot.
      addPlaylistTruncate(doc, id, position);
      addPlaylist(doc, playlist);
    } else {
      doc.checkpoint(checkpoint::kPlaylistEntries,
                     id + " " + std::to_string(position) + " " + playlist.snapshot.value_or(""));
    }
    batch.endPage();
    if (page.last) return;
    offset = position;
  }
}

}  // namespace

void syncPlaylists(PluginState &state, encore_run *run) {
  const encore::Host &host = state.host;
  Api api = state.api(run);
  int64_t offset = parseCount(host.kvGet(checkpoint::kPlaylistsOffset)).value_or(0);
  auto resume = readEntriesResume(host);
  host.collectionBegin(run, "playlists");
  Batch batch(host, run);
  int64_t seen = 0;
  for (int pages = 0;; ++pages) {
    if (pages >= kMaxPages) throw encore::Error(ENCORE_E_FAILED, "playlists: too many pages");
    auto response = api.get("/me/playlists?limit=50&offset=" + std::to_string(offset));
    OffsetPage page = readOffsetPage(response.body, offset);

    // The page's playlists first (without snapshots), so their entries have a parent.
    std::vector<Listed> playlists;
    for (const auto &item : *page.items) {
      const bool usable = addLibraryItem(batch.page(), "playlists", [&](encore::JsonWriter &w) {
        return writePlaylist(w, item, false);
      });
      if (usable) {
        playlists.push_back({&item, optString(item, "id").value_or(""), playlistSnapshot(item),
                             playlistTrackCount(item)});
      }
    }
    batch.endPage();

    for (const auto &playlist : playlists) {
      if (resume && resume->playlistId == playlist.id) {
        // Resumed only if the playlist did not change meanwhile; else read it again.
        syncEntries(host, api, batch, state.sent, playlist,
                    resume->snapshotId == playlist.snapshot.value_or("") ? resume->offset : 0);
        resume.reset();
        continue;
      }
      auto stored = host.storedField(run, "playlist", playlist.id, "snapshot_id");
      if (stored && playlist.snapshot && *stored == *playlist.snapshot) continue;
      syncEntries(host, api, batch, state.sent, playlist, 0);
    }
    offset += static_cast<int64_t>(page.items->size());
    seen += static_cast<int64_t>(page.items->size());
    batch.page().checkpoint(
        checkpoint::kPlaylistsOffset,
        page.last ? std::nullopt : std::optional<std::string>(std::to_string(offset)));
    batch.endPage();
    if (page.last) {
      batch.flush();
      bool remove = host.boolSetting(setting::kRemoveUnfollowedPlaylists, false);
      if (remove && seen == 0 && page.total.value_or(0) > 0) remove = false;
      host.collectionEnd(run, "playlists", remove);
      return;
    }
  }
}

}  // namespace spotify
