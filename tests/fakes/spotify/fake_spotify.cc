// The fake's plumbing: request handling with faults and delays, the request log, the
// authorize redirect and the token endpoint. The Web API endpoints are in
// fake_spotify_api.cc.
#include "fake_spotify.h"

#include <Poco/String.h>
#include <Poco/URI.h>

#include <chrono>
#include <thread>

#include "fake_http.h"
#include "spotify_objects.h"

namespace encore::fake {
namespace {

std::string oauthError(const std::string &error, const std::string &description) {
  return Json{{"error", error}, {"error_description", description}}.dump();
}

}  // namespace

FakeSpotify::FakeSpotify(FakeLibrary library) : FakeSpotify(std::move(library), Options{}) {}

FakeSpotify::FakeSpotify(FakeLibrary library, Options options)
    : library_(std::move(library)),
      options_(std::move(options)),
      server_([this](const test::RecordedRequest &request,
                     Poco::Net::HTTPServerResponse &response) { handle(request, response); }) {}

int64_t FakeSpotify::now() const {
  if (options_.clock) return options_.clock();
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void FakeSpotify::addFault(Fault fault) {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.push_back(std::move(fault));
}

void FakeSpotify::clearFaults() {
  std::lock_guard<std::mutex> lock(mutex_);
  faults_.clear();
}

void FakeSpotify::setResponseDelay(int ms) {
  std::lock_guard<std::mutex> lock(mutex_);
  options_.responseDelayMs = ms;
}

void FakeSpotify::denyNextAuthorization() {
  std::lock_guard<std::mutex> lock(mutex_);
  denyNext_ = true;
}

void FakeSpotify::revokeRefreshTokens() {
  std::lock_guard<std::mutex> lock(mutex_);
  refreshRevoked_ = true;
}

void FakeSpotify::expireAccessTokens() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto &[token, expiry] : accessTokens_) expiry = 0;
}

std::vector<LoggedRequest> FakeSpotify::log() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return log_;
}

std::vector<RetryWindow> FakeSpotify::retryWindows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return windows_;
}

std::vector<LoggedRequest> FakeSpotify::requestsInsideRetryWindows() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::vector<LoggedRequest> inside;
  for (size_t i = 0; i < log_.size(); ++i) {
    // Image URLs stand for Spotify's CDN (i.scdn.co), another host than the API's: its
    // Retry-After does not hold them, and a download in flight when it came may land here.
    if (log_[i].target.rfind("/image/", 0) == 0) continue;
    for (const auto &w : windows_) {
      if (i > w.logIndex && log_[i].atMs < w.untilMs) {
        inside.push_back(log_[i]);
        break;
      }
    }
  }
  return inside;
}

size_t FakeSpotify::countRequests(const std::string &method, const std::string &pathPrefix) const {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t n = 0;
  for (const auto &r : log_) {
    if ((method.empty() || r.method == method) && r.target.rfind(pathPrefix, 0) == 0) ++n;
  }
  return n;
}

int FakeSpotify::rateLimitedCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return rateLimited_;
}

int FakeSpotify::refreshCount() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return refreshes_;
}

void FakeSpotify::clearLog() {
  std::lock_guard<std::mutex> lock(mutex_);
  log_.clear();
  windows_.clear();
}

std::optional<Fault> FakeSpotify::takeFault(const std::string &path) {
  for (auto it = faults_.begin(); it != faults_.end(); ++it) {
    if (path.rfind(it->pathPrefix, 0) != 0) continue;
    if (it->skip > 0) {
      --it->skip;
      continue;
    }
    Fault hit = *it;
    if (it->count > 0 && --it->count == 0) faults_.erase(it);
    return hit;
  }
  return std::nullopt;
}

void FakeSpotify::handle(const test::RecordedRequest &request,
                         Poco::Net::HTTPServerResponse &response) {
  const std::string path = request.path();
  std::optional<Fault> fault;
  int delay = 0;
  size_t logIndex = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    log_.push_back({now(), request.method, request.uri, 0});
    logIndex = log_.size() - 1;
    fault = takeFault(path);
    if (path.rfind("/v1/", 0) == 0) delay = options_.responseDelayMs;
    if (fault && fault->kind == Fault::Kind::Slow) delay += fault->delayMs;
  }
  if (delay > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delay));

  Reply reply;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t at = now();
    if (path.rfind("/v1/", 0) == 0 && options_.rollingLimit > 0) {
      while (!apiTimes_.empty() && apiTimes_.front() <= at - options_.rollingWindowMs) {
        apiTimes_.erase(apiTimes_.begin());
      }
      if (static_cast<int>(apiTimes_.size()) >= options_.rollingLimit) {
        fault =
            Fault{Fault::Kind::RateLimit, "", 1, 0, options_.rollingRetryAfterSeconds, 0, 429, ""};
      }
      apiTimes_.push_back(at);
    }
    if (fault && fault->kind == Fault::Kind::RateLimit) {
      reply.status = 429;
      reply.headers.emplace_back("Retry-After", std::to_string(fault->retryAfterSeconds));
      reply.body = errorObject(429, "API rate limit exceeded").dump();
      windows_.push_back(
          {log_[logIndex].atMs, log_[logIndex].atMs + fault->retryAfterSeconds * 1000LL, logIndex});
      ++rateLimited_;
    } else if (fault && fault->kind == Fault::Kind::ServerError) {
      reply.status = 500;
      reply.body = errorObject(500, "Server error").dump();
    } else if (fault && fault->kind == Fault::Kind::Status) {
      reply.status = fault->status;
      reply.body = errorObject(fault->status, "Injected error").dump();
    } else if (fault && fault->kind == Fault::Kind::Body) {
      reply.status = 200;
      reply.body = fault->body;
    } else if (fault && fault->kind == Fault::Kind::InvalidGrant) {
      reply.status = 400;
      reply.body = oauthError("invalid_grant", "Refresh token revoked");
    } else if (auto replayed = replay(request, fault.has_value())) {
      reply = std::move(*replayed);
    } else {
      reply = route(request);
      if (fault && fault->kind == Fault::Kind::TruncatedJson)
        reply.body.resize(reply.body.size() / 2);
      if (!fault && options_.replayAnswers && request.method == "GET" && reply.status == 200 &&
          path.rfind("/v1/", 0) == 0) {
        replies_[request.uri] = reply.body;
      }
    }
    log_[logIndex].status = reply.status;
  }
  std::string type = reply.status == 302 ? "text/plain" : "application/json; charset=utf-8";
  for (const auto &[name, value] : reply.headers) {
    if (Poco::icompare(name, "Content-Type") == 0) {
      type = value;
    } else {
      response.set(name, value);
    }
  }
  test::FakeServer::reply(response, reply.status, type, reply.body);
}

std::optional<FakeSpotify::Reply> FakeSpotify::replay(const test::RecordedRequest &request,
                                                      bool faulted) {
  if (!options_.replayAnswers || faulted) return std::nullopt;
  if (request.method != "GET") {
    replies_.clear();  // a write may change what any answer says
    return std::nullopt;
  }
  auto it = replies_.find(request.uri);
  if (it == replies_.end() || authorizeBearer(request)) return std::nullopt;
  return Reply{200, it->second, {}};
}

FakeSpotify::Reply FakeSpotify::route(const test::RecordedRequest &request) {
  const std::string path = request.path();
  if (request.method == "GET" && path == "/authorize") return authorize(parseQuery(request.uri));
  if (request.method == "POST" && path == "/api/token") return token(request);
  if (request.method == "GET" && path.rfind("/image/", 0) == 0 && !options_.imageJpeg.empty()) {
    return {200, options_.imageJpeg, {{"Content-Type", "image/jpeg"}}};
  }
  if (path.rfind("/v1/", 0) == 0) {
    if (auto denied = authorizeBearer(request)) return *denied;
    if (request.method == "GET") return api(request, parseQuery(request.uri));
    return apiWrite(request);
  }
  return {404, errorObject(404, "Service not found").dump(), {}};
}

FakeSpotify::Reply FakeSpotify::authorize(const std::map<std::string, std::string> &q) {
  auto get = [&](const char *k) {
    auto it = q.find(k);
    return it == q.end() ? std::string() : it->second;
  };
  const std::string redirect = get("redirect_uri");
  if (get("client_id") != options_.clientId || get("response_type") != "code" || redirect.empty()) {
    return {
        400, oauthError("invalid_request", "Invalid client, response type or redirect URI"), {}};
  }
  std::string location = redirect + (redirect.find('?') == std::string::npos ? "?" : "&");
  std::string encodedState;
  Poco::URI::encode(get("state"), "&=+?#/:", encodedState);
  if (denyNext_) {
    denyNext_ = false;
    location += "error=access_denied&state=" + encodedState;
  } else {
    if (get("code_challenge_method") != "" && get("code_challenge_method") != "S256") {
      return {400, oauthError("invalid_request", "code_challenge_method must be S256"), {}};
    }
    std::string code = "code-" + std::to_string(++issued_) + "-" + std::to_string(now());
    codes_[code] = {redirect, get("code_challenge"), false};
    location += "code=" + code + "&state=" + encodedState;
  }
  return {302, "", {{"Location", location}}};
}

FakeSpotify::Reply FakeSpotify::issueTokens(bool withRefresh, const std::string &refreshToken) {
  std::string access = "at-" + std::to_string(++issued_) + "-" + std::to_string(now());
  accessTokens_[access] = now() + options_.accessTokenSeconds * 1000;
  Json reply = {{"access_token", access},
                {"token_type", "Bearer"},
                {"scope", "user-follow-read user-library-read playlist-read-private"},
                {"expires_in", options_.accessTokenSeconds}};
  if (withRefresh) {
    std::string refresh = refreshToken.empty() ? "rt-" + std::to_string(++issued_) : refreshToken;
    refreshTokens_.insert(refresh);
    reply["refresh_token"] = refresh;
  }
  return {200, reply.dump(), {}};
}

FakeSpotify::Reply FakeSpotify::token(const test::RecordedRequest &request) {
  auto form = parseForm(request.body);
  std::string clientId = form["client_id"];
  const std::string basic = request.header("Authorization");
  bool secretOk = false;
  if (basic.rfind("Basic ", 0) == 0) {
    std::string pair = base64Decode(basic.substr(6));
    auto colon = pair.find(':');
    clientId = pair.substr(0, colon);
    secretOk = colon != std::string::npos && pair.substr(colon + 1) == options_.clientSecret;
  }
  if (clientId != options_.clientId || (!basic.empty() && !secretOk)) {
    return {401, oauthError("invalid_client", "Invalid client"), {}};
  }
  const std::string grant = form["grant_type"];
  if (grant == "authorization_code") {
    auto it = codes_.find(form["code"]);
    if (it == codes_.end() || it->second.used) {
      return {400, oauthError("invalid_grant", "Invalid authorization code"), {}};
    }
    it->second.used = true;
    if (it->second.redirectUri != form["redirect_uri"]) {
      return {400, oauthError("invalid_grant", "Invalid redirect URI"), {}};
    }
    if (!it->second.challenge.empty() && s256(form["code_verifier"]) != it->second.challenge) {
      return {400, oauthError("invalid_grant", "code_verifier was incorrect"), {}};
    }
    if (it->second.challenge.empty() && basic.empty()) {
      return {400, oauthError("invalid_request", "code_verifier required"), {}};
    }
    return issueTokens(true, "");
  }
  if (grant == "refresh_token") {
    ++refreshes_;
    const std::string refresh = form["refresh_token"];
    if (refreshRevoked_ || refreshTokens_.count(refresh) == 0) {
      return {400, oauthError("invalid_grant", "Refresh token revoked"), {}};
    }
    if (options_.rotateRefreshTokens) {
      refreshTokens_.erase(refresh);
      return issueTokens(true, "");
    }
    return issueTokens(false, "");
  }
  return {400,
          oauthError("unsupported_grant_type",
                     "grant_type must be authorization_code or refresh_token"),
          {}};
}

std::optional<FakeSpotify::Reply> FakeSpotify::authorizeBearer(
    const test::RecordedRequest &request) {
  const std::string header = request.header("Authorization");
  if (header.rfind("Bearer ", 0) != 0) {
    return Reply{401, errorObject(401, "No token provided").dump(), {}};
  }
  auto it = accessTokens_.find(header.substr(7));
  if (it == accessTokens_.end())
    return Reply{401, errorObject(401, "Invalid access token").dump(), {}};
  if (it->second <= now())
    return Reply{401, errorObject(401, "The access token expired").dump(), {}};
  return std::nullopt;
}

}  // namespace encore::fake
