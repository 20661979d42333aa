// The playlist_push sink: writes a playlist the host computed (a smart playlist) into the
// user's account. It only ever writes to the playlist it created itself: the one named by
// the document's external_id, or one it created for the same key and remembered. Contents
// are replaced with PUT /playlists/{id}/items (first 100) and appended with POST (the
// rest, 100 at a time); a playlist that no longer exists is created anew.
#include <cstring>
#include <vector>

#include "encore/text.hpp"
#include "paging.h"
#include "plugin_state.h"
#include "records.h"

namespace spotify {
namespace {

constexpr size_t kBatch = 100;         // Spotify's limit per items request
constexpr size_t kMaxTracks = 10'000;  // Spotify's limit per playlist

struct PushRequest {
  std::string key;
  std::string name;
  std::string description;
  std::vector<std::string> uris;
  std::optional<std::string> externalId;
};

bool isPlayableUri(const std::string &uri) {
  for (const char *prefix : {"spotify:track:", "spotify:episode:"}) {
    size_t n = std::strlen(prefix);
    if (uri.rfind(prefix, 0) == 0 && isSpotifyId(uri.substr(n))) return true;
  }
  return false;
}

PushRequest readRequest(std::string_view text) {
  auto doc = Json::parse(text, nullptr, false);
  if (!doc.is_object() || optString(doc, "type").value_or("") != "playlist_push") {
    throw encore::Error(ENCORE_E_INVALID_ARGUMENT, "the document is not a playlist_push");
  }
  PushRequest r;
  r.key = optString(doc, "key").value_or("");
  r.name = encore::truncateUtf8(optString(doc, "name").value_or(""), 100);
  r.description = encore::truncateUtf8(optString(doc, "description").value_or(""), 300);
  if (r.key.empty() || r.key.size() > 64 || r.name.empty()) {
    throw encore::Error(ENCORE_E_INVALID_ARGUMENT,
                        "playlist_push needs a key (1-64 bytes) and a name");
  }
  const Json &uris = requireArray(doc, "track_uris");
  if (uris.size() > kMaxTracks)
    throw encore::Error(ENCORE_E_INVALID_ARGUMENT, "more than 10,000 tracks");
  for (const auto &uri : uris) {
    if (!uri.is_string() || !isPlayableUri(uri.get<std::string>())) {
      throw encore::Error(ENCORE_E_INVALID_ARGUMENT,
                          "track_uris holds something that is not a track URI");
    }
    r.uris.push_back(uri.get<std::string>());
  }
  if (auto id = optString(doc, "external_id"); id && !id->empty()) {
    if (!isSpotifyId(*id))
      throw encore::Error(ENCORE_E_INVALID_ARGUMENT, "external_id is not a Spotify id");
    r.externalId = *id;
  }
  return r;
}

Json batch(const std::vector<std::string> &uris, size_t from) {
  Json list = Json::array();
  for (size_t i = from; i < uris.size() && i < from + kBatch; ++i) list.push_back(uris[i]);
  return {{"uris", list}};
}

/// Replaces the contents; false when the playlist is gone (404) or not ours to write (403).
bool replaceContents(Api &api, const std::string &id, const std::vector<std::string> &uris) {
  auto reply = api.send("PUT", "/playlists/" + id + "/items", batch(uris, 0), {403, 404});
  if (reply.status == 403 || reply.status == 404) return false;
  for (size_t from = kBatch; from < uris.size(); from += kBatch) {
    api.send("POST", "/playlists/" + id + "/items", batch(uris, from));
  }
  return true;
}

/// Keeps the id of the playlist this sink wrote for `key`, in the plugin's store.
void remember(const encore::Host &host, encore_run *run, const std::string &key,
              const std::string &id) {
  encore::RecordsWriter doc;
  doc.checkpoint(key, id);
  host.submit(run, doc.finish());
}

}  // namespace

void pushPlaylist(PluginState &state, encore_run *run) {
  const encore::Host &host = state.host;
  Api api = state.api(run);
  PushRequest request = readRequest(host.sinkDocument(run));
  const std::string rememberKey = "push." + request.key;

  std::optional<std::string> id = request.externalId;
  if (!id) {
    // A push that created the playlist but failed before reporting it left its id here.
    id = host.kvGet(rememberKey);
    if (id && !isSpotifyId(*id)) id.reset();
  }
  bool written = id && replaceContents(api, *id, request.uris);
  std::string url;
  if (!written) {
    if (id) host.log(ENCORE_LOG_INFO, "playlist " + *id + " is gone; creating a new one");
    auto created = api.send("POST", "/me/playlists",
                            {{"name", request.name},
                             {"description", request.description},
                             {"public", false},
                             {"collaborative", false}});
    auto newId = optString(created.body, "id");
    if (!newId || !isSpotifyId(*newId)) throw FormatError("the created playlist has no id");
    id = *newId;
    if (const Json *urls = optObject(created.body, "external_urls"))
      url = optString(*urls, "spotify").value_or("");
    // Remember it before filling it, so a failure below cannot lead to a second copy.
    remember(host, run, rememberKey, *id);
    if (!replaceContents(api, *id, request.uris)) {
      throw encore::Error(ENCORE_E_FAILED, "the playlist just created cannot be written");
    }
  }
  if (url.empty()) url = "https://open.spotify.com/playlist/" + *id;
  remember(host, run, rememberKey, *id);
  Json result = {{"external_id", *id}, {"url", url}, {"tracks", request.uris.size()}};
  host.setSinkResult(run, result.dump());
}

}  // namespace spotify
