// The Web API endpoints of the fake: reads with the real paging (offset and cursor) and
// limits, the February 2026 paths (the old /tracks playlist paths answer 403), and the
// playlist writes the sink uses.
#include <algorithm>
#include <cstdio>
#include <ctime>

#include "fake_http.h"
#include "fake_spotify.h"
#include "fields_filter.h"
#include "spotify_objects.h"

namespace encore::fake {
namespace {

/// /playlists/{id}/<rest> -> {id, rest}
std::pair<std::string, std::string> playlistPath(const std::string &path) {
  const std::string prefix = "/v1/playlists/";
  std::string rest = path.substr(prefix.size());
  auto slash = rest.find('/');
  if (slash == std::string::npos) return {rest, ""};
  return {rest.substr(0, slash), rest.substr(slash + 1)};
}

}  // namespace

const std::string &FakeSpotify::trackText(const std::string &id) {
  auto it = trackText_.find(id);
  if (it == trackText_.end()) {
    it = trackText_.emplace(id, trackObject(url(), library_, library_.tracks.at(id)).dump()).first;
  }
  return it->second;
}

const std::string &FakeSpotify::albumText(const std::string &id) {
  auto it = albumText_.find(id);
  if (it == albumText_.end()) {
    it = albumText_.emplace(id, fullAlbum(url(), library_, library_.albums.at(id)).dump()).first;
  }
  return it->second;
}

std::string FakeSpotify::entryText(const FakeEntry &entry, const FieldTree *filter,
                                   const std::string &spec) {
  if (entry.kind != FakeEntry::Kind::Track) {
    Json whole = playlistEntry(url(), library_, entry);
    return (filter != nullptr ? applyFields(whole, *filter) : whole).dump();
  }
  FakeEntry envelope = entry;
  envelope.kind = FakeEntry::Kind::Unavailable;  // rendered with a null item...
  Json json = playlistEntry(url(), library_, envelope);
  std::string text = (filter != nullptr ? applyFields(json, *filter) : json).dump();
  const std::string field = entry.legacyField ? "track" : "item";
  const std::string key = "\"" + field + "\":null";
  auto at = text.find(key);
  if (at == std::string::npos) return text;  // the fields filter left it out
  const FieldTree *sub = nullptr;
  if (filter != nullptr) {
    auto it = filter->children.find(field);
    if (it != filter->children.end()) sub = it->second.get();
  }
  // ...which is then replaced by the cached track, filtered as asked.
  std::string track;
  if (sub == nullptr) {
    track = trackText(entry.trackId);
  } else {
    auto &cached = filteredTrackText_[spec + "\n" + entry.trackId];
    if (cached.empty()) {
      cached =
          applyFields(trackObject(url(), library_, library_.tracks.at(entry.trackId)), *sub).dump();
    }
    track = cached;
  }
  text.replace(at, key.size(), "\"" + field + "\":" + track);
  return text;
}

FakeSpotify::Reply FakeSpotify::api(const test::RecordedRequest &request,
                                    const std::map<std::string, std::string> &q) {
  const std::string base = url();
  const std::string path = request.path();
  auto bad = [](const std::string &message) {
    return Reply{400, errorObject(400, message).dump(), {}};
  };
  auto page = [&](long long maxLimit, long long defaultLimit, long long &limit, long long &offset) {
    limit = intParam(q, "limit", defaultLimit);
    offset = intParam(q, "offset", 0);
    return limit >= 1 && limit <= maxLimit && offset >= 0;
  };
  long long limit = 0, offset = 0;

  if (path == "/v1/me") return {200, userObject(base, library_).dump(), {}};

  if (path == "/v1/me/following") {
    if (q.count("type") == 0 || q.at("type") != "artist") return bad("Only artist is supported");
    limit = intParam(q, "limit", 20);
    if (limit < 1 || limit > 50) return bad("Invalid limit");
    const auto &ids = library_.followed;
    size_t start = 0;
    if (q.count("after")) {
      auto it = std::find(ids.begin(), ids.end(), q.at("after"));
      start = it == ids.end() ? ids.size() : static_cast<size_t>(it - ids.begin()) + 1;
    }
    Json items = Json::array();
    for (size_t i = start; i < ids.size() && items.size() < static_cast<size_t>(limit); ++i) {
      items.push_back(artistObject(base, library_.artists.at(ids[i])));
    }
    const size_t end = start + items.size();
    const bool more = end < ids.size();
    const std::string self = base + "/v1/me/following?type=artist&limit=" + std::to_string(limit);
    Json body = {{"artists",
                  {{"href", self},
                   {"items", items},
                   {"limit", limit},
                   {"next", more ? Json(self + "&after=" + ids[end - 1]) : Json(nullptr)},
                   {"cursors", {{"after", more ? Json(ids[end - 1]) : Json(nullptr)}}},
                   {"total", static_cast<int64_t>(ids.size())}}}};
    return {200, body.dump(), {}};
  }

  if (path == "/v1/me/playlists") {
    if (!page(50, 20, limit, offset)) return bad("Invalid limit or offset");
    Json items = Json::array();
    const auto &all = library_.playlists;
    for (size_t i = static_cast<size_t>(offset);
         i < all.size() && items.size() < static_cast<size_t>(limit); ++i) {
      items.push_back(playlistObject(base, library_, all[i]));
    }
    return {200,
            offsetPage(base, "/v1/me/playlists?", items, offset, limit,
                       static_cast<int64_t>(all.size()))
                .dump(),
            {}};
  }

  if (path.rfind("/v1/playlists/", 0) == 0) {
    auto [id, rest] = playlistPath(path);
    if (rest == "tracks") return {403, errorObject(403, "Forbidden").dump(), {}};  // gone in 2026
    if (rest != "items") return {404, errorObject(404, "Service not found").dump(), {}};
    const FakePlaylist *p = library_.playlist(id);
    if (p == nullptr) return {404, errorObject(404, "Resource not found").dump(), {}};
    if (!p->readable) return {403, errorObject(403, "Forbidden").dump(), {}};
    if (!page(50, 20, limit, offset)) return bad("Invalid limit or offset");
    // `fields` trims the answer as Spotify does; only the playlist endpoints take it.
    std::optional<FieldTree> fields;
    const FieldTree *itemsFilter = nullptr;
    const std::string spec = q.count("fields") ? q.at("fields") : "";
    if (!spec.empty()) {
      fields = parseFields(spec);
      if (!fields) return bad("Invalid fields");
      auto it = fields->children.find("items");
      if (it != fields->children.end()) itemsFilter = it->second.get();
    }
    std::vector<std::string> items;
    for (size_t i = static_cast<size_t>(offset);
         i < p->entries.size() && items.size() < static_cast<size_t>(limit); ++i) {
      items.push_back(entryText(p->entries[i], itemsFilter, spec));
    }
    return {200,
            offsetPageText(base, "/v1/playlists/" + id + "/items?", items, offset, limit,
                           static_cast<int64_t>(p->entries.size()), fields ? &*fields : nullptr),
            {}};
  }

  if (path == "/v1/me/tracks" || path == "/v1/me/albums") {
    if (!page(50, 20, limit, offset)) return bad("Invalid limit or offset");
    const bool tracks = path == "/v1/me/tracks";
    const auto &saved = tracks ? library_.liked : library_.savedAlbums;
    std::vector<std::string> items;
    for (size_t i = static_cast<size_t>(offset);
         i < saved.size() && items.size() < static_cast<size_t>(limit); ++i) {
      const std::string &object = tracks ? trackText(saved[i].id) : albumText(saved[i].id);
      items.push_back("{\"added_at\":" + Json(saved[i].addedAt).dump() + ",\"" +
                      (tracks ? "track" : "album") + "\":" + object + "}");
    }
    return {
        200,
        offsetPageText(base, path + "?", items, offset, limit, static_cast<int64_t>(saved.size())),
        {}};
  }

  if (path.rfind("/v1/artists/", 0) == 0 && path.size() > 19 &&
      path.substr(path.size() - 7) == "/albums") {
    const std::string id = path.substr(12, path.size() - 12 - 7);
    auto artist = library_.artists.find(id);
    if (artist == library_.artists.end())
      return {404, errorObject(404, "Resource not found").dump(), {}};
    limit = intParam(q, "limit", 5);
    offset = intParam(q, "offset", 0);
    if (limit < 0 || limit > 10 || offset < 0) return bad("Invalid limit");  // 10 since Feb 2026
    std::string groups =
        q.count("include_groups") ? q.at("include_groups") : "album,single,compilation,appears_on";
    std::vector<const FakeAlbum *> albums;
    for (const auto &albumId : artist->second.discography) {
      const auto &album = library_.albums.at(albumId);
      if (groups.find(album.albumType) != std::string::npos) albums.push_back(&album);
    }
    Json items = Json::array();
    for (size_t i = static_cast<size_t>(offset);
         i < albums.size() && items.size() < static_cast<size_t>(limit); ++i) {
      Json object = simplifiedAlbum(base, library_, *albums[i]);
      object["album_group"] = albums[i]->albumType;
      items.push_back(std::move(object));
    }
    return {200,
            offsetPage(base, "/v1/artists/" + id + "/albums?include_groups=" + groups + "&", items,
                       offset, limit, static_cast<int64_t>(albums.size()))
                .dump(),
            {}};
  }

  if (path == "/v1/me/player/recently-played") return recentlyPlayed(q);
  return {404, errorObject(404, "Service not found").dump(), {}};
}

FakeSpotify::Reply FakeSpotify::recentlyPlayed(const std::map<std::string, std::string> &q) {
  const std::string base = url();
  long long limit = intParam(q, "limit", 20);
  if (limit < 1 || limit > 50) return {400, errorObject(400, "Invalid limit").dump(), {}};
  if (q.count("after") && q.count("before")) {
    return {400, errorObject(400, "Only one of after and before").dump(), {}};
  }
  long long after = intParam(q, "after", -1), before = intParam(q, "before", -1);
  // Spotify remembers only the most recent plays.
  std::vector<Played> kept(
      library_.played.begin(),
      library_.played.begin() + std::min(library_.played.size(), options_.recentlyPlayedRetention));
  std::vector<const Played *> matching;
  for (const auto &p : kept) {
    if (after >= 0 && p.playedAtMs <= after) continue;
    if (before >= 0 && p.playedAtMs >= before) continue;
    matching.push_back(&p);
  }
  Json items = Json::array();
  for (size_t i = 0; i < matching.size() && items.size() < static_cast<size_t>(limit); ++i) {
    int64_t ms = matching[i]->playedAtMs;
    time_t seconds = static_cast<time_t>(ms / 1000);
    struct tm tm {};
    gmtime_r(&seconds, &tm);
    char date[32];
    std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &tm);
    char millis[8];
    std::snprintf(millis, sizeof millis, ".%03dZ", static_cast<int>(ms % 1000));
    const std::string when = std::string(date) + millis;
    items.push_back(
        {{"track", trackObject(base, library_, library_.tracks.at(matching[i]->trackId))},
         {"played_at", when},
         {"context", nullptr}});
  }
  const std::string self = base + "/v1/me/player/recently-played?limit=" + std::to_string(limit);
  const bool more = matching.size() > items.size();
  Json cursors = nullptr;
  if (!items.empty()) {
    size_t last = items.size() - 1;
    cursors = {{"after", std::to_string(matching[0]->playedAtMs)},
               {"before", std::to_string(matching[last]->playedAtMs)}};
  }
  Json body = {
      {"href", self},
      {"items", items},
      {"limit", limit},
      {"next",
       more ? Json(self + "&before=" + std::to_string(matching[items.size() - 1]->playedAtMs))
            : Json(nullptr)},
      {"cursors", cursors}};
  return {200, body.dump(), {}};
}

FakeSpotify::Reply FakeSpotify::apiWrite(const test::RecordedRequest &request) {
  const std::string base = url();
  const std::string path = request.path();
  auto body = Json::parse(request.body, nullptr, false);
  auto bad = [](const std::string &message) {
    return Reply{400, errorObject(400, message).dump(), {}};
  };

  if (request.method == "POST" && path == "/v1/me/playlists") {
    if (!body.is_object() || !body.contains("name") || !body["name"].is_string())
      return bad("Missing name");
    FakePlaylist p;
    p.id =
        FakeLibrary::makeId('Q', static_cast<int64_t>(library_.playlists.size()) + 1 + ++issued_);
    p.name = body["name"].get<std::string>();
    p.description = body.value("description", "");
    p.isPublic = body.value("public", true);
    p.collaborative = body.value("collaborative", false);
    p.ownerId = library_.userId;
    p.ownerName = library_.userName;
    library_.playlists.insert(library_.playlists.begin(), p);  // newest first in /me/playlists
    Json created = playlistObject(base, library_, p);
    created["followers"] = {{"href", nullptr}, {"total", 0}};
    created["tracks"] =
        offsetPage(base, "/v1/playlists/" + p.id + "/tracks?", Json::array(), 0, 100, 0);
    return {201, created.dump(), {}};
  }
  if (path.rfind("/v1/playlists/", 0) == 0 &&
      (request.method == "PUT" || request.method == "POST")) {
    auto [id, rest] = playlistPath(path);
    if (rest == "tracks") return {403, errorObject(403, "Forbidden").dump(), {}};
    if (rest != "items") return {404, errorObject(404, "Service not found").dump(), {}};
    FakePlaylist *p = library_.playlist(id);
    if (p == nullptr) return {404, errorObject(404, "Resource not found").dump(), {}};
    if (p->ownerId != library_.userId) {
      return {
          403, errorObject(403, "You cannot add tracks to a playlist you don't own.").dump(), {}};
    }
    if (!body.is_object() || !body.contains("uris") || !body["uris"].is_array())
      return bad("Missing uris");
    if (body["uris"].size() > 100) return bad("Too many ids requested");
    std::vector<FakeEntry> added;
    for (const auto &uri : body["uris"]) {
      std::string text = uri.is_string() ? uri.get<std::string>() : "";
      if (text.rfind("spotify:track:", 0) != 0 || library_.tracks.count(text.substr(14)) == 0) {
        return bad("Invalid track uri: " + text);
      }
      FakeEntry e;
      e.trackId = text.substr(14);
      e.addedAt = "2026-01-01T00:00:00Z";
      added.push_back(e);
    }
    if (request.method == "PUT") p->entries.clear();
    p->entries.insert(p->entries.end(), added.begin(), added.end());
    ++p->version;
    return {request.method == "PUT" ? 200 : 201, Json{{"snapshot_id", p->snapshotId()}}.dump(), {}};
  }
  return {405, errorObject(405, "Method not allowed").dump(), {}};
}

}  // namespace encore::fake
