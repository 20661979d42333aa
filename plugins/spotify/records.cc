#include "records.h"

#include <algorithm>
#include <cctype>

namespace spotify {
namespace {

constexpr size_t kMaxName = 2048;
constexpr size_t kMaxArtistsPerItem = 50;

std::optional<std::string> name(const Json &object) {
  auto n = optString(object, "name");
  if (!n || n->empty()) return std::nullopt;
  return truncateUtf8(*n, kMaxName);
}

std::optional<std::string> validId(const Json &object) {
  auto id = optString(object, "id");
  if (!id || !isSpotifyId(*id)) return std::nullopt;
  return id;
}

void putInt(Json &out, const char *key, std::optional<int64_t> value, int64_t min, int64_t max) {
  if (value && *value >= min && *value <= max) out[key] = *value;
}

void putUrl(Json &out, const Json &object) {
  if (const Json *urls = optObject(object, "external_urls")) {
    auto url = optString(*urls, "spotify");
    if (url && url->size() <= 2048 && url->rfind("https://", 0) == 0) out["url"] = *url;
  }
}

void putImages(Json &out, const Json &object) {
  const Json *images = member(object, "images");
  if (images == nullptr) return;
  if (!images->is_array()) throw FormatError("'images' is not an array");
  Json list = Json::array();
  for (const auto &image : *images) {
    if (!image.is_object() || list.size() >= 32) continue;
    auto url = optString(image, "url");
    if (!url || url->size() > 2048 ||
        (url->rfind("https://", 0) != 0 && url->rfind("http://", 0) != 0)) {
      continue;
    }
    Json entry = {{"url", *url}};
    putInt(entry, "width", optInt(image, "width"), 0, 100000);
    putInt(entry, "height", optInt(image, "height"), 0, 100000);
    list.push_back(std::move(entry));
  }
  out["images"] = std::move(list);
}

Json artistList(const Json &object) {
  Json list = Json::array();
  const Json *artists = member(object, "artists");
  if (artists == nullptr) return list;
  if (!artists->is_array()) throw FormatError("'artists' is not an array");
  for (const auto &artist : *artists) {
    if (list.size() >= kMaxArtistsPerItem) break;
    if (auto record = artistRecord(artist)) {
      record->erase("type");
      list.push_back(std::move(*record));
    }
  }
  return list;
}

}  // namespace

std::optional<Json> artistRecord(const Json &artist) {
  if (!artist.is_object()) throw FormatError("an artist is not an object");
  auto id = validId(artist);
  auto n = name(artist);
  if (!id || !n) return std::nullopt;
  Json out = {{"type", "artist"}, {"id", *id}, {"name", *n}};
  if (const Json *genres = member(artist, "genres"); genres != nullptr && genres->is_array()) {
    Json list = Json::array();
    for (const auto &g : *genres) {
      if (g.is_string() && list.size() < 100)
        list.push_back(truncateUtf8(g.get<std::string>(), kMaxName));
    }
    out["genres"] = std::move(list);
  }
  putInt(out, "popularity", optInt(artist, "popularity"), 0, 100);
  if (const Json *followers = optObject(artist, "followers")) {
    putInt(out, "followers", optInt(*followers, "total"), 0, INT64_MAX);
  }
  putUrl(out, artist);
  putImages(out, artist);
  return out;
}

std::optional<Json> albumRecord(const Json &album) {
  if (!album.is_object()) throw FormatError("an album is not an object");
  auto id = validId(album);
  auto n = name(album);
  if (!id || !n) return std::nullopt;
  Json out = {{"type", "album"}, {"id", *id}, {"name", *n}};
  if (auto type = optString(album, "album_type")) {
    std::string lower = *type;
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower == "album" || lower == "single" || lower == "compilation") out["album_type"] = lower;
  }
  if (auto date = optString(album, "release_date"); date && !date->empty() && date->size() <= 32) {
    out["release_date"] = *date;
  }
  putInt(out, "total_tracks", optInt(album, "total_tracks"), 0, 100000);
  putInt(out, "popularity", optInt(album, "popularity"), 0, 100);
  putUrl(out, album);
  putImages(out, album);
  Json artists = artistList(album);
  if (!artists.empty()) out["artists"] = std::move(artists);
  return out;
}

std::optional<Json> trackRecord(const Json &track, SentInRun *sent) {
  if (!track.is_object()) throw FormatError("a track is not an object");
  auto id = validId(track);
  auto n = name(track);
  if (!id || !n) return std::nullopt;
  Json out = {{"type", "track"}, {"id", *id}, {"name", *n}};
  if (sent != nullptr && !sent->tracks.insert(*id).second) return out;  // sent in full before
  putInt(out, "duration_ms", optInt(track, "duration_ms"), 0, 86'400'000);
  if (auto explicitFlag = optBool(track, "explicit")) out["explicit"] = *explicitFlag;
  putInt(out, "popularity", optInt(track, "popularity"), 0, 100);
  if (const Json *ids = optObject(track, "external_ids")) {
    if (auto isrc = optString(*ids, "isrc"); isrc && !isrc->empty() && isrc->size() <= 32) {
      out["isrc"] = *isrc;
    }
  }
  putInt(out, "disc_number", optInt(track, "disc_number"), 0, 1000);
  putInt(out, "track_number", optInt(track, "track_number"), 0, 100000);
  if (auto uri = optString(track, "uri"); uri && uri->size() <= 256) out["uri"] = *uri;
  putUrl(out, track);
  if (const Json *album = optObject(track, "album")) {
    if (auto record = albumRecord(*album)) {
      const std::string &albumId = (*record)["id"].get_ref<const std::string &>();
      if (sent != nullptr && sent->albums.count(albumId) > 0) {
        out["album"] = {{"id", albumId}, {"name", (*record)["name"]}};
      } else {
        if (sent != nullptr) sent->albums.insert(albumId);
        record->erase("type");
        out["album"] = std::move(*record);
      }
    }
  }
  Json artists = artistList(track);
  if (!artists.empty()) out["artists"] = std::move(artists);
  return out;
}

std::optional<Json> playlistRecord(const Json &playlist, bool withSnapshot) {
  if (!playlist.is_object()) throw FormatError("a playlist is not an object");
  auto id = validId(playlist);
  if (!id) return std::nullopt;
  Json out = {
      {"type", "playlist"}, {"id", *id}, {"name", name(playlist).value_or("Untitled playlist")}};
  if (auto description = optString(playlist, "description")) {
    out["description"] = truncateUtf8(*description, 16384);
  }
  if (const Json *owner = optObject(playlist, "owner")) {
    if (auto ownerId = optString(*owner, "id");
        ownerId && !ownerId->empty() && ownerId->size() <= 256) {
      out["owner_id"] = *ownerId;
    }
    if (auto ownerName = optString(*owner, "display_name"); ownerName && !ownerName->empty()) {
      out["owner_name"] = truncateUtf8(*ownerName, kMaxName);
    }
  }
  // The 2026 field is "items"; older answers call it "tracks".
  const Json *ref = optObject(playlist, "items");
  if (ref == nullptr) ref = optObject(playlist, "tracks");
  if (ref != nullptr) putInt(out, "track_count", optInt(*ref, "total"), 0, 10'000'000);
  if (withSnapshot) {
    if (auto snapshot = optString(playlist, "snapshot_id"); snapshot && snapshot->size() <= 512) {
      out["snapshot_id"] = *snapshot;
    }
  }
  if (auto isPublic = optBool(playlist, "public")) out["public"] = *isPublic;
  if (auto collaborative = optBool(playlist, "collaborative"))
    out["collaborative"] = *collaborative;
  putUrl(out, playlist);
  putImages(out, playlist);
  return out;
}

Json playlistItemRecord(const std::string &playlistId, int64_t position, const Json &entry,
                        SentInRun *sent) {
  if (!entry.is_object()) throw FormatError("a playlist entry is not an object");
  Json out = {{"type", "playlist_item"}, {"playlist_id", playlistId}, {"position", position}};
  if (auto added = optString(entry, "added_at"); added && added->size() <= 64)
    out["added_at"] = *added;
  if (const Json *by = optObject(entry, "added_by")) {
    if (auto id = optString(*by, "id"); id && !id->empty() && id->size() <= 256)
      out["added_by"] = *id;
  }
  const Json *content = optObject(entry, "item");
  if (content == nullptr) content = optObject(entry, "track");
  if (content == nullptr) {
    out["item_type"] = "unavailable";
    return out;
  }
  auto describe = [&](const char *type) {
    out["item_type"] = type;
    if (auto n = name(*content)) out["name"] = *n;
    if (auto uri = optString(*content, "uri"); uri && !uri->empty() && uri->size() <= 512)
      out["uri"] = *uri;
  };
  if (optBool(entry, "is_local").value_or(false) || optBool(*content, "is_local").value_or(false)) {
    describe("local");
  } else if (optString(*content, "type").value_or("track") == "episode") {
    describe("episode");
  } else if (auto track = trackRecord(*content, sent)) {
    track->erase("type");
    out["item_type"] = "track";
    out["track"] = std::move(*track);
  } else {
    describe("unavailable");
  }
  return out;
}

std::optional<Json> playRecord(const Json &history, int64_t nowMs, int64_t &playedAtMs) {
  if (!history.is_object()) throw FormatError("a recently played entry is not an object");
  auto playedAt = optString(history, "played_at");
  auto parsed = playedAt ? parseTimestampMs(*playedAt) : std::nullopt;
  if (!parsed) throw FormatError("a recently played entry has no valid played_at");
  playedAtMs = *parsed;
  const Json *track = optObject(history, "track");
  if (track == nullptr) return std::nullopt;
  auto n = name(*track);
  std::optional<std::string> artist;
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
  Json t = {{"name", *n}, {"artist", *artist}, {"duration_ms", duration}};
  if (const Json *album = optObject(*track, "album")) {
    if (auto albumName = name(*album)) t["album"] = *albumName;
  }
  if (auto uri = optString(*track, "uri"); uri && uri->size() == 36 &&
                                           uri->rfind("spotify:track:", 0) == 0 &&
                                           isSpotifyId(uri->substr(14))) {
    t["spotify_uri"] = *uri;
  }
  return Json{{"type", "play"},
              {"started_at", startedAt},
              {"ms_played", duration},
              {"source", "spotify-poll"},
              {"track", std::move(t)}};
}

void Document::append(Document &&later) {
  for (auto &record : later.records_) records_.push_back(std::move(record));
  for (auto &[key, value] : later.checkpoint_.items()) checkpoint_[key] = std::move(value);
  for (auto &id : later.itemsDone_) itemsDone_.push_back(std::move(id));
  later.clear();
}

void Document::clear() {
  records_ = Json::array();
  checkpoint_ = Json::object();
  itemsDone_ = Json::array();
}

void Document::checkpoint(const std::string &key, std::optional<std::string> value) {
  checkpoint_[key] = value ? Json(*value) : Json(nullptr);
}

std::string Document::dump() const {
  Json doc = {{"records", records_}};
  if (!checkpoint_.empty()) doc["checkpoint"] = checkpoint_;
  if (!itemsDone_.empty()) doc["items_done"] = itemsDone_;
  // Invalid UTF-8 from upstream is replaced rather than failing the whole page.
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace spotify
