// One page of user.getRecentTracks, read defensively: numbers arrive as strings, a single
// track may come as an object instead of an array, the now-playing entry has no date and
// comes on top of `limit`.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace lastfm {

struct Scrobble {
  int64_t uts = 0;  // when the track started, Unix seconds
  std::string artist, track, album;
};

struct RecentPage {
  int64_t page = 0, totalPages = 0, total = 0;
  std::string user;
  std::vector<Scrobble> scrobbles;  // dated entries, as listed (newest first)
  int nowPlaying = 0;               // entries without a date, left out
  int unusable = 0;                 // dated entries without artist or title, left out

  int64_t newest() const;
  int64_t oldest() const;
  /// Identifies the page's content, to recognise the same page served twice.
  std::string signature() const;
};

/// Reads the body; nullopt with `error` set when its shape is not a recent-tracks page.
std::optional<RecentPage> parseRecentPage(const nlohmann::json &body, std::string &error);

/// Reads a Last.fm number that may be a string ("12") or a number.
std::optional<int64_t> lastfmNumber(const nlohmann::json &value);

}  // namespace lastfm
