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

  /// A play can be made of it: it names an artist and a title.
  bool usable() const { return !artist.empty() && !track.empty(); }
  /// Tells this scrobble from the others of its second (a 64-bit hash of what it lists).
  uint64_t identity() const;
};

struct RecentPage {
  int64_t page = 0, totalPages = 0, total = 0;
  std::string user;
  /// Every dated entry, as listed (newest first): each holds a place in the paging, even
  /// one without artist or title, which is not stored.
  std::vector<Scrobble> scrobbles;
  int nowPlaying = 0;  // entries without a date, left out (they come on top of `limit`)

  /// Identifies the page's content, to recognise the same page served twice.
  std::string signature() const;
};

/// Reads the body; nullopt with `error` set when its shape is not a recent-tracks page.
std::optional<RecentPage> parseRecentPage(const nlohmann::json &body, std::string &error);

/// Reads a Last.fm number that may be a string ("12") or a number.
std::optional<int64_t> lastfmNumber(const nlohmann::json &value);

}  // namespace lastfm
