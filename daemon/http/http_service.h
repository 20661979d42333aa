// Every outgoing request of every plugin (and of the artwork cache) goes through here: the
// host's pause and breaker decide whether it may go, the budget when, the transport sends
// it, and the answer feeds back into pauses (429 + Retry-After) and breakers (5xx,
// network failures). Codes are the ABI's ENCORE_* status codes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "daemon/core/clock.h"
#include "daemon/http/host_policies.h"
#include "daemon/http/http_client.h"

namespace encore {

/// Supplies OAuth2 bearer tokens for a plugin's connected account.
class TokenProvider {
 public:
  struct Token {
    int32_t code = 0;  // ENCORE_OK, ENCORE_E_NOT_CONNECTED, ENCORE_E_RECONNECT_NEEDED, ...
    std::string accessToken;
    std::string error;
  };
  virtual ~TokenProvider() = default;
  /// A valid token for `plugin`. `rejected` is the token the upstream just answered 401
  /// to ("" when none was): another one is wanted even if it has not expired.
  virtual Token accessToken(const std::string &plugin, const std::string &rejected,
                            const CancelToken *token) = 0;
};

struct HttpOutcome {
  int32_t code = 0;  // ENCORE_OK when `response` holds an HTTP answer (any status)
  std::optional<HttpResponse> response;
  std::string error;
};

class HttpService {
 public:
  /// Pause used when a 429 carries no usable Retry-After.
  static constexpr int64_t kDefaultRetryAfterMs = 60'000;

  HttpService(HttpClient &client, HostPolicies &policies, Clock &clock);

  void setTokenProvider(TokenProvider *provider) { tokens_ = provider; }

  /// Sends for `owner` (a plugin id, or "artwork"). With `oauth`, adds the owner's bearer
  /// token and, on a 401, refreshes it once and retries once.
  HttpOutcome send(const std::string &owner, HttpRequest request, bool oauth,
                   const CancelToken *token);

  HostPolicies &policies() { return policies_; }

 private:
  HttpOutcome sendOnce(const std::string &owner, const HttpRequest &request,
                       const std::string &hostKey, const CancelToken *token);

  HttpClient &client_;
  HostPolicies &policies_;
  Clock &clock_;
  TokenProvider *tokens_ = nullptr;
};

/// "https://api.spotify.com/v1/me" without the query, for logs: queries may carry keys.
std::string redactUrl(const std::string &url);

}  // namespace encore
