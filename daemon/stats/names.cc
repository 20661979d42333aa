#include "daemon/stats/names.h"

#include "daemon/store/database.h"

namespace encore {
namespace {

nlohmann::json textOrNull(const std::optional<std::string> &s) {
  return s ? nlohmann::json(*s) : nlohmann::json(nullptr);
}

}  // namespace

nlohmann::json Names::artist(uint32_t dense) {
  auto it = artists_.find(dense);
  if (it == artists_.end()) it = artists_.emplace(dense, lookupArtist(dense)).first;
  return it->second;
}

nlohmann::json Names::album(uint32_t dense) {
  auto it = albums_.find(dense);
  if (it == albums_.end()) it = albums_.emplace(dense, lookupAlbum(dense)).first;
  return it->second;
}

nlohmann::json Names::track(uint32_t dense) {
  auto it = tracks_.find(dense);
  if (it == tracks_.end()) it = tracks_.emplace(dense, lookupTrack(dense)).first;
  return it->second;
}

std::string Names::artworkUrl(const std::string &kind, const std::string &spotifyId) {
  return "/artwork/spotify/" + kind + "/" + spotifyId + ".webp";
}

nlohmann::json Names::lookupArtist(uint32_t dense) {
  const int64_t id = data_.artistDbId.at(dense);
  auto q = db_.prepare("SELECT name, spotify_id FROM music_artists WHERE id = ?");
  q->bind(id);
  if (!q->step())
    return {{"id", id}, {"name", "(unknown artist)"}, {"spotify_id", nullptr}, {"image", nullptr}};
  auto spotify = q->optText(1);
  return {{"id", id},
          {"name", q->text(0)},
          {"spotify_id", textOrNull(spotify)},
          {"image",
           spotify ? nlohmann::json(artworkUrl("artists", *spotify)) : nlohmann::json(nullptr)}};
}

nlohmann::json Names::lookupAlbum(uint32_t dense) {
  const int64_t id = data_.albumDbId.at(dense);
  auto q = db_.prepare(
      "SELECT al.name, ar.name, al.spotify_id FROM music_albums al"
      " JOIN music_artists ar ON ar.id = al.artist_id WHERE al.id = ?");
  q->bind(id);
  if (!q->step())
    return {{"id", id},
            {"name", "(unknown album)"},
            {"artist", nullptr},
            {"spotify_id", nullptr},
            {"image", nullptr}};
  auto spotify = q->optText(2);
  return {{"id", id},
          {"name", q->text(0)},
          {"artist", q->text(1)},
          {"spotify_id", textOrNull(spotify)},
          {"image",
           spotify ? nlohmann::json(artworkUrl("albums", *spotify)) : nlohmann::json(nullptr)}};
}

nlohmann::json Names::lookupTrack(uint32_t dense) {
  const int64_t id = data_.trackDbId.at(dense);
  // The cover: the history's album when it knows its Spotify id, else the album of the
  // same track in the Spotify library.
  auto q = db_.prepare(
      "SELECT t.name, ar.name, t.artist_id, al.name, t.spotify_uri,"
      " coalesce(al.spotify_id, (SELECT la.external_id FROM tracks lt JOIN albums la ON la.id = "
      "lt.album_id"
      "   WHERE t.spotify_uri IS NOT NULL AND lt.source = 'spotify'"
      "   AND lt.external_id = substr(t.spotify_uri, 15)))"
      " FROM music_tracks t JOIN music_artists ar ON ar.id = t.artist_id"
      " LEFT JOIN music_albums al ON al.id = t.album_id WHERE t.id = ?");
  q->bind(id);
  if (!q->step())
    return {{"id", id},          {"name", "(unknown track)"},
            {"artist", nullptr}, {"artist_id", nullptr},
            {"album", nullptr},  {"spotify_uri", nullptr},
            {"image", nullptr}};
  auto cover = q->optText(5);
  return {
      {"id", id},
      {"name", q->text(0)},
      {"artist", q->text(1)},
      {"artist_id", q->int64(2)},
      {"album", textOrNull(q->optText(3))},
      {"spotify_uri", textOrNull(q->optText(4))},
      {"image", cover ? nlohmann::json(artworkUrl("albums", *cover)) : nlohmann::json(nullptr)}};
}

}  // namespace encore
