// Upserts of library entities (artist, album, track, playlist) keyed by (source,
// external id). A field absent from the record keeps its stored value, so a thin
// reference ({"id","name"} inside a track) never erases what a full record stored.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "daemon/records/record_reader.h"
#include "daemon/store/database.h"

namespace encore {

/// An entity a submit stored; the artwork cache and others hear of them after commit.
struct StoredEntity {
  std::string type;  // "artist" | "album" | "track" | "playlist"
  int64_t rowId = 0;
  std::string source;
  std::string externalId;
  std::optional<std::string> images;  // JSON, when the record carried images
};

struct WriteContext {
  Database &db;
  std::string source;  // the plugin id
  int64_t nowMs;
  std::vector<StoredEntity> &stored;
  int64_t recordCount = 0;
  int64_t importId = 0;  // the import whose importer submits this page, else 0
  /// Entities the page deleted (a playlist pass ending lets go of tracks); reported to
  /// observers after commit. May be null when the caller does not track them.
  std::vector<StoredEntity> *removed = nullptr;
  /// Entities this page already wrote, by "type\x1fid": row id and how many fields the
  /// record had. Playlist and library pages repeat the same albums and artists entry after
  /// entry; a repeat with no more fields than the first needs no second write.
  struct Written {
    int64_t rowId;
    size_t fields;
  };
  std::unordered_map<std::string, Written> written;
};

int64_t upsertArtist(WriteContext &ctx, const RecordReader &record);
int64_t upsertAlbum(WriteContext &ctx, const RecordReader &record);
int64_t upsertTrack(WriteContext &ctx, const RecordReader &record);
int64_t upsertPlaylist(WriteContext &ctx, const RecordReader &record);

/// Upserts an entity of any of the four types ("type" read from the record).
int64_t upsertEntity(WriteContext &ctx, const RecordReader &record, std::string &typeOut);

/// The table of an entity type, or nullptr for an unknown type.
const char *entityTable(const std::string &type);

/// The row id of (type, source, external id), or nullopt.
std::optional<int64_t> findEntity(Database &db, const std::string &type, const std::string &source,
                                  const std::string &externalId);

}  // namespace encore
