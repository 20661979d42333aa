#include "fake_library.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace encore::fake {
namespace {

std::string timestamp(int64_t index) {
  // Newest first: a larger index is an older item, one hour apart, from 2025-06-01.
  time_t seconds = static_cast<time_t>(1748736000 - index * 3600);
  struct tm tm {};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

std::string FakePlaylist::snapshotId() const {
  return "c25hcHNob3Qt" + id + "-v" + std::to_string(version);
}

std::string FakeLibrary::makeId(char kind, int64_t n) {
  char text[23];
  std::snprintf(text, sizeof text, "%c%021lld", kind, static_cast<long long>(n));
  return text;
}

FakeLibrary FakeLibrary::generate(const LibrarySpec &spec) {
  FakeLibrary lib;
  static const char *kTypes[] = {"album", "single", "compilation"};
  static const char *kGenres[] = {"indie rock", "swedish hip hop", "jazz", "techno", "folk"};
  const int guests = std::max(5, spec.followedArtists / 10);
  for (int a = 1; a <= spec.followedArtists + guests; ++a) {
    FakeArtist artist;
    artist.id = makeId('A', a);
    const bool guest = a > spec.followedArtists;
    artist.name =
        guest ? "Guest " + std::to_string(a - spec.followedArtists) : "Artist " + std::to_string(a);
    artist.popularity = a % 101;
    artist.followers = 1000 + a;
    artist.genres = {kGenres[a % 5]};
    if (!guest) lib.followed.push_back(artist.id);
    lib.artists[artist.id] = artist;
  }
  // Discographies: every followed artist has its albums.
  std::vector<std::string> albumOrder;
  for (int a = 1; a <= spec.followedArtists; ++a) {
    auto &artist = lib.artists[makeId('A', a)];
    for (int j = 0; j < spec.albumsPerArtist; ++j) {
      FakeAlbum album;
      album.id = makeId('B', static_cast<int64_t>(a - 1) * spec.albumsPerArtist + j + 1);
      album.name = artist.name + " Album " + std::to_string(j + 1);
      album.albumType = kTypes[j % 3];
      album.releaseDate =
          std::to_string(2000 + (a + j) % 25) + "-0" + std::to_string(1 + j % 9) + "-15";
      album.totalTracks = spec.tracksPerAlbum;
      album.artistIds = {artist.id};
      artist.discography.push_back(album.id);
      albumOrder.push_back(album.id);
      lib.albums[album.id] = album;
    }
  }
  const int pool = spec.trackPool > 0
                       ? spec.trackPool
                       : std::max(1, (spec.likedSongs + spec.playlistEntries) * 3 / 4);
  std::vector<std::string> trackOrder;
  for (int t = 0; t < pool && !albumOrder.empty(); ++t) {
    FakeTrack track;
    track.id = makeId('T', t + 1);
    auto &album = lib.albums[albumOrder[(t / spec.tracksPerAlbum) % albumOrder.size()]];
    track.albumId = album.id;
    album.trackIds.push_back(track.id);
    track.artistIds = album.artistIds;
    if (t % 7 == 0)
      track.artistIds.push_back(makeId('A', spec.followedArtists + 1 + (t / 7) % guests));
    track.name = "Song " + std::to_string(t + 1);
    track.durationMs = 150000 + (t * 7919) % 150000;
    track.trackNumber = t % spec.tracksPerAlbum + 1;
    char isrc[16];
    std::snprintf(isrc, sizeof isrc, "USENC%07d", t + 1);
    track.isrc = isrc;
    trackOrder.push_back(track.id);
    lib.tracks[track.id] = track;
  }
  for (int i = 0; i < spec.likedSongs && !trackOrder.empty(); ++i) {
    lib.liked.push_back(
        {trackOrder[(static_cast<size_t>(i) * 7) % trackOrder.size()], timestamp(i)});
  }
  for (int i = 0; i < spec.savedAlbums && !albumOrder.empty(); ++i) {
    lib.savedAlbums.push_back(
        {albumOrder[(static_cast<size_t>(i) * 11) % albumOrder.size()], timestamp(i * 5)});
  }
  for (int p = 0; p < spec.playlists; ++p) {
    FakePlaylist playlist;
    playlist.id = makeId('P', p + 1);
    playlist.name = "Playlist " + std::to_string(p + 1);
    playlist.description = p % 2 == 0 ? "Songs for <b>number</b> " + std::to_string(p + 1) : "";
    playlist.ownerId = p % 4 == 3 ? "someoneelse" : lib.userId;
    playlist.ownerName = p % 4 == 3 ? "Someone Else" : lib.userName;
    playlist.isPublic = p % 3 != 0;
    playlist.collaborative = p % 5 == 4;
    const int64_t from = static_cast<int64_t>(spec.playlistEntries) * p / spec.playlists;
    const int64_t to = static_cast<int64_t>(spec.playlistEntries) * (p + 1) / spec.playlists;
    for (int64_t j = from; j < to && !trackOrder.empty(); ++j) {
      FakeEntry entry;
      entry.addedAt = timestamp(j);
      entry.legacyField = j % 3 == 0;
      if (spec.specialEntries && j % 50 == 7) {
        entry.kind = FakeEntry::Kind::Unavailable;
      } else if (spec.specialEntries && j % 97 == 11) {
        entry.kind = FakeEntry::Kind::Local;
        entry.name = "Local Song " + std::to_string(j);
        entry.uri = "spotify:local:Someone:Somewhere:Local+Song+" + std::to_string(j) + ":180";
      } else if (spec.specialEntries && j % 113 == 13) {
        entry.kind = FakeEntry::Kind::Episode;
        entry.name = "Episode " + std::to_string(j);
        entry.uri = "spotify:episode:" + makeId('E', j);
      } else {
        entry.trackId = trackOrder[(static_cast<size_t>(j) * 13 + 5) % trackOrder.size()];
      }
      playlist.entries.push_back(entry);
    }
    lib.playlists.push_back(std::move(playlist));
  }
  return lib;
}

const FakePlaylist *FakeLibrary::playlist(const std::string &id) const {
  for (const auto &p : playlists) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

FakePlaylist *FakeLibrary::playlist(const std::string &id) {
  for (auto &p : playlists) {
    if (p.id == id) return &p;
  }
  return nullptr;
}

void FakeLibrary::addPlay(const std::string &trackId, int64_t playedAtMs) {
  played.push_back({trackId, playedAtMs});
  std::stable_sort(played.begin(), played.end(),
                   [](const Played &a, const Played &b) { return a.playedAtMs > b.playedAtMs; });
}

ExpectedCounts FakeLibrary::expected(bool discographies) const {
  std::set<std::string> trackIds, albumIds, artistIds(followed.begin(), followed.end());
  for (const auto &s : liked) trackIds.insert(s.id);
  for (const auto &p : playlists) {
    if (!p.readable) continue;
    for (const auto &e : p.entries) {
      if (e.kind == FakeEntry::Kind::Track) trackIds.insert(e.trackId);
    }
  }
  for (const auto &id : trackIds) {
    const auto &t = tracks.at(id);
    albumIds.insert(t.albumId);
    artistIds.insert(t.artistIds.begin(), t.artistIds.end());
  }
  for (const auto &s : savedAlbums) albumIds.insert(s.id);
  if (discographies) {
    for (const auto &a : followed) {
      const auto &d = artists.at(a).discography;
      albumIds.insert(d.begin(), d.end());
    }
  }
  for (const auto &id : albumIds) {
    const auto &album = albums.at(id);
    artistIds.insert(album.artistIds.begin(), album.artistIds.end());
  }
  ExpectedCounts c;
  c.artists = static_cast<int64_t>(artistIds.size());
  c.followedArtists = static_cast<int64_t>(followed.size());
  c.albums = static_cast<int64_t>(albumIds.size());
  c.tracks = static_cast<int64_t>(trackIds.size());
  c.playlists = static_cast<int64_t>(playlists.size());
  c.likedSongs = static_cast<int64_t>(liked.size());
  c.savedAlbums = static_cast<int64_t>(savedAlbums.size());
  return c;
}

std::vector<std::string> FakeLibrary::followedOnly() const {
  std::set<std::string> credited;
  auto creditAlbum = [&](const std::string &albumId) {
    for (const auto &a : albums.at(albumId).artistIds) credited.insert(a);
  };
  auto creditTrack = [&](const std::string &trackId) {
    const auto &t = tracks.at(trackId);
    credited.insert(t.artistIds.begin(), t.artistIds.end());
    creditAlbum(t.albumId);
  };
  for (const auto &s : liked) creditTrack(s.id);
  for (const auto &p : playlists) {
    for (const auto &e : p.entries) {
      if (e.kind == FakeEntry::Kind::Track) creditTrack(e.trackId);
    }
  }
  for (const auto &s : savedAlbums) creditAlbum(s.id);
  std::vector<std::string> out;
  for (const auto &a : followed) {
    if (!credited.count(a)) out.push_back(a);
  }
  return out;
}

}  // namespace encore::fake
