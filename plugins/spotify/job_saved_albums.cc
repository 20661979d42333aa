// Saved albums (GET /me/albums): the "saved_albums" collection, each member with the time
// it was saved (`added_at`). Albums no longer saved leave the collection at the end of a
// full pass. A run whose first page matches the last full pass stops after one request.
#include "batch.h"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {

void syncSavedAlbums(PluginState &state, encore_run *run) {
  const encore::Host &host = state.host;
  Api api = state.api(run);
  const auto resumeAt = parseCount(host.kvGet(checkpoint::kAlbumsOffset));
  int64_t offset = resumeAt.value_or(0);
  auto response = api.get("/me/albums?limit=50&offset=" + std::to_string(offset));
  std::optional<std::string> head;
  if (!resumeAt) {
    head = libraryFingerprint(response.body, "album");
    if (head == host.kvGet(checkpoint::kAlbumsHead)) return;  // unchanged since the last pass
  }
  host.collectionBegin(run, "saved_albums");
  Batch batch(host, run);
  int64_t seen = 0;
  for (int pages = 0;; ++pages) {
    if (pages >= kMaxPages) throw encore::Error(ENCORE_E_FAILED, "saved albums: too many pages");
    OffsetPage page = readOffsetPage(response.body, offset);
    encore::RecordsWriter &doc = batch.page();
    for (const auto &item : *page.items) {
      if (!item.is_object()) throw FormatError("a saved album is not an object");
      const Json *album = optObject(item, "album");
      if (album == nullptr) continue;
      std::optional<std::string_view> addedAt;
      if (const std::string *added = stringMember(item, "added_at"); added && added->size() <= 64)
        addedAt = *added;
      addLibraryItem(
          doc, "saved_albums", [&](encore::JsonWriter &w) { return writeAlbum(w, *album, true); },
          addedAt);
    }
    offset += static_cast<int64_t>(page.items->size());
    seen += static_cast<int64_t>(page.items->size());
    doc.checkpoint(checkpoint::kAlbumsOffset,
                   page.last ? std::nullopt : std::optional<std::string>(std::to_string(offset)));
    batch.endPage();
    if (page.last) {
      batch.flush();
      const bool emptyButClaimsMore = seen == 0 && page.total.value_or(0) > 0;
      host.collectionEnd(run, "saved_albums", !emptyButClaimsMore);
      // Remembered only once the pass has ended: a crash before this line means a full
      // pass next time.
      if (head) {
        encore::RecordsWriter done;
        done.checkpoint(checkpoint::kAlbumsHead, head);
        host.submit(run, done.finish());
      }
      return;
    }
    response = api.get("/me/albums?limit=50&offset=" + std::to_string(offset));
  }
}

}  // namespace spotify
