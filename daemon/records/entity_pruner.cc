#include "daemon/records/entity_pruner.h"

#include <set>

namespace encore {
namespace {

bool exists(Database &db, const char *sql, int64_t id) {
  auto q = db.prepare(sql);
  q->bind(id);
  return q->step();
}

bool inCollection(Database &db, const char *type, int64_t id) {
  auto q =
      db.prepare("SELECT 1 FROM library_items WHERE entity_type = ? AND entity_id = ? LIMIT 1");
  q->bind(type, id);
  return q->step();
}

std::vector<int64_t> ids(Database &db, const char *sql, int64_t id) {
  std::vector<int64_t> out;
  auto q = db.prepare(sql);
  q->bind(id);
  while (q->step()) out.push_back(q->int64(0));
  return out;
}

/// Deletes one row, reporting it; `withImages` for the tables that have an images column.
void deleteRow(Database &db, const std::string &type, int64_t id, const std::string &source,
               std::vector<StoredEntity> &removed) {
  const char *table = entityTable(type);
  const bool withImages = type != "track";
  auto q = db.prepare(std::string("DELETE FROM ") + table + " WHERE id = ? RETURNING external_id" +
                      (withImages ? ", images" : ""));
  q->bind(id);
  if (q->step()) {
    removed.push_back(
        {type, id, source, q->text(0), withImages ? q->optText(1) : std::optional<std::string>()});
    q->run();
  }
  db.prepare("DELETE FROM gradual_progress WHERE entity_type = ? AND entity_id = ?")
      ->bind(type, id)
      .run();
}

/// An album of artist `artistId` that something other than that artist keeps.
constexpr const char *kAlbumKeptWithout =
    "SELECT 1 FROM album_artists aa WHERE aa.artist_id = ?1 AND ("
    " EXISTS (SELECT 1 FROM library_items l WHERE l.entity_type = 'album' AND l.entity_id = "
    "aa.album_id)"
    " OR EXISTS (SELECT 1 FROM tracks t WHERE t.album_id = aa.album_id)"
    " OR EXISTS (SELECT 1 FROM album_artists o JOIN library_items l ON l.entity_type = 'artist'"
    "  AND l.entity_id = o.artist_id WHERE o.album_id = aa.album_id AND o.artist_id != ?1))"
    " LIMIT 1";

}  // namespace

bool entityKept(Database &db, const std::string &type, int64_t id) {
  if (inCollection(db, type.c_str(), id)) return true;
  if (type == "track") {
    return exists(db, "SELECT 1 FROM playlist_items WHERE track_id = ? LIMIT 1", id);
  }
  if (type == "album") {
    return exists(db, "SELECT 1 FROM tracks WHERE album_id = ? LIMIT 1", id) ||
           exists(db,
                  "SELECT 1 FROM album_artists aa JOIN library_items l ON l.entity_type = 'artist'"
                  " AND l.entity_id = aa.artist_id WHERE aa.album_id = ? LIMIT 1",
                  id);
  }
  if (type == "artist") {
    return exists(db, "SELECT 1 FROM track_artists WHERE artist_id = ? LIMIT 1", id) ||
           exists(db, kAlbumKeptWithout, id);
  }
  return false;  // playlists are kept by collections alone
}

void pruneEntities(Database &db, const std::string &source, std::vector<EntityRef> candidates,
                   std::vector<StoredEntity> &removed) {
  // Candidates are only added when something is deleted, so this ends; an entity may be
  // examined twice when a later deletion lets go of it.
  std::set<EntityRef> deleted;
  auto remove = [&](const std::string &type, int64_t id) {
    deleteRow(db, type, id, source, removed);
    deleted.insert({type, id});
  };
  while (!candidates.empty()) {
    EntityRef next = std::move(candidates.back());
    candidates.pop_back();
    const auto &[type, id] = next;
    if (entityTable(type) == nullptr || deleted.count(next) > 0) continue;
    if (type == "artist") {
      // Its discography may have been kept by its membership alone: albums nothing else
      // keeps go, whether or not a credit elsewhere keeps the artist itself.
      for (int64_t album : ids(db, "SELECT album_id FROM album_artists WHERE artist_id = ?", id)) {
        if (entityKept(db, "album", album)) continue;
        for (int64_t other :
             ids(db, "SELECT artist_id FROM album_artists WHERE album_id = ?", album)) {
          if (other != id) candidates.emplace_back("artist", other);
        }
        remove("album", album);
      }
    }
    if (entityKept(db, type, id)) continue;
    if (type == "playlist") {
      for (int64_t t :
           ids(db,
               "SELECT track_id FROM playlist_items WHERE playlist_id = ? AND track_id IS "
               "NOT NULL",
               id)) {
        candidates.emplace_back("track", t);
      }
      for (int64_t t : ids(db, "SELECT track_id FROM prune_candidates WHERE playlist_id = ?", id)) {
        candidates.emplace_back("track", t);
      }
      db.prepare("DELETE FROM prune_candidates WHERE playlist_id = ?")->bind(id).run();
    } else if (type == "track") {
      for (int64_t a :
           ids(db, "SELECT album_id FROM tracks WHERE id = ? AND album_id IS NOT NULL", id)) {
        candidates.emplace_back("album", a);
      }
      for (int64_t a : ids(db, "SELECT artist_id FROM track_artists WHERE track_id = ?", id)) {
        candidates.emplace_back("artist", a);
      }
    } else if (type == "album") {
      for (int64_t a : ids(db, "SELECT artist_id FROM album_artists WHERE album_id = ?", id)) {
        candidates.emplace_back("artist", a);
      }
    }
    remove(type, id);
  }
}

void notePruneCandidate(Database &db, int64_t playlistId, int64_t trackId) {
  db.prepare("INSERT OR IGNORE INTO prune_candidates(playlist_id, track_id) VALUES (?, ?)")
      ->bind(playlistId, trackId)
      .run();
}

void prunePlaylistCandidates(Database &db, const std::string &source, int64_t playlistId,
                             std::vector<StoredEntity> &removed) {
  std::vector<EntityRef> candidates;
  for (int64_t t :
       ids(db, "SELECT track_id FROM prune_candidates WHERE playlist_id = ?", playlistId)) {
    candidates.emplace_back("track", t);
  }
  if (candidates.empty()) return;
  db.prepare("DELETE FROM prune_candidates WHERE playlist_id = ?")->bind(playlistId).run();
  pruneEntities(db, source, std::move(candidates), removed);
}

}  // namespace encore
