// Display data (names, Spotify links, artwork URLs) of the artists, albums and tracks a
// query answers with, read from the database for just those few rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "daemon/stats/play_index.h"

namespace encore {

class Database;

class Names {
 public:
  Names(Database &db, const PlayData &data) : db_(db), data_(data) {}

  /// {"id", "name", "spotify_id", "image"}
  nlohmann::json artist(uint32_t dense);
  /// {"id", "name", "artist", "spotify_id", "image"}
  nlohmann::json album(uint32_t dense);
  /// {"id", "name", "artist", "artist_id", "album", "spotify_uri", "image"}
  nlohmann::json track(uint32_t dense);

  /// The artwork URL the artwork cache serves for a Spotify entity ("artists", "albums").
  static std::string artworkUrl(const std::string &kind, const std::string &spotifyId);

 private:
  nlohmann::json lookupArtist(uint32_t dense);
  nlohmann::json lookupAlbum(uint32_t dense);
  nlohmann::json lookupTrack(uint32_t dense);

  Database &db_;
  const PlayData &data_;
  // One request often names the same artist many times (evolution: every month).
  std::unordered_map<uint32_t, nlohmann::json> artists_, albums_, tracks_;
};

}  // namespace encore
