// Canonical identities of music in the listening history.
#pragma once

#include <string>
#include <string_view>

namespace encore {

/// The identity form of a name: case-folded, whitespace collapsed and trimmed.
std::string normalizeName(std::string_view name);

/// "artist\x1ftrack": the identity of a track without a Spotify URI.
std::string trackKey(std::string_view artist, std::string_view track);
/// "artist\x1falbum"
std::string albumKey(std::string_view artist, std::string_view album);

}  // namespace encore
