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

/// A page that only reports the artist done.
void artistDone(Batch &batch, const std::string &artistId) {
  batch.page().itemDone(artistId);
  batch.endPage();
}

void syncArtist(const encore::Host &host, Api &api, Batch &batch, const std::string &artistId) {
  if (!isSpotifyId(artistId)) {
    artistDone(batch, artistId);  // not a Spotify id: nothing to ask, never ask again
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
      artistDone(batch, artistId);
      return;
    }
    auto response = api.get("/artists/" + artistId + "/albums?include_groups=" + kGroups +
                                "&limit=10&offset=" + std::to_string(offset),
                            {400, 404});
    if (response.status == 400 || response.status == 404) {
      host.log(ENCORE_LOG_INFO, "artist " + artistId + ": no albums available (" +
                                    std::to_string(response.status) + ")");
      artistDone(batch, artistId);
      return;
    }
    OffsetPage page = readOffsetPage(response.body, offset);
    // Each album is credited to the artist too: the link is what makes it part of that
    // artist's discography in the store.
    const Credit credit{artistId, artistName};
    encore::RecordsWriter &doc = batch.page();
    for (const auto &item : *page.items) {
      doc.add([&](encore::JsonWriter &w) { return writeAlbum(w, item, true, &credit); });
    }
    if (page.last) doc.itemDone(artistId);
    batch.endPage();
    if (page.last) return;
    offset += static_cast<int64_t>(page.items->size());
  }
}

}  // namespace

void syncArtistAlbums(PluginState &state, encore_run *run) {
  Api api = state.api(run);
  Batch batch(state.host, run);
  for (const auto &artistId : state.host.runItems(run)) {
    state.host.checkCancelled(run);
    syncArtist(state.host, api, batch, artistId);
  }
  batch.flush();
}

}  // namespace spotify
