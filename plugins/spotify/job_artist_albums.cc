// Every album of every followed artist, a few artists per run (a gradual job): the host
// hands the N artists whose albums were synced longest ago (or never), and each one is
// reported done with its last page of GET /artists/{id}/albums (at most 10 per page since
// February 2026). An artist interrupted half-way is simply read again next time.
#include "batch.h"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {
namespace {

/// The artist's own releases; "appears_on" would pull in other artists' compilations.
constexpr const char *kGroups = "album,single,compilation";
constexpr int kMaxPagesPerArtist = 200;  // 2,000 releases

/// The album record, credited to `artistId` too: the link is what makes it part of that
/// artist's discography in the store.
Json creditedAlbum(Json album, const std::string &artistId, const std::string &artistName) {
  Json &artists = album["artists"];
  if (!artists.is_array()) artists = Json::array();
  for (const auto &a : artists) {
    if (a.value("id", "") == artistId) return album;
  }
  if (artists.size() < 50) artists.push_back({{"id", artistId}, {"name", artistName}});
  return album;
}

void syncArtist(const Host &host, Api &api, Batch &batch, const std::string &artistId) {
  if (!isSpotifyId(artistId)) {
    Document doc;
    doc.itemDone(artistId);  // not a Spotify id: nothing to ask, never ask again
    batch.add(std::move(doc));
    return;
  }
  const std::string artistName =
      host.storedField(api.run(), "artist", artistId, "name").value_or(artistId);
  int64_t offset = 0;
  for (int pages = 0;; ++pages) {
    if (pages >= kMaxPagesPerArtist) {
      host.log(ENCORE_LOG_WARNING, "artist " + artistId + ": more than " +
                                       std::to_string(pages * 10) +
                                       " releases; keeping the first ones");
      Document doc;
      doc.itemDone(artistId);
      batch.add(std::move(doc));
      return;
    }
    auto response = api.get("/artists/" + artistId + "/albums?include_groups=" + kGroups +
                                "&limit=10&offset=" + std::to_string(offset),
                            {400, 404});
    Document doc;
    if (response.status == 400 || response.status == 404) {
      host.log(ENCORE_LOG_INFO, "artist " + artistId + ": no albums available (" +
                                    std::to_string(response.status) + ")");
      doc.itemDone(artistId);
      batch.add(std::move(doc));
      return;
    }
    OffsetPage page = readOffsetPage(response.body, offset);
    for (const auto &item : *page.items) {
      if (auto album = albumRecord(item))
        doc.add(creditedAlbum(std::move(*album), artistId, artistName));
    }
    if (page.last) doc.itemDone(artistId);
    batch.add(std::move(doc));
    if (page.last) return;
    offset += static_cast<int64_t>(page.items->size());
  }
}

}  // namespace

void syncArtistAlbums(PluginState &state, encore_run *run) {
  Api api = state.api(run);
  Batch batch(state.host, run);
  for (const auto &artistId : state.host.runItems(run)) {
    if (state.host.cancelled(run)) throw RunError(ENCORE_E_CANCELLED, "cancelled");
    syncArtist(state.host, api, batch, artistId);
  }
  batch.flush();
}

}  // namespace spotify
