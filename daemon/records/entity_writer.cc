#include "daemon/records/entity_writer.h"

namespace encore {
namespace {

int64_t returningId(StatementRef &stmt) {
  if (!stmt->step()) throw RecordError("upsert returned no row");
  int64_t id = stmt->int64(0);
  stmt->run();
  return id;
}

void noteStored(WriteContext &ctx, const char *type, int64_t id, const std::string &externalId,
                std::optional<std::string> images) {
  ctx.stored.push_back({type, id, ctx.source, externalId, std::move(images)});
}

std::string writtenKey(const char *type, const std::string &id) {
  return std::string(type) + '\x1f' + id;
}

/// The row this page already wrote for the entity, when the record repeats one that had at
/// least as many fields (its fields were validated all the same).
std::optional<int64_t> alreadyWritten(WriteContext &ctx, const char *type, const std::string &id,
                                      const RecordReader &r) {
  auto it = ctx.written.find(writtenKey(type, id));
  if (it == ctx.written.end() || it->second.fields < r.json().size()) return std::nullopt;
  return it->second.rowId;
}

int64_t remember(WriteContext &ctx, const char *type, const std::string &id, const RecordReader &r,
                 int64_t rowId) {
  ctx.written[writtenKey(type, id)] = {rowId, r.json().size()};
  return rowId;
}

/// Validates the "artists" list of a record whose write is skipped as a repeat.
void checkArtistRefs(const RecordReader &record) {
  for (const auto &artist : record.array("artists", 50)) {
    artist.requiredId("id");
    artist.requiredString("name");
  }
}

/// Replaces the artist links of an album or track with the record's "artists" list.
void linkArtists(WriteContext &ctx, const RecordReader &record, const char *linkTable,
                 const char *ownerColumn, int64_t ownerId) {
  if (!record.has("artists")) return;
  std::vector<int64_t> artistIds;
  for (const auto &artist : record.array("artists", 50)) {
    artistIds.push_back(upsertArtist(ctx, artist));
  }
  std::string del = std::string("DELETE FROM ") + linkTable + " WHERE " + ownerColumn + " = ?";
  ctx.db.prepare(del)->bind(ownerId).run();
  std::string ins = std::string("INSERT OR IGNORE INTO ") + linkTable + "(" + ownerColumn +
                    ", artist_id, position) VALUES (?, ?, ?)";
  for (size_t i = 0; i < artistIds.size(); ++i) {
    ctx.db.prepare(ins)->bind(ownerId, artistIds[i], i).run();
  }
}

}  // namespace

const char *entityTable(const std::string &type) {
  if (type == "artist") return "artists";
  if (type == "album") return "albums";
  if (type == "track") return "tracks";
  if (type == "playlist") return "playlists";
  return nullptr;
}

std::optional<int64_t> findEntity(Database &db, const std::string &type, const std::string &source,
                                  const std::string &externalId) {
  const char *table = entityTable(type);
  if (table == nullptr) return std::nullopt;
  auto q =
      db.prepare(std::string("SELECT id FROM ") + table + " WHERE source = ? AND external_id = ?");
  q->bind(source, externalId);
  if (!q->step()) return std::nullopt;
  return q->int64(0);
}

int64_t upsertArtist(WriteContext &ctx, const RecordReader &r) {
  auto id = r.requiredId("id");
  auto images = r.optImagesJson("images");
  auto name = r.requiredString("name");
  auto genres = r.optStringArrayJson("genres");
  auto popularity = r.optInt("popularity", 0, 100);
  auto followers = r.optInt("followers", 0, INT64_MAX);
  auto url = r.optString("url", 2048);
  auto extra = r.optRawObjectJson("extra");
  if (auto row = alreadyWritten(ctx, "artist", id, r)) return *row;
  auto stmt = ctx.db.prepare(
      "INSERT INTO artists(source, external_id, name, genres, popularity, followers, url, images,"
      " extra, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)"
      " ON CONFLICT(source, external_id) DO UPDATE SET name = excluded.name,"
      " genres = coalesce(excluded.genres, genres),"
      " popularity = coalesce(excluded.popularity, popularity),"
      " followers = coalesce(excluded.followers, followers), url = coalesce(excluded.url, url),"
      " images = coalesce(excluded.images, images), extra = coalesce(excluded.extra, extra),"
      " updated_at = excluded.updated_at RETURNING id");
  stmt->bind(ctx.source, id, name, genres, popularity, followers, url, images, extra, ctx.nowMs,
             ctx.nowMs);
  int64_t rowId = returningId(stmt);
  noteStored(ctx, "artist", rowId, id, std::move(images));
  return remember(ctx, "artist", id, r, rowId);
}

int64_t upsertAlbum(WriteContext &ctx, const RecordReader &r) {
  auto id = r.requiredId("id");
  auto images = r.optImagesJson("images");
  auto name = r.requiredString("name");
  auto albumType = r.optString("album_type", 64);
  auto releaseDate = r.optString("release_date", 32);
  auto totalTracks = r.optInt("total_tracks", 0, 100000);
  auto popularity = r.optInt("popularity", 0, 100);
  auto url = r.optString("url", 2048);
  auto extra = r.optRawObjectJson("extra");
  if (auto row = alreadyWritten(ctx, "album", id, r)) {
    checkArtistRefs(r);
    return *row;
  }
  auto stmt = ctx.db.prepare(
      "INSERT INTO albums(source, external_id, name, album_type, release_date, total_tracks,"
      " popularity, url, images, extra, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)"
      " ON CONFLICT(source, external_id) DO UPDATE SET name = excluded.name,"
      " album_type = coalesce(excluded.album_type, album_type),"
      " release_date = coalesce(excluded.release_date, release_date),"
      " total_tracks = coalesce(excluded.total_tracks, total_tracks),"
      " popularity = coalesce(excluded.popularity, popularity), url = coalesce(excluded.url, url),"
      " images = coalesce(excluded.images, images), extra = coalesce(excluded.extra, extra),"
      " updated_at = excluded.updated_at RETURNING id");
  stmt->bind(ctx.source, id, name, albumType, releaseDate, totalTracks, popularity, url, images,
             extra, ctx.nowMs, ctx.nowMs);
  int64_t rowId = returningId(stmt);
  noteStored(ctx, "album", rowId, id, std::move(images));
  linkArtists(ctx, r, "album_artists", "album_id", rowId);
  return remember(ctx, "album", id, r, rowId);
}

int64_t upsertTrack(WriteContext &ctx, const RecordReader &r) {
  auto id = r.requiredId("id");
  std::optional<int64_t> albumId;
  if (auto album = r.optObject("album")) albumId = upsertAlbum(ctx, *album);
  auto name = r.requiredString("name");
  auto duration = r.optInt("duration_ms", 0, 86'400'000);
  auto isExplicit = r.optBool("explicit");
  auto popularity = r.optInt("popularity", 0, 100);
  auto isrc = r.optString("isrc", 32);
  auto disc = r.optInt("disc_number", 0, 1000);
  auto number = r.optInt("track_number", 0, 100000);
  auto uri = r.optString("uri", 256);
  auto url = r.optString("url", 2048);
  auto extra = r.optRawObjectJson("extra");
  if (auto row = alreadyWritten(ctx, "track", id, r)) {
    checkArtistRefs(r);
    return *row;
  }
  auto stmt = ctx.db.prepare(
      "INSERT INTO tracks(source, external_id, name, album_id, duration_ms, explicit, popularity,"
      " isrc, disc_number, track_number, uri, url, extra, created_at, updated_at)"
      " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)"
      " ON CONFLICT(source, external_id) DO UPDATE SET name = excluded.name,"
      " album_id = coalesce(excluded.album_id, album_id),"
      " duration_ms = coalesce(excluded.duration_ms, duration_ms),"
      " explicit = coalesce(excluded.explicit, explicit),"
      " popularity = coalesce(excluded.popularity, popularity), isrc = coalesce(excluded.isrc, "
      "isrc),"
      " disc_number = coalesce(excluded.disc_number, disc_number),"
      " track_number = coalesce(excluded.track_number, track_number),"
      " uri = coalesce(excluded.uri, uri), url = coalesce(excluded.url, url),"
      " extra = coalesce(excluded.extra, extra), updated_at = excluded.updated_at RETURNING id");
  stmt->bind(ctx.source, id, name, albumId, duration, isExplicit, popularity, isrc, disc, number,
             uri, url, extra, ctx.nowMs, ctx.nowMs);
  int64_t rowId = returningId(stmt);
  noteStored(ctx, "track", rowId, id, std::nullopt);
  linkArtists(ctx, r, "track_artists", "track_id", rowId);
  return remember(ctx, "track", id, r, rowId);
}

int64_t upsertPlaylist(WriteContext &ctx, const RecordReader &r) {
  auto id = r.requiredId("id");
  auto images = r.optImagesJson("images");
  auto stmt = ctx.db.prepare(
      "INSERT INTO playlists(source, external_id, name, description, owner_id, owner_name,"
      " track_count, snapshot_id, is_public, is_collaborative, is_liked_songs, url, images, extra,"
      " created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,coalesce(?, 0),?,?,?,?,?)"
      " ON CONFLICT(source, external_id) DO UPDATE SET name = excluded.name,"
      " description = coalesce(excluded.description, description),"
      " owner_id = coalesce(excluded.owner_id, owner_id),"
      " owner_name = coalesce(excluded.owner_name, owner_name),"
      " track_count = coalesce(excluded.track_count, track_count),"
      " snapshot_id = coalesce(excluded.snapshot_id, snapshot_id),"
      " is_public = coalesce(excluded.is_public, is_public),"
      " is_collaborative = coalesce(excluded.is_collaborative, is_collaborative),"
      " is_liked_songs = excluded.is_liked_songs, url = coalesce(excluded.url, url),"
      " images = coalesce(excluded.images, images), extra = coalesce(excluded.extra, extra),"
      " updated_at = excluded.updated_at RETURNING id");
  stmt->bind(ctx.source, id, r.requiredString("name"), r.optString("description"),
             r.optString("owner_id", kMaxIdLength), r.optString("owner_name", kMaxNameLength),
             r.optInt("track_count", 0, 10'000'000), r.optString("snapshot_id", 512),
             r.optBool("public"), r.optBool("collaborative"), r.optBool("is_liked_songs"),
             r.optString("url", 2048), images, r.optRawObjectJson("extra"), ctx.nowMs, ctx.nowMs);
  int64_t rowId = returningId(stmt);
  noteStored(ctx, "playlist", rowId, id, std::move(images));
  return rowId;
}

int64_t upsertEntity(WriteContext &ctx, const RecordReader &record, std::string &typeOut) {
  typeOut = record.requiredString("type", 32);
  if (typeOut == "artist") return upsertArtist(ctx, record);
  if (typeOut == "album") return upsertAlbum(ctx, record);
  if (typeOut == "track") return upsertTrack(ctx, record);
  if (typeOut == "playlist") return upsertPlaylist(ctx, record);
  record.fail("type", "expected artist, album, track or playlist");
}

}  // namespace encore
