// Canonical identities of music in the listening history: the normalized names that let a
// play seen by Last.fm, by Spotify polling and in a Spotify export resolve to one track.
#pragma once

#include <string>
#include <string_view>

namespace encore {

/// The identity form of a name: Unicode case folding and NFC, every run of white space one
/// space, trimmed; typographic quotes as ASCII ones; "feat." parts removed
/// ("Song (feat. X)", "Song [ft. X]", "Artist featuring X" -> "song", "artist").
/// Pure ASCII names take a fast path with the same result.
std::string normalizeName(std::string_view name);

/// "artist\x1ftitle": the same song on any release. Plays line up on it for dedup.
std::string songKey(std::string_view artist, std::string_view title);
/// "artist\x1ftitle\x1falbum": the canonical track (album may be empty).
std::string trackKey(std::string_view artist, std::string_view title, std::string_view album);
/// "artist\x1falbum"
std::string albumKey(std::string_view artist, std::string_view album);

}  // namespace encore
