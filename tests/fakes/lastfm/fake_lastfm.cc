#include "fakes/lastfm/fake_lastfm.h"

#include <Poco/URI.h>

#include <algorithm>
#include <ctime>

#include <nlohmann/json.hpp>

namespace encore::test {
namespace {

std::map<std::string, std::string> queryOf(const std::string &uri) {
  std::map<std::string, std::string> out;
  for (const auto &[k, v] : Poco::URI(uri).getQueryParameters()) out[k] = v;
  return out;
}

nlohmann::json image(const std::string &size) {
  return {
      {"size", size},
      {"#text", "https://lastfm.freetls.fastly.net/i/u/34s/2a96cbd8b46e442fc41c2b86b821562f.png"}};
}

nlohmann::json trackJson(const FakeLastfm::Scrobble &s, bool nowPlaying) {
  nlohmann::json t = {
      {"artist", {{"mbid", ""}, {"#text", s.artist}}},
      {"streamable", "0"},
      {"image", {image("small"), image("medium"), image("large"), image("extralarge")}},
      {"mbid", ""},
      {"album", {{"mbid", ""}, {"#text", s.album}}},
      {"name", s.track},
      {"url", "https://www.last.fm/music/x/_/y"}};
  if (nowPlaying) {
    t["@attr"] = {{"nowplaying", "true"}};
  } else {
    t["date"] = {{"uts", std::to_string(s.uts)}, {"#text", "13 May 2018, 17:57"}};
  }
  return t;
}

}  // namespace

FakeLastfm::Scrobble FakeLastfm::scrobbleAt(const Options &o, int i) {
  // A realistic spread: 300 artists, 12 albums each, tracks repeating across the history.
  int track = (i * 7919) % 6000;
  int artist = track % 300;
  return {o.firstUts + static_cast<int64_t>(i / std::max(o.perSecond, 1)) * o.spacingSeconds,
          "Artist " + std::to_string(artist), "Song " + std::to_string(track),
          "Album " + std::to_string(artist) + "-" + std::to_string(track % 12)};
}

FakeLastfm::FakeLastfm(Options options) : options_(std::move(options)) {
  for (int i = 0; i < options_.scrobbles; ++i) scrobbles_.push_back(scrobbleAt(options_, i));
  server_ = std::make_unique<FakeServer>(
      [this](const RecordedRequest &r, Poco::Net::HTTPServerResponse &res) { handle(r, res); });
}

void FakeLastfm::failNext(int count, int error, int httpStatus) {
  std::lock_guard<std::mutex> lock(mutex_);
  failCount_ = count;
  failError_ = error;
  failStatus_ = httpStatus;
}

void FakeLastfm::failAlways(int error, int httpStatus) {
  std::lock_guard<std::mutex> lock(mutex_);
  alwaysError_ = error;
  alwaysStatus_ = httpStatus;
}

void FakeLastfm::repeatPageOnce() {
  std::lock_guard<std::mutex> lock(mutex_);
  repeatOnce_ = true;
}

void FakeLastfm::addScrobbles(int count) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Scrobbled just now, as listening that goes on while a sync runs.
  const int64_t now = static_cast<int64_t>(std::time(nullptr)) - 1;
  for (int i = 0; i < count; ++i) {
    Scrobble s = scrobbleAt(options_, static_cast<int>(scrobbles_.size()));
    s.uts = now;
    scrobbles_.push_back(s);
  }
}

void FakeLastfm::insertLocked(const Scrobble &s) {
  auto at = std::upper_bound(scrobbles_.begin(), scrobbles_.end(), s.uts,
                             [](int64_t uts, const Scrobble &x) { return uts < x.uts; });
  scrobbles_.insert(at, s);
}

void FakeLastfm::addScrobbles(const std::vector<Scrobble> &scrobbles) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto &s : scrobbles) insertLocked(s);
}

void FakeLastfm::onRecentTracks(LateScrobbles hook) {
  std::lock_guard<std::mutex> lock(mutex_);
  lateHook_ = std::move(hook);
}

void FakeLastfm::addUser(const std::string &name, std::vector<Scrobble> scrobbles) {
  std::lock_guard<std::mutex> lock(mutex_);
  otherUsers_[name] = std::move(scrobbles);
}

std::vector<FakeLastfm::Scrobble> FakeLastfm::scrobbles() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return scrobbles_;
}

size_t FakeLastfm::recentRequests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return recentRequests_;
}

std::string FakeLastfm::recentTracks(const std::map<std::string, std::string> &q, int &status) {
  auto get = [&](const char *k) {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second;
  };
  ++recentRequests_;
  auto error = [&](int code, int httpStatus, const std::string &message) {
    status = httpStatus;
    return nlohmann::json{{"error", code}, {"message", message}}.dump();
  };
  if (get("api_key") != options_.apiKey)
    return error(10, 403, "Invalid API key - You must be granted a valid key by last.fm");
  if (alwaysError_ != 0)
    return error(alwaysError_, alwaysStatus_,
                 alwaysError_ == 17 ? "Login: User required to be logged in" : "User not found");
  if (failCount_ > 0) {
    --failCount_;
    return error(
        failError_, failStatus_,
        failError_ == 29
            ? "Rate Limit Exceeded - This application has made too many requests in a short period."
            : "Operation failed - Most likely the backend service failed. Please try again.");
  }
  const std::string user = get("user");
  auto other = otherUsers_.find(user);
  if (user != options_.user && other == otherUsers_.end()) return error(6, 404, "User not found");
  const std::vector<Scrobble> &history = other != otherUsers_.end() ? other->second : scrobbles_;
  int limit = get("limit").empty() ? 50 : std::stoi(get("limit"));
  if (limit < 1 || limit > 1000) return error(6, 400, "limit param out of bounds (1-1000)");
  int page = get("page").empty() ? 1 : std::stoi(get("page"));
  int64_t from = get("from").empty() ? INT64_MIN : std::stoll(get("from"));
  int64_t to = get("to").empty() ? INT64_MAX : std::stoll(get("to"));
  if (lateHook_ && &history == &scrobbles_) {
    RecentQuery query;
    if (from != INT64_MIN) query.from = from;
    if (to != INT64_MAX) query.to = to;
    query.page = page;
    if (auto it = walked_.find(to); it != walked_.end()) query.frontier = it->second.newest;
    for (const auto &s : lateHook_(query)) insertLocked(s);
  }
  std::vector<const Scrobble *> window;  // newest first
  for (auto it = history.rbegin(); it != history.rend(); ++it) {
    if (it->uts >= from && it->uts < to) window.push_back(&*it);
  }
  const int64_t total = static_cast<int64_t>(window.size());
  const int64_t totalPages = (total + limit - 1) / limit;
  nlohmann::json tracks = nlohmann::json::array();
  if (options_.nowPlaying && page == 1)
    tracks.push_back(trackJson(scrobbleAt(options_, 4242), true));
  for (int64_t i = static_cast<int64_t>(page - 1) * limit;
       i < std::min<int64_t>(total, page * int64_t{limit}); ++i) {
    tracks.push_back(trackJson(*window[static_cast<size_t>(i)], false));
  }
  Walked &walked = walked_[to];
  if (page == 1 && totalPages > 1 && !walked.counted) {
    walked.counted = true;
  } else if (page <= totalPages && total > 0) {
    const int64_t newest = window[static_cast<size_t>((page - 1) * limit)]->uts;
    walked.newest = std::max(walked.newest.value_or(newest), newest);
  }
  nlohmann::json body = {{"recenttracks",
                          {{"track", tracks},
                           {"@attr",
                            {{"user", user},
                             {"page", std::to_string(page)},
                             {"perPage", std::to_string(limit)},
                             {"totalPages", std::to_string(totalPages)},
                             {"total", std::to_string(total)}}}}}};
  std::string text = body.dump();
  if (repeatOnce_ && !lastPage_.empty()) {
    repeatOnce_ = false;
    return lastPage_;  // Last.fm's occasional glitch: the previous page again
  }
  lastPage_ = text;
  return text;
}

void FakeLastfm::handle(const RecordedRequest &request, Poco::Net::HTTPServerResponse &response) {
  auto q = queryOf(request.uri);
  const std::string method = q.count("method") ? q["method"] : "";
  int status = 200;
  std::string body;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (request.path() != "/2.0/") {
      status = 404;
      body =
          "{\"error\":3,\"message\":\"Invalid Method - No method with that name in this package\"}";
    } else if (method == "user.getrecenttracks") {
      body = recentTracks(q, status);
    } else if (method == "auth.gettoken") {
      body = "{\"token\":\"cf45fe5a3e3cebe168480a086d7fe481\"}";
    } else if (method == "auth.getsession") {
      body = "{\"session\":{\"name\":\"" + options_.user +
             "\",\"key\":\"d580d57f32848f5dcf574d1ce18d78b2\",\"subscriber\":0}}";
    } else {
      status = 400;
      body =
          "{\"error\":3,\"message\":\"Invalid Method - No method with that name in this package\"}";
    }
  }
  FakeServer::reply(response, status, "application/json", body);
}

}  // namespace encore::test
