// Spotify Web API objects -> Encore records (plugin_api/README.md, schema version 1).
// Optional fields that are missing, null or out of the schema's bounds are left out;
// members of the wrong type throw FormatError so the page is not stored at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>

#include "json_access.h"

namespace spotify {

/// The external id of the special "Liked Songs" playlist (Spotify gives it none; the
/// name cannot clash with a base-62 playlist id).
constexpr const char *kLikedSongsId = "liked_songs";

/// ArtistObject or SimplifiedArtistObject; nullopt when it has no usable id or name.
std::optional<Json> artistRecord(const Json &artist);
/// AlbumObject or SimplifiedAlbumObject; nullopt when it has no usable id or name.
std::optional<Json> albumRecord(const Json &album);
/// Tracks and albums sent in full earlier in a run: a later mention names them by id and
/// name only, since the host keeps what a thin reference leaves out (and skips relinking
/// its artists). Playlists and liked songs repeat the same tracks and albums thousands of
/// times.
struct SentInRun {
  std::unordered_set<std::string> albums;
  std::unordered_set<std::string> tracks;
  void clear() {
    albums.clear();
    tracks.clear();
  }
};

/// TrackObject; nullopt when it has no usable id (unavailable, local) or name.
std::optional<Json> trackRecord(const Json &track, SentInRun *sent = nullptr);
/// SimplifiedPlaylistObject; nullopt when it has no usable id. The snapshot_id is left
/// out unless asked for: it is stored only once the entries match it.
std::optional<Json> playlistRecord(const Json &playlist, bool withSnapshot);

/// A PlaylistTrackObject (entries carry `item`, older ones `track`; either may be null,
/// a local file or an episode) at `position` of `playlistId`.
Json playlistItemRecord(const std::string &playlistId, int64_t position, const Json &entry,
                        SentInRun *sent = nullptr);

/// A PlayHistoryObject -> a "play" record (started_at = played_at - duration_ms), or
/// nullopt for entries that are not a playable track. `playedAtMs` receives played_at.
std::optional<Json> playRecord(const Json &history, int64_t nowMs, int64_t &playedAtMs);

/// A records document: {"records": [...], "checkpoint": {...}?, "items_done": [...]?}.
class Document {
 public:
  void add(Json record) { records_.push_back(std::move(record)); }
  void checkpoint(const std::string &key, std::optional<std::string> value);
  void itemDone(const std::string &id) { itemsDone_.push_back(id); }
  size_t size() const { return records_.size(); }
  bool empty() const { return records_.empty() && checkpoint_.empty() && itemsDone_.empty(); }
  /// Appends `later`'s records and items; its checkpoint values replace this one's.
  void append(Document &&later);
  void clear();
  std::string dump() const;

 private:
  Json records_ = Json::array();
  Json checkpoint_ = Json::object();
  Json itemsDone_ = Json::array();
};

}  // namespace spotify
