// A fake Spotify (Web API and accounts service) on loopback, port 0, speaking the real
// wire formats: the authorize redirect, the token endpoint (authorization code with PKCE,
// refresh, OAuth errors), every endpoint the plugin reads with its real paging, playlist
// writes, and fault injection (429 with Retry-After, 500, slow and truncated answers,
// revoked grants). It logs every request with the time it arrived so tests can check that
// nothing was sent while a Retry-After was running.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "fake_library.h"
#include "fields_filter.h"
#include "support/fake_server.h"

namespace encore::fake {

struct Fault {
  enum class Kind {
    RateLimit,      // 429 with Retry-After: retryAfterSeconds
    ServerError,    // 500 with Spotify's error body
    Slow,           // waits delayMs, then answers normally
    TruncatedJson,  // the normal answer cut in half
    InvalidGrant,   // token endpoint: 400 invalid_grant
    Status,         // `status` with Spotify's error body
    Body,           // 200 with `body` as it is (malformed or wrongly typed answers)
  };
  Kind kind = Kind::ServerError;
  std::string pathPrefix;  // matched against the request path; "" matches everything
  int count = 1;           // matching requests it hits; -1: all of them
  int skip = 0;            // matching requests let through before it starts
  int retryAfterSeconds = 1;
  int delayMs = 0;
  int status = 500;
  std::string body;
};

/// A 429 the fake sent: nothing may arrive after it and before `untilMs`.
struct RetryWindow {
  int64_t fromMs = 0;  // when the 429's request arrived
  int64_t untilMs = 0;
  size_t logIndex = 0;  // that request's place in the log
};

struct LoggedRequest {
  int64_t atMs = 0;  // on the fake's clock
  std::string method;
  std::string target;  // path and query
  int status = 0;
};

class FakeSpotify {
 public:
  struct Options {
    std::string clientId = "encore-test-client";
    std::string clientSecret = "encore-test-secret";
    int64_t accessTokenSeconds = 3600;
    bool rotateRefreshTokens = false;     // refresh replies carry a new refresh_token
    size_t recentlyPlayedRetention = 50;  // Spotify remembers the last 50 plays
    /// Spotify's own limit, emulated: more than `rollingLimit` /v1 requests within
    /// `rollingWindowMs` get 429 with `rollingRetryAfterSeconds`. 0: no limit.
    int rollingLimit = 0;
    int64_t rollingWindowMs = 30'000;
    int rollingRetryAfterSeconds = 5;
    int responseDelayMs = 0;  // every /v1 answer waits this long
    /// A GET /v1 answer of 200 is kept by its request target and sent again, unrendered,
    /// when the same target is asked for again: for benchmarks, where the fake's own JSON
    /// rendering would otherwise be measured with the client. withLibrary() forgets them.
    bool replayAnswers = false;
    /// The image every GET /image/... answers (the stand-in for Spotify's CDN); empty:
    /// those answer 404.
    std::string imageJpeg;
    std::function<int64_t()> clock;  // default: the system clock, in ms
  };

  explicit FakeSpotify(FakeLibrary library);
  FakeSpotify(FakeLibrary library, Options options);

  /// "http://127.0.0.1:<port>": both ENCORE_SPOTIFY_API_URL and ..._ACCOUNTS_URL.
  std::string url() const { return server_.url(); }
  const Options &options() const { return options_; }

  /// Runs `fn(FakeLibrary&)` under the fake's lock (to read or change the library).
  template <typename Fn>
  auto withLibrary(Fn &&fn) {
    std::lock_guard<std::mutex> lock(mutex_);
    trackText_.clear();  // the caller may change anything
    albumText_.clear();
    filteredTrackText_.clear();
    replies_.clear();
    return fn(library_);
  }

  void addFault(Fault fault);
  void clearFaults();
  void setResponseDelay(int ms);
  /// The next authorization is refused by the user: redirect with error=access_denied.
  void denyNextAuthorization();
  /// Every refresh token stops working (as after the 6-month expiry): invalid_grant.
  void revokeRefreshTokens();
  /// Every access token issued so far is treated as expired (401 from the API).
  void expireAccessTokens();

  std::vector<LoggedRequest> log() const;
  std::vector<RetryWindow> retryWindows() const;
  /// API and token requests that arrived inside a Retry-After window the fake had
  /// announced (image downloads are left out: see the definition).
  std::vector<LoggedRequest> requestsInsideRetryWindows() const;
  size_t countRequests(const std::string &method, const std::string &pathPrefix) const;
  int rateLimitedCount() const;
  void clearLog();

  /// Refresh-token grants answered so far (successful or not).
  int refreshCount() const;

 private:
  struct Reply {
    int status = 200;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;
  };
  struct PendingCode {
    std::string redirectUri;
    std::string challenge;
    bool used = false;
  };

  void handle(const test::RecordedRequest &request, Poco::Net::HTTPServerResponse &response);
  Reply route(const test::RecordedRequest &request);  // mutex_ held
  /// The kept answer to `request` when replayAnswers is on; a write forgets them all.
  std::optional<Reply> replay(const test::RecordedRequest &request, bool faulted);  // mutex_ held
  Reply authorize(const std::map<std::string, std::string> &query);
  Reply token(const test::RecordedRequest &request);
  Reply api(const test::RecordedRequest &request, const std::map<std::string, std::string> &query);
  Reply apiWrite(const test::RecordedRequest &request);
  Reply recentlyPlayed(const std::map<std::string, std::string> &query);
  Reply issueTokens(bool withRefresh, const std::string &refreshToken);
  std::optional<Reply> authorizeBearer(const test::RecordedRequest &request);
  std::optional<Fault> takeFault(const std::string &path);
  // Rendered objects, cached: big pages are assembled from these (mutex_ held).
  const std::string &trackText(const std::string &id);
  const std::string &albumText(const std::string &id);
  std::string entryText(const FakeEntry &entry, const FieldTree *filter, const std::string &spec);
  int64_t now() const;

  FakeLibrary library_;
  Options options_;
  mutable std::mutex mutex_;
  std::vector<Fault> faults_;
  std::vector<LoggedRequest> log_;
  std::vector<RetryWindow> windows_;
  std::vector<int64_t> apiTimes_;  // for the rolling limit
  std::map<std::string, PendingCode> codes_;
  std::map<std::string, std::string> trackText_;
  std::map<std::string, std::string> albumText_;
  std::map<std::string, std::string> filteredTrackText_;  // "<fields>\n<track id>"
  std::map<std::string, std::string> replies_;            // request target -> body
  std::map<std::string, int64_t> accessTokens_;           // token -> expiry (ms)
  std::set<std::string> refreshTokens_;
  bool denyNext_ = false;
  bool refreshRevoked_ = false;
  int issued_ = 0;
  int rateLimited_ = 0;
  int refreshes_ = 0;
  test::FakeServer server_;  // last: it stops (joining its threads) before the rest goes
};

}  // namespace encore::fake
