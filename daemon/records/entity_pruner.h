// Deletes library entities that nothing keeps any more, and what their deletion leaves
// unkept in turn. What keeps an entity of a source:
//
//   playlist  membership of a collection (library_items)
//   track     a collection, or an entry of a stored playlist
//   album     a collection (saved albums), a stored track on it, or a credited artist who
//             is in a collection (the discography of a followed artist)
//   artist    a collection (followed artists), a credit on a stored track, or a credit on
//             an album that something other than this artist keeps
//
// So unfollowing an artist (with removal on) deletes the artist and its discography,
// except albums saved, with stored tracks, or shared with another followed artist; and
// deleting a playlist deletes the tracks only it held, their albums and artists unless
// kept otherwise. Plays live in their own tables and are never touched.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "daemon/records/entity_writer.h"

namespace encore {

using EntityRef = std::pair<std::string, int64_t>;  // (type, row id)

/// Deletes each candidate nothing keeps, then the entities that deletion leaves unkept.
/// Runs inside the caller's transaction; appends every deleted entity to `removed`.
void pruneEntities(Database &db, const std::string &source, std::vector<EntityRef> candidates,
                   std::vector<StoredEntity> &removed);

/// True when something listed above keeps the entity.
bool entityKept(Database &db, const std::string &type, int64_t id);

/// Remembers that `trackId` left `playlistId` (replaced or cut off) during a re-read.
void notePruneCandidate(Database &db, int64_t playlistId, int64_t trackId);

/// Ends a playlist's pass: deletes the tracks it let go of that nothing else keeps.
void prunePlaylistCandidates(Database &db, const std::string &source, int64_t playlistId,
                             std::vector<StoredEntity> &removed);

}  // namespace encore
