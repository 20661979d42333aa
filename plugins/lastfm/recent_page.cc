#include "recent_page.h"

#include <algorithm>
#include <cstdlib>

namespace lastfm {
namespace {

/// "#text" (plain) or "name" (extended=1) of an artist/album object, or a bare string.
std::string textOf(const nlohmann::json &value) {
  if (value.is_string()) return value.get<std::string>();
  if (!value.is_object()) return {};
  for (const char *key : {"#text", "name"}) {
    auto it = value.find(key);
    if (it != value.end() && it->is_string() && !it->get_ref<const std::string &>().empty()) {
      return it->get<std::string>();
    }
  }
  return {};
}

}  // namespace

std::optional<int64_t> lastfmNumber(const nlohmann::json &value) {
  if (value.is_number_integer()) return value.get<int64_t>();
  if (!value.is_string()) return std::nullopt;
  const auto &s = value.get_ref<const std::string &>();
  if (s.empty() || s.size() > 18) return std::nullopt;
  char *end = nullptr;
  long long n = std::strtoll(s.c_str(), &end, 10);
  if (*end != '\0' || n < 0) return std::nullopt;
  return n;
}

uint64_t Scrobble::identity() const {
  // FNV-1a over the stamp and the names, each name ended by a byte no text holds.
  uint64_t h = 14695981039346656037ULL;
  auto mix = [&h](const void *data, size_t size) {
    for (size_t i = 0; i < size; ++i) {
      h ^= static_cast<const unsigned char *>(data)[i];
      h *= 1099511628211ULL;
    }
  };
  mix(&uts, sizeof uts);
  for (const std::string *s : {&artist, &track, &album}) mix(s->c_str(), s->size() + 1);
  return h;
}

std::string RecentPage::signature() const {
  uint64_t h = 0;
  for (const auto &s : scrobbles) h = h * 31 + s.identity();
  return std::to_string(scrobbles.size()) + ":" + std::to_string(h);
}

std::optional<RecentPage> parseRecentPage(const nlohmann::json &body, std::string &error) {
  auto root = body.find("recenttracks");
  if (root == body.end() || !root->is_object()) {
    error = "no \"recenttracks\" object";
    return std::nullopt;
  }
  RecentPage page;
  auto attr = root->find("@attr");
  if (attr == root->end() || !attr->is_object()) {
    error = "no \"@attr\" with the paging";
    return std::nullopt;
  }
  auto number = [&](const char *key) -> std::optional<int64_t> {
    auto it = attr->find(key);
    return it == attr->end() ? std::nullopt : lastfmNumber(*it);
  };
  auto p = number("page"), tp = number("totalPages"), t = number("total");
  if (!p || !tp || !t) {
    error = "\"@attr\" lacks page, totalPages or total as numbers";
    return std::nullopt;
  }
  page.page = *p;
  page.totalPages = *tp;
  page.total = *t;
  if (auto u = attr->find("user"); u != attr->end() && u->is_string())
    page.user = u->get<std::string>();

  nlohmann::json tracks = nlohmann::json::array();
  if (auto it = root->find("track"); it != root->end()) {
    if (it->is_array()) {
      tracks = *it;
    } else if (it->is_object()) {
      tracks.push_back(*it);  // one track: the XML-to-JSON conversion drops the array
    } else {
      error = "\"track\" is neither a list nor an object";
      return std::nullopt;
    }
  }
  for (const auto &track : tracks) {
    if (!track.is_object()) {
      error = "a track entry is not an object";
      return std::nullopt;
    }
    auto date = track.find("date");
    auto attrs = track.find("@attr");
    bool playing =
        attrs != track.end() && attrs->is_object() && attrs->value("nowplaying", "") == "true";
    if (playing || date == track.end() || date->is_null()) {
      ++page.nowPlaying;
      continue;
    }
    std::optional<int64_t> uts =
        date->is_object() && date->contains("uts") ? lastfmNumber((*date)["uts"]) : std::nullopt;
    if (!uts) {
      error = "a track's date has no uts";
      return std::nullopt;
    }
    Scrobble s;
    s.uts = *uts;
    s.artist = track.contains("artist") ? textOf(track["artist"]) : "";
    s.track = track.contains("name") ? textOf(track["name"]) : "";
    s.album = track.contains("album") ? textOf(track["album"]) : "";
    page.scrobbles.push_back(std::move(s));
  }
  return page;
}

}  // namespace lastfm
