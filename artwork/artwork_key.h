// What identifies a cached image -- (source, kind, external id) -- and the strict name
// rules that keep every path the cache builds inside its folder.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace encore {

/// A kind of cached image: its folder name ("artists"), the entity type it belongs to
/// ("artist") and the square size of its thumbnail.
struct ArtworkKind {
  const char *folder;
  const char *entityType;
  int size;
};

/// The kinds of the seed: artists 300×300, albums 500×500, playlists 300×300. Tracks have
/// no images of their own.
inline constexpr ArtworkKind kArtworkKinds[] = {
    {"artists", "artist", 300}, {"albums", "album", 500}, {"playlists", "playlist", 300}};

/// The kind of an entity type ("album"), or nullptr (tracks, unknown types).
const ArtworkKind *kindOfEntityType(std::string_view entityType);
/// The kind of a folder name ("albums"), or nullptr.
const ArtworkKind *kindOfFolder(std::string_view folder);

/// A plugin id as the plugin ABI defines it: [a-z][a-z0-9_]{0,31}.
bool validSourceName(std::string_view source);
/// An external id usable as a file name: [A-Za-z0-9_-]{1,128}. No dot, no slash, no
/// control character: "..", "a/b", "%00" and absolute paths cannot pass.
bool validArtworkId(std::string_view id);

struct ArtworkKey {
  std::string source;
  std::string kind;  // folder name
  std::string id;

  bool operator<(const ArtworkKey &other) const {
    if (source != other.source) return source < other.source;
    if (kind != other.kind) return kind < other.kind;
    return id < other.id;
  }
  bool operator==(const ArtworkKey &other) const = default;
  /// "spotify/albums/4aawyAB9vmqN3uQ7FjRGTy", for logs and messages.
  std::string display() const { return source + "/" + kind + "/" + id; }
};

/// The id of a served file name "<id>.webp", or nullopt when it does not have that shape.
std::optional<std::string> idOfFileName(std::string_view fileName);

/// The key of a served path "/artwork/<source>/<kind>/<id>.webp" (the `image` of a stats
/// answer), or nullopt when it is not one.
std::optional<ArtworkKey> keyOfServedPath(std::string_view path);

}  // namespace encore
