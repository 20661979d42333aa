#include "records.h"

#include <algorithm>
#include <cctype>

#include "encore/text.hpp"

namespace spotify {
namespace {

constexpr size_t kMaxName = 2048;
constexpr size_t kMaxArtistsPerItem = 50;

using encore::JsonWriter;

/// What makes an object usable: its base-62 id and its name (views into the answer).
struct Identity {
  std::string_view id;
  std::string_view name;
};

std::optional<std::string_view> name(const Json &object) {
  const std::string *n = stringMember(object, "name");
  if (n == nullptr || n->empty()) return std::nullopt;
  return encore::truncateUtf8(*n, kMaxName);
}

std::optional<std::string_view> validId(const Json &object) {
  const std::string *id = stringMember(object, "id");
  if (id == nullptr || !isSpotifyId(*id)) return std::nullopt;
  return std::string_view(*id);
}

/// Both are read (a member of the wrong type fails the page even when the other is
/// missing); nullopt when either is not usable.
std::optional<Identity> identity(const Json &object, const char *what) {
  if (!object.is_object()) throw FormatError(std::string(what) + " is not an object");
  auto id = validId(object);
  auto n = name(object);
  if (!id || !n) return std::nullopt;
  return Identity{*id, *n};
}

void putInt(JsonWriter &w, const char *key, std::optional<int64_t> value, int64_t min,
            int64_t max) {
  if (value && *value >= min && *value <= max) w.field(key, *value);
}

void putBool(JsonWriter &w, const char *key, std::optional<bool> value) {
  if (value) w.field(key, *value);
}

/// A string member of at most `maxBytes` (and not empty when `nonEmpty`), as it is.
void putString(JsonWriter &w, const char *key, const Json &object, const char *member,
               size_t maxBytes, bool nonEmpty = false) {
  const std::string *value = stringMember(object, member);
  if (value != nullptr && value->size() <= maxBytes && !(nonEmpty && value->empty()))
    w.field(key, *value);
}

bool startsWith(const std::string &text, std::string_view prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

void putUrl(JsonWriter &w, const Json &object) {
  if (const Json *urls = optObject(object, "external_urls")) {
    const std::string *url = stringMember(*urls, "spotify");
    if (url != nullptr && url->size() <= 2048 && startsWith(*url, "https://")) w.field("url", *url);
  }
}

void putImages(JsonWriter &w, const Json &object) {
  const Json *images = member(object, "images");
  if (images == nullptr) return;
  if (!images->is_array()) throw FormatError("'images' is not an array");
  w.key("images");
  w.beginArray();
  size_t written = 0;
  for (const auto &image : *images) {
    if (!image.is_object() || written >= 32) continue;
    const std::string *url = stringMember(image, "url");
    if (url == nullptr || url->size() > 2048 ||
        (!startsWith(*url, "https://") && !startsWith(*url, "http://"))) {
      continue;
    }
    w.beginObject();
    w.field("url", *url);
    putInt(w, "width", optInt(image, "width"), 0, 100000);
    putInt(w, "height", optInt(image, "height"), 0, 100000);
    w.endObject();
    ++written;
  }
  w.endArray();
}

void writeArtistBody(JsonWriter &w, const Json &artist, const Identity &who, bool typed) {
  w.beginObject();
  if (typed) w.field("type", "artist");
  w.field("id", who.id);
  w.field("name", who.name);
  if (const Json *genres = member(artist, "genres"); genres != nullptr && genres->is_array()) {
    w.key("genres");
    w.beginArray();
    size_t written = 0;
    for (const auto &g : *genres) {
      if (!g.is_string() || written >= 100) continue;
      w.string(encore::truncateUtf8(g.get_ref<const std::string &>(), kMaxName));
      ++written;
    }
    w.endArray();
  }
  putInt(w, "popularity", optInt(artist, "popularity"), 0, 100);
  if (const Json *followers = optObject(artist, "followers")) {
    putInt(w, "followers", optInt(*followers, "total"), 0, INT64_MAX);
  }
  putUrl(w, artist);
  putImages(w, artist);
  w.endObject();
}

/// The "artists" member: the usable artists of `object`, at most 50, then `credit` unless
/// it is among them. Left out when there is none.
void putArtists(JsonWriter &w, const Json &object, const Credit *credit) {
  const Json *artists = member(object, "artists");
  if (artists != nullptr && !artists->is_array()) throw FormatError("'artists' is not an array");
  size_t written = 0;
  bool credited = false;
  auto next = [&] {
    if (written++ == 0) {
      w.key("artists");
      w.beginArray();
    }
  };
  if (artists != nullptr) {
    for (const auto &artist : *artists) {
      if (written >= kMaxArtistsPerItem) break;
      auto who = identity(artist, "an artist");
      if (!who) continue;
      next();
      writeArtistBody(w, artist, *who, false);
      credited = credited || (credit != nullptr && who->id == credit->id);
    }
  }
  if (credit != nullptr && !credited && written < kMaxArtistsPerItem) {
    next();
    w.beginObject();
    w.field("id", credit->id);
    w.field("name", credit->name);
    w.endObject();
  }
  if (written > 0) w.endArray();
}

void writeAlbumBody(JsonWriter &w, const Json &album, const Identity &what, bool typed,
                    const Credit *credit) {
  w.beginObject();
  if (typed) w.field("type", "album");
  w.field("id", what.id);
  w.field("name", what.name);
  if (const std::string *type = stringMember(album, "album_type")) {
    std::string lower = *type;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "album" || lower == "single" || lower == "compilation")
      w.field("album_type", lower);
  }
  putString(w, "release_date", album, "release_date", 32, true);
  putInt(w, "total_tracks", optInt(album, "total_tracks"), 0, 100000);
  putInt(w, "popularity", optInt(album, "popularity"), 0, 100);
  putUrl(w, album);
  putImages(w, album);
  putArtists(w, album, credit);
  w.endObject();
}

/// A thin reference: what a record sent in full earlier in the run needs to be named.
void writeReference(JsonWriter &w, const Identity &what) {
  w.beginObject();
  w.field("id", what.id);
  w.field("name", what.name);
  w.endObject();
}

}  // namespace

bool writeArtist(JsonWriter &w, const Json &artist, bool typed) {
  auto who = identity(artist, "an artist");
  if (who) writeArtistBody(w, artist, *who, typed);
  return who.has_value();
}

bool writeAlbum(JsonWriter &w, const Json &album, bool typed, const Credit *credit) {
  auto what = identity(album, "an album");
  if (what) writeAlbumBody(w, album, *what, typed, credit);
  return what.has_value();
}

bool writeTrack(JsonWriter &w, const Json &track, SentInRun *sent) {
  auto what = identity(track, "a track");
  if (!what) return false;
  if (sent != nullptr && !sent->tracks.emplace(what->id).second) {
    writeReference(w, *what);  // sent in full before
    return true;
  }
  w.beginObject();
  w.field("id", what->id);
  w.field("name", what->name);
  putInt(w, "duration_ms", optInt(track, "duration_ms"), 0, 86'400'000);
  putBool(w, "explicit", optBool(track, "explicit"));
  putInt(w, "popularity", optInt(track, "popularity"), 0, 100);
  if (const Json *ids = optObject(track, "external_ids"))
    putString(w, "isrc", *ids, "isrc", 32, true);
  putInt(w, "disc_number", optInt(track, "disc_number"), 0, 1000);
  putInt(w, "track_number", optInt(track, "track_number"), 0, 100000);
  putString(w, "uri", track, "uri", 256);
  putUrl(w, track);
  if (const Json *album = optObject(track, "album")) {
    if (auto albumIdentity = identity(*album, "an album")) {
      w.key("album");
      if (sent != nullptr && !sent->albums.emplace(albumIdentity->id).second) {
        writeReference(w, *albumIdentity);
      } else {
        writeAlbumBody(w, *album, *albumIdentity, false, nullptr);
      }
    }
  }
  putArtists(w, track, nullptr);
  w.endObject();
  return true;
}

std::optional<std::string> playlistSnapshot(const Json &playlist) {
  auto snapshot = optString(playlist, "snapshot_id");
  if (snapshot && snapshot->size() <= 512) return snapshot;
  return std::nullopt;
}

std::optional<int64_t> playlistTrackCount(const Json &playlist) {
  // The 2026 field is "items"; older answers call it "tracks".
  const Json *ref = optObject(playlist, "items");
  if (ref == nullptr) ref = optObject(playlist, "tracks");
  if (ref == nullptr) return std::nullopt;
  auto total = optInt(*ref, "total");
  if (total && *total >= 0 && *total <= 10'000'000) return total;
  return std::nullopt;
}

bool writePlaylist(JsonWriter &w, const Json &playlist, bool withSnapshot) {
  if (!playlist.is_object()) throw FormatError("a playlist is not an object");
  auto id = validId(playlist);
  if (!id) return false;
  w.beginObject();
  w.field("type", "playlist");
  w.field("id", *id);
  w.field("name", name(playlist).value_or("Untitled playlist"));
  if (const std::string *description = stringMember(playlist, "description"))
    w.field("description", encore::truncateUtf8(*description, 16384));
  if (const Json *owner = optObject(playlist, "owner")) {
    putString(w, "owner_id", *owner, "id", 256, true);
    if (const std::string *ownerName = stringMember(*owner, "display_name");
        ownerName != nullptr && !ownerName->empty()) {
      w.field("owner_name", encore::truncateUtf8(*ownerName, kMaxName));
    }
  }
  if (auto count = playlistTrackCount(playlist)) w.field("track_count", *count);
  if (withSnapshot) {
    if (auto snapshot = playlistSnapshot(playlist)) w.field("snapshot_id", *snapshot);
  }
  putBool(w, "public", optBool(playlist, "public"));
  putBool(w, "collaborative", optBool(playlist, "collaborative"));
  putUrl(w, playlist);
  putImages(w, playlist);
  w.endObject();
  return true;
}

void addPlaylistItem(encore::RecordsWriter &doc, std::string_view playlistId, int64_t position,
                     const Json &entry, SentInRun *sent) {
  if (!entry.is_object()) throw FormatError("a playlist entry is not an object");
  doc.record("playlist_item", [&](JsonWriter &w) {
    w.field("playlist_id", playlistId);
    w.field("position", position);
    putString(w, "added_at", entry, "added_at", 64);
    if (const Json *by = optObject(entry, "added_by"))
      putString(w, "added_by", *by, "id", 256, true);
    const Json *content = optObject(entry, "item");
    if (content == nullptr) content = optObject(entry, "track");
    if (content == nullptr) {
      w.field("item_type", "unavailable");
      return;
    }
    auto describe = [&](const char *type) {
      w.field("item_type", type);
      if (auto n = name(*content)) w.field("name", *n);
      putString(w, "uri", *content, "uri", 512, true);
    };
    if (optBool(entry, "is_local").value_or(false) ||
        optBool(*content, "is_local").value_or(false)) {
      describe("local");
    } else if (optString(*content, "type").value_or("track") == "episode") {
      describe("episode");
    } else if (identity(*content, "a track")) {
      w.field("item_type", "track");
      w.key("track");
      writeTrack(w, *content, sent);
    } else {
      describe("unavailable");
    }
  });
}

void addPlaylistTruncate(encore::RecordsWriter &doc, std::string_view playlistId, int64_t length) {
  doc.record("playlist_truncate", [&](JsonWriter &w) {
    w.field("playlist_id", playlistId);
    w.field("length", length);
  });
}

std::optional<PolledPlay> readPlay(const Json &history, int64_t nowMs, int64_t &playedAtMs) {
  if (!history.is_object()) throw FormatError("a recently played entry is not an object");
  auto playedAt = optString(history, "played_at");
  auto parsed = playedAt ? parseTimestampMs(*playedAt) : std::nullopt;
  if (!parsed) throw FormatError("a recently played entry has no valid played_at");
  playedAtMs = *parsed;
  const Json *track = optObject(history, "track");
  if (track == nullptr) return std::nullopt;
  auto n = name(*track);
  std::optional<std::string_view> artist;
  if (const Json *artists = member(*track, "artists"); artists != nullptr && artists->is_array()) {
    for (const auto &a : *artists) {
      if (a.is_object()) artist = name(a);
      if (artist) break;
    }
  }
  if (!n || !artist) return std::nullopt;
  int64_t duration = optInt(*track, "duration_ms").value_or(0);
  if (duration < 0 || duration > 86'400'000) duration = 0;
  // played_at is (usually) when the track ended: the listening began a duration earlier.
  const int64_t startedAt = (playedAtMs - duration) / 1000;
  if (startedAt < 946684800 || startedAt > nowMs / 1000 + 86400) return std::nullopt;
  PolledPlay play{startedAt, duration, std::string(*n), std::string(*artist), {}, {}};
  if (const Json *album = optObject(*track, "album")) {
    if (auto albumName = name(*album)) play.album = *albumName;
  }
  if (auto uri = optString(*track, "uri"); uri && uri->size() == 36 &&
                                           uri->rfind("spotify:track:", 0) == 0 &&
                                           isSpotifyId(uri->substr(14))) {
    play.spotifyUri = *uri;
  }
  return play;
}

void addPlay(encore::RecordsWriter &doc, const PolledPlay &p) {
  encore::Play play;
  play.startedAt = p.startedAt;
  play.msPlayed = p.durationMs;
  play.source = "spotify-poll";
  play.track = p.track;
  play.artist = p.artist;
  play.album = p.album;
  play.spotifyUri = p.spotifyUri;
  play.durationMs = p.durationMs;
  doc.play(play);
}

}  // namespace spotify
