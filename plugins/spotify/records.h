// Spotify Web API objects -> Encore records (plugin_api/README.md, schema version 1),
// written straight into a records document's text. Optional fields that are missing,
// null or out of the schema's bounds are left out; members of the wrong type throw
// FormatError so the page is not stored at all.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "encore/records.hpp"
#include "json_access.h"

namespace spotify {

/// The external id of the special "Liked Songs" playlist (Spotify gives it none; the
/// name cannot clash with a base-62 playlist id).
constexpr const char *kLikedSongsId = "liked_songs";

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

/// An artist credited on an album whatever the album's own list says: the link makes the
/// album part of that artist's discography in the store.
struct Credit {
  std::string_view id;
  std::string_view name;
};

// Each writer below writes one JSON object, or nothing at all and answers false when the
// Spotify object has no usable id or name. `typed` objects carry "type" (a record of its
// own, or a library item's "item"); the others are references inside another record.

/// ArtistObject or SimplifiedArtistObject.
bool writeArtist(encore::JsonWriter &w, const Json &artist, bool typed);
/// AlbumObject or SimplifiedAlbumObject, credited to `credit` too when given.
bool writeAlbum(encore::JsonWriter &w, const Json &album, bool typed,
                const Credit *credit = nullptr);
/// TrackObject (no usable id: unavailable, local), as a reference without "type".
bool writeTrack(encore::JsonWriter &w, const Json &track, SentInRun *sent = nullptr);
/// SimplifiedPlaylistObject. The snapshot_id is left out unless asked for: it is stored
/// only once the entries match it.
bool writePlaylist(encore::JsonWriter &w, const Json &playlist, bool withSnapshot);

/// A playlist's snapshot_id as its record would carry it (at most 512 bytes).
std::optional<std::string> playlistSnapshot(const Json &playlist);
/// A playlist's entry count ("items", or before 2026 "tracks", .total).
std::optional<int64_t> playlistTrackCount(const Json &playlist);

/// A "library_item" record of `collection` holding `item` written by `writeItem` (one of
/// the writers above, typed); no record when the item is not usable.
template <typename WriteItem>
bool addLibraryItem(encore::RecordsWriter &doc, const char *collection, WriteItem &&writeItem,
                    std::optional<std::string_view> addedAt = std::nullopt) {
  return doc.record("library_item", [&](encore::JsonWriter &w) {
    w.field("collection", collection);
    w.key("item");
    if (!writeItem(w)) return false;
    if (addedAt) w.field("added_at", *addedAt);
    return true;
  });
}

/// A PlaylistTrackObject (entries carry `item`, older ones `track`; either may be null,
/// a local file or an episode) at `position` of `playlistId`: a "playlist_item" record.
void addPlaylistItem(encore::RecordsWriter &doc, std::string_view playlistId, int64_t position,
                     const Json &entry, SentInRun *sent = nullptr);

/// The end of a playlist's entries: a "playlist_truncate" record at `length`.
void addPlaylistTruncate(encore::RecordsWriter &doc, std::string_view playlistId, int64_t length);

/// A play seen by polling recently played, its texts its own: the page it came from is
/// gone by the time the play is written.
struct PolledPlay {
  int64_t startedAt = 0;
  int64_t durationMs = 0;
  std::string track, artist, album, spotifyUri;
};

/// A PlayHistoryObject's play (started_at = played_at - duration_ms), or nullopt for
/// entries that are not a playable track. `playedAtMs` receives played_at.
std::optional<PolledPlay> readPlay(const Json &history, int64_t nowMs, int64_t &playedAtMs);
/// Its "play" record (source "spotify-poll").
void addPlay(encore::RecordsWriter &doc, const PolledPlay &play);

}  // namespace spotify
