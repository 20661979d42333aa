#include "spotify_objects.h"

namespace encore::fake {
namespace {

const Json kMarkets = {"SE", "US", "DE"};

Json urls(const std::string &kind, const std::string &id) {
  return {{"spotify", "https://open.spotify.com/" + kind + "/" + id}};
}

/// Image lists as Spotify's, with URLs on the fake itself (which answers them 404), so a
/// daemon under test that fetches artwork never reaches the internet.
Json images(const std::string &base, const std::string &id, bool sized = true) {
  Json list = Json::array();
  for (int size : {640, 300, 64}) {
    Json image = {{"url", base + "/image/" + id + "x" + std::to_string(size)}};
    image["height"] = sized ? Json(size) : Json(nullptr);
    image["width"] = sized ? Json(size) : Json(nullptr);
    list.push_back(image);
  }
  return list;
}

Json artistsOf(const std::string &base, const FakeLibrary &lib,
               const std::vector<std::string> &ids) {
  Json list = Json::array();
  for (const auto &id : ids) list.push_back(simplifiedArtist(base, lib.artists.at(id)));
  return list;
}

Json localTrack(const FakeEntry &entry) {
  Json album = {{"album_type", nullptr},
                {"artists", Json::array()},
                {"available_markets", Json::array()},
                {"external_urls", Json::object()},
                {"href", nullptr},
                {"id", nullptr},
                {"images", Json::array()},
                {"name", ""},
                {"release_date", nullptr},
                {"release_date_precision", nullptr},
                {"type", "album"},
                {"uri", nullptr}};
  Json artist = {{"external_urls", Json::object()},
                 {"href", nullptr},
                 {"id", nullptr},
                 {"name", "Someone"},
                 {"type", "artist"},
                 {"uri", nullptr}};
  return {{"album", album},
          {"artists", Json::array({artist})},
          {"available_markets", Json::array()},
          {"disc_number", 0},
          {"duration_ms", 180000},
          {"explicit", false},
          {"external_ids", Json::object()},
          {"external_urls", Json::object()},
          {"href", nullptr},
          {"id", nullptr},
          {"is_local", true},
          {"name", entry.name},
          {"popularity", 0},
          {"preview_url", nullptr},
          {"track_number", 0},
          {"type", "track"},
          {"uri", entry.uri}};
}

Json episode(const std::string &base, const FakeEntry &entry) {
  std::string id = entry.uri.substr(entry.uri.rfind(':') + 1);
  Json show = {{"available_markets", kMarkets},
               {"copyrights", Json::array()},
               {"description", "A show"},
               {"explicit", false},
               {"external_urls", urls("show", "S" + id.substr(1))},
               {"href", base + "/v1/shows/S" + id.substr(1)},
               {"id", "S" + id.substr(1)},
               {"images", images(base, "S" + id.substr(1))},
               {"is_externally_hosted", false},
               {"languages", Json::array({"en-US"})},
               {"media_type", "audio"},
               {"name", "The Show"},
               {"publisher", "Encore"},
               {"type", "show"},
               {"uri", "spotify:show:S" + id.substr(1)}};
  return {{"audio_preview_url", nullptr},
          {"description", "An episode"},
          {"duration_ms", 1800000},
          {"episode", true},
          {"explicit", false},
          {"external_urls", urls("episode", id)},
          {"href", base + "/v1/episodes/" + id},
          {"id", id},
          {"images", images(base, id)},
          {"is_externally_hosted", false},
          {"is_playable", true},
          {"language", "en-US"},
          {"languages", Json::array({"en-US"})},
          {"name", entry.name},
          {"release_date", "2025-01-01"},
          {"release_date_precision", "day"},
          {"show", show},
          {"track", false},
          {"type", "episode"},
          {"uri", entry.uri}};
}

}  // namespace

Json simplifiedArtist(const std::string &base, const FakeArtist &a) {
  return {{"external_urls", urls("artist", a.id)},
          {"href", base + "/v1/artists/" + a.id},
          {"id", a.id},
          {"name", a.name},
          {"type", "artist"},
          {"uri", "spotify:artist:" + a.id}};
}

Json artistObject(const std::string &base, const FakeArtist &a) {
  Json j = simplifiedArtist(base, a);
  j["followers"] = {{"href", nullptr}, {"total", a.followers}};
  j["genres"] = a.genres;
  j["images"] = images(base, a.id);
  j["popularity"] = a.popularity;
  return j;
}

Json simplifiedAlbum(const std::string &base, const FakeLibrary &lib, const FakeAlbum &al) {
  return {{"album_type", al.albumType},           {"artists", artistsOf(base, lib, al.artistIds)},
          {"available_markets", kMarkets},        {"external_urls", urls("album", al.id)},
          {"href", base + "/v1/albums/" + al.id}, {"id", al.id},
          {"images", images(base, al.id)},        {"name", al.name},
          {"release_date", al.releaseDate},       {"release_date_precision", "day"},
          {"total_tracks", al.totalTracks},       {"type", "album"},
          {"uri", "spotify:album:" + al.id}};
}

Json fullAlbum(const std::string &base, const FakeLibrary &lib, const FakeAlbum &al) {
  Json j = simplifiedAlbum(base, lib, al);
  j["copyrights"] = Json::array({{{"text", "(C) Encore"}, {"type", "C"}}});
  j["external_ids"] = {{"upc", "00" + al.id.substr(12)}};
  j["genres"] = Json::array();
  j["label"] = "Encore Records";
  j["popularity"] = 40;
  Json tracks = Json::array();
  for (const auto &id : al.trackIds) {
    if (tracks.size() >= 50) break;
    Json simple = trackObject(base, lib, lib.tracks.at(id));
    for (const char *k : {"album", "external_ids", "popularity"}) simple.erase(k);
    tracks.push_back(std::move(simple));
  }
  const auto count = static_cast<int64_t>(tracks.size());
  j["tracks"] =
      offsetPage(base, "/v1/albums/" + al.id + "/tracks?", std::move(tracks), 0, 50, count);
  return j;
}

Json trackObject(const std::string &base, const FakeLibrary &lib, const FakeTrack &t) {
  return {{"album", simplifiedAlbum(base, lib, lib.albums.at(t.albumId))},
          {"artists", artistsOf(base, lib, t.artistIds)},
          {"available_markets", kMarkets},
          {"disc_number", t.discNumber},
          {"duration_ms", t.durationMs},
          {"explicit", false},
          {"external_ids", {{"isrc", t.isrc}}},
          {"external_urls", urls("track", t.id)},
          {"href", base + "/v1/tracks/" + t.id},
          {"id", t.id},
          {"is_local", false},
          {"name", t.name},
          {"popularity", 30},
          {"preview_url", nullptr},
          {"track_number", t.trackNumber},
          {"type", "track"},
          {"uri", "spotify:track:" + t.id}};
}

Json playlistObject(const std::string &base, const FakeLibrary &, const FakePlaylist &p) {
  Json itemsRef = {{"href", base + "/v1/playlists/" + p.id + "/items"},
                   {"total", static_cast<int64_t>(p.entries.size())}};
  Json owner = {{"display_name", p.ownerName},
                {"external_urls", urls("user", p.ownerId)},
                {"href", base + "/v1/users/" + p.ownerId},
                {"id", p.ownerId},
                {"type", "user"},
                {"uri", "spotify:user:" + p.ownerId}};
  return {{"collaborative", p.collaborative},
          {"description", p.description},
          {"external_urls", urls("playlist", p.id)},
          {"href", base + "/v1/playlists/" + p.id},
          {"id", p.id},
          {"images", images(base, p.id, false)},
          {"items", itemsRef},
          {"name", p.name},
          {"owner", owner},
          {"primary_color", nullptr},
          {"public", p.isPublic},
          {"snapshot_id", p.snapshotId()},
          {"tracks", itemsRef},
          {"type", "playlist"},
          {"uri", "spotify:playlist:" + p.id}};
}

Json playlistEntry(const std::string &base, const FakeLibrary &lib, const FakeEntry &e) {
  Json content;
  switch (e.kind) {
    case FakeEntry::Kind::Track:
      content = trackObject(base, lib, lib.tracks.at(e.trackId));
      break;
    case FakeEntry::Kind::Unavailable:
      content = nullptr;
      break;
    case FakeEntry::Kind::Local:
      content = localTrack(e);
      break;
    case FakeEntry::Kind::Episode:
      content = episode(base, e);
      break;
  }
  Json addedBy = {{"external_urls", urls("user", lib.userId)},
                  {"href", base + "/v1/users/" + lib.userId},
                  {"id", lib.userId},
                  {"type", "user"},
                  {"uri", "spotify:user:" + lib.userId}};
  return {{"added_at", e.addedAt},
          {"added_by", addedBy},
          {"is_local", e.kind == FakeEntry::Kind::Local},
          {"primary_color", nullptr},
          {e.legacyField ? "track" : "item", content},
          {"video_thumbnail", {{"url", nullptr}}}};
}

Json userObject(const std::string &base, const FakeLibrary &lib) {
  return {{"display_name", lib.userName},
          {"external_urls", urls("user", lib.userId)},
          {"followers", {{"href", nullptr}, {"total", 12}}},
          {"href", base + "/v1/users/" + lib.userId},
          {"id", lib.userId},
          {"images", Json::array()},
          {"type", "user"},
          {"uri", "spotify:user:" + lib.userId}};
}

namespace {

/// Every member of an offset page but "items".
Json pageEnvelope(const std::string &base, const std::string &path, int64_t offset, int64_t limit,
                  int64_t count, int64_t total) {
  auto link = [&](int64_t at) {
    return Json(base + path + "offset=" + std::to_string(at) + "&limit=" + std::to_string(limit));
  };
  return {{"href", link(offset)},
          {"limit", limit},
          {"next", offset + count < total ? link(offset + limit) : Json(nullptr)},
          {"offset", offset},
          {"previous", offset > 0 ? link(std::max<int64_t>(0, offset - limit)) : Json(nullptr)},
          {"total", total}};
}

}  // namespace

Json offsetPage(const std::string &base, const std::string &path, Json items, int64_t offset,
                int64_t limit, int64_t total) {
  Json page = pageEnvelope(base, path, offset, limit, static_cast<int64_t>(items.size()), total);
  page["items"] = std::move(items);
  return page;
}

std::string offsetPageText(const std::string &base, const std::string &path,
                           const std::vector<std::string> &items, int64_t offset, int64_t limit,
                           int64_t total, const FieldTree *fields) {
  Json envelope =
      pageEnvelope(base, path, offset, limit, static_cast<int64_t>(items.size()), total);
  if (fields != nullptr) {
    envelope = applyFields(envelope, *fields);
    if (fields->children.count("items") == 0) return envelope.dump();
  }
  std::string text = envelope.dump();
  text.pop_back();  // the closing brace
  if (text.size() > 1) text += ',';
  text += "\"items\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) text += ',';
    text += items[i];
  }
  return text + "]}";
}

Json errorObject(int status, const std::string &message) {
  return {{"error", {{"status", status}, {"message", message}}}};
}

}  // namespace encore::fake
