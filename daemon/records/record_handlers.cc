#include "daemon/records/record_handlers.h"

#include "daemon/records/entity_pruner.h"

namespace encore {

bool validCollectionName(const std::string &name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

int64_t currentCollectionPass(Database &db, const std::string &source,
                              const std::string &collection) {
  auto q = db.prepare("SELECT pass FROM collection_passes WHERE source = ? AND collection = ?");
  q->bind(source, collection);
  return q->step() ? q->int64(0) : 0;
}

namespace {

// {"type":"playlist_item","playlist_id","position","item_type","track"?,"name"?,"uri"?,
//  "added_at"?,"added_by"?}
void storePlaylistItem(WriteContext &ctx, const RecordReader &r) {
  auto playlistExternal = r.requiredId("playlist_id");
  auto playlistId = findEntity(ctx.db, "playlist", ctx.source, playlistExternal);
  if (!playlistId) r.fail("playlist_id", "unknown playlist '" + playlistExternal + "'");
  int64_t position = r.requiredInt("position", 0, 10'000'000);
  auto itemType = r.requiredString("item_type", 16);
  std::optional<int64_t> trackId;
  if (itemType == "track") {
    trackId = upsertTrack(ctx, r.requiredObject("track"));
  } else if (itemType != "episode" && itemType != "local" && itemType != "unavailable") {
    r.fail("item_type", "expected track, episode, local or unavailable");
  }
  {
    // The track this position held until now may be held by nothing else any more; it is
    // examined when the playlist's pass ends (playlist_truncate).
    auto q = ctx.db.prepare(
        "SELECT track_id FROM playlist_items WHERE playlist_id = ? AND position = ?");
    q->bind(*playlistId, position);
    std::optional<int64_t> previous = q->step() ? q->optInt64(0) : std::nullopt;
    if (previous && previous != trackId) notePruneCandidate(ctx.db, *playlistId, *previous);
  }
  ctx.db
      .prepare(
          "INSERT INTO playlist_items(playlist_id, position, item_type, track_id, name, uri,"
          " added_at, added_by) VALUES (?,?,?,?,?,?,?,?)"
          " ON CONFLICT(playlist_id, position) DO UPDATE SET item_type = excluded.item_type,"
          " track_id = excluded.track_id, name = excluded.name, uri = excluded.uri,"
          " added_at = excluded.added_at, added_by = excluded.added_by")
      ->bind(*playlistId, position, itemType, trackId, r.optString("name", kMaxNameLength),
             r.optString("uri", 512), r.optString("added_at", 64),
             r.optString("added_by", kMaxIdLength))
      .run();
}

// {"type":"playlist_truncate","playlist_id","length"}: drops positions >= length, after
// the last page of a playlist whose entries were re-read. That ends the playlist's pass:
// tracks it let go of during the pass and nothing else keeps are deleted.
void truncatePlaylist(WriteContext &ctx, const RecordReader &r) {
  auto playlistExternal = r.requiredId("playlist_id");
  auto playlistId = findEntity(ctx.db, "playlist", ctx.source, playlistExternal);
  if (!playlistId) r.fail("playlist_id", "unknown playlist '" + playlistExternal + "'");
  const int64_t length = r.requiredInt("length", 0, 10'000'000);
  {
    auto q = ctx.db.prepare(
        "SELECT DISTINCT track_id FROM playlist_items WHERE playlist_id = ? AND position >= ?"
        " AND track_id IS NOT NULL");
    q->bind(*playlistId, length);
    std::vector<int64_t> dropped;
    while (q->step()) dropped.push_back(q->int64(0));
    for (int64_t track : dropped) notePruneCandidate(ctx.db, *playlistId, track);
  }
  ctx.db.prepare("DELETE FROM playlist_items WHERE playlist_id = ? AND position >= ?")
      ->bind(*playlistId, length)
      .run();
  std::vector<StoredEntity> ignored;
  prunePlaylistCandidates(ctx.db, ctx.source, *playlistId,
                          ctx.removed != nullptr ? *ctx.removed : ignored);
}

// {"type":"library_item","collection","item":{entity record},"added_at"?}
void storeLibraryItem(WriteContext &ctx, const RecordReader &r) {
  auto collection = r.requiredString("collection", 64);
  if (!validCollectionName(collection)) r.fail("collection", "expected [a-z0-9_]{1,64}");
  std::string type;
  int64_t entityId = upsertEntity(ctx, r.requiredObject("item"), type);
  int64_t pass = currentCollectionPass(ctx.db, ctx.source, collection);
  ctx.db
      .prepare(
          "INSERT INTO library_items(source, collection, entity_type, entity_id, added_at, pass)"
          " VALUES (?,?,?,?,?,?) ON CONFLICT(source, collection, entity_type, entity_id)"
          " DO UPDATE SET added_at = coalesce(excluded.added_at, added_at), pass = excluded.pass")
      ->bind(ctx.source, collection, type, entityId, r.optString("added_at", 64), pass)
      .run();
}

}  // namespace

RecordHandlers RecordHandlers::withLibraryTypes() {
  RecordHandlers h;
  h.add("artist", [](WriteContext &ctx, const RecordReader &r) { upsertArtist(ctx, r); });
  h.add("album", [](WriteContext &ctx, const RecordReader &r) { upsertAlbum(ctx, r); });
  h.add("track", [](WriteContext &ctx, const RecordReader &r) { upsertTrack(ctx, r); });
  h.add("playlist", [](WriteContext &ctx, const RecordReader &r) { upsertPlaylist(ctx, r); });
  h.add("playlist_item", storePlaylistItem);
  h.add("playlist_truncate", truncatePlaylist);
  h.add("library_item", storeLibraryItem);
  return h;
}

void RecordHandlers::add(const std::string &type, Handler handler) {
  handlers_[type] = std::move(handler);
}

const RecordHandlers::Handler *RecordHandlers::find(const std::string &type) const {
  auto it = handlers_.find(type);
  return it == handlers_.end() ? nullptr : &it->second;
}

void RecordHandlers::addPageHooks(PageHook begin, PageHook end) {
  pageHooks_.emplace_back(std::move(begin), std::move(end));
}

void RecordHandlers::beginPage(WriteContext &ctx) const {
  for (const auto &hooks : pageHooks_) {
    if (hooks.first) hooks.first(ctx);
  }
}

void RecordHandlers::endPage(WriteContext &ctx) const {
  for (const auto &hooks : pageHooks_) {
    if (hooks.second) hooks.second(ctx);
  }
}

void RecordHandlers::addDocumentReader(DocumentReader reader) {
  documentReaders_.push_back(std::move(reader));
}

std::optional<RecordHandlers::ReadDocument> RecordHandlers::readDocument(std::string_view json,
                                                                         const std::string &source,
                                                                         int64_t nowMs) const {
  for (const auto &reader : documentReaders_) {
    if (auto document = reader(json, source, nowMs)) return document;
  }
  return std::nullopt;
}

}  // namespace encore
