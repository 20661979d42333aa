// The music library a fake Spotify account holds: artists, albums, tracks, the user's
// followed artists, playlists with their entries (tracks, unavailable, local files,
// episodes), liked songs, saved albums and recently played tracks. Generated at any size
// from a LibrarySpec, changed by tests (unfollow, delete, edit), and able to say what a
// complete sync of it must store.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace encore::fake {

struct FakeArtist {
  std::string id;
  std::string name;
  int popularity = 50;
  int64_t followers = 1000;
  std::vector<std::string> genres;
  std::vector<std::string> discography;  // album ids, newest first
};

struct FakeAlbum {
  std::string id;
  std::string name;
  std::string albumType = "album";  // album | single | compilation
  std::string releaseDate;
  int totalTracks = 10;
  std::vector<std::string> artistIds;
  std::vector<std::string> trackIds;  // the generated tracks on it
};

struct FakeTrack {
  std::string id;
  std::string name;
  std::string albumId;
  std::vector<std::string> artistIds;
  int64_t durationMs = 200000;
  int discNumber = 1;
  int trackNumber = 1;
  std::string isrc;
};

struct FakeEntry {
  enum class Kind { Track, Unavailable, Local, Episode };
  Kind kind = Kind::Track;
  std::string trackId;  // Track
  std::string name;     // Local, Episode
  std::string uri;      // Local, Episode
  std::string addedAt;
  bool legacyField = false;  // the entry carries "track" instead of the 2026 "item"
};

struct FakePlaylist {
  std::string id;
  std::string name;
  std::string description;
  std::string ownerId;
  std::string ownerName;
  bool isPublic = true;
  bool collaborative = false;
  bool readable = true;  // false: /items answers 403 (someone else's playlist, 2026 rules)
  int version = 1;       // part of the snapshot id
  std::vector<FakeEntry> entries;

  std::string snapshotId() const;
};

struct Saved {
  std::string id;  // track or album id
  std::string addedAt;
};

struct Played {
  std::string trackId;
  int64_t playedAtMs = 0;
};

struct LibrarySpec {
  int followedArtists = 20;
  int playlists = 4;
  int playlistEntries = 100;  // over all playlists
  int likedSongs = 60;
  int savedAlbums = 12;
  int albumsPerArtist = 3;  // discography size of every artist
  int tracksPerAlbum = 10;
  int trackPool = 0;           // distinct tracks to draw from; 0: enough for the entries
  bool specialEntries = true;  // unavailable, local and episode entries among the tracks
};

/// What a complete sync of the library stores (db-stats).
struct ExpectedCounts {
  int64_t artists = 0;  // every artist stored: followed, or credited on a stored track or album
  int64_t followedArtists = 0;
  int64_t albums = 0;
  int64_t tracks = 0;
  int64_t playlists = 0;
  int64_t likedSongs = 0;
  int64_t savedAlbums = 0;
};

class FakeLibrary {
 public:
  static FakeLibrary generate(const LibrarySpec &spec);

  std::string userId = "encoreuser";
  std::string userName = "Encore Listener";
  std::map<std::string, FakeArtist> artists;
  std::map<std::string, FakeAlbum> albums;
  std::map<std::string, FakeTrack> tracks;
  std::vector<std::string> followed;  // artist ids, in the order /me/following pages them
  std::vector<FakePlaylist> playlists;
  std::vector<Saved> liked;        // newest first
  std::vector<Saved> savedAlbums;  // newest first
  std::vector<Played> played;      // newest first

  const FakePlaylist *playlist(const std::string &id) const;
  FakePlaylist *playlist(const std::string &id);

  /// Adds a play of `trackId` that ended at `playedAtMs`.
  void addPlay(const std::string &trackId, int64_t playedAtMs);

  /// db-stats after a sync of everything; with `discographies`, after the artist album
  /// sync has also been through every followed artist.
  ExpectedCounts expected(bool discographies = false) const;
  /// Artists a sync keeps only because they are followed (no track or album credits
  /// them): unfollowing one of these removes it.
  std::vector<std::string> followedOnly() const;

  /// Deterministic 22-character base-62 ids: a kind letter and a number.
  static std::string makeId(char kind, int64_t n);
};

}  // namespace encore::fake
