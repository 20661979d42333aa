// The provider's token endpoint (RFC 6749 section 4.1.3 and 6): exchanges an authorization
// code, or a refresh token, for tokens. Requests go through the HttpService on behalf of
// the plugin, so its Retry-After pauses, budget and breaker apply to them as well.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "daemon/core/cancel_token.h"
#include "daemon/http/http_service.h"

namespace encore {

struct TokenRequest {
  std::string tokenUrl;
  std::string clientId;
  std::string clientSecret;  // "": a public client, which sends client_id in the body
  /// grant_type and its parameters, e.g. {"grant_type","refresh_token"},{"refresh_token",..}
  std::vector<std::pair<std::string, std::string>> form;
};

struct TokenReply {
  enum class Kind {
    Ok,
    InvalidGrant,  // the code or refresh token is expired or revoked: sign in again
    Rejected,      // any other OAuth error (invalid_client, ...) or a malformed reply
    Unreachable,   // no answer: network, pause, breaker, cancellation (see `code`)
  };
  Kind kind = Kind::Rejected;
  int32_t code = 0;  // ENCORE_* for Unreachable
  std::string accessToken;
  std::string refreshToken;  // "" when the reply carried none
  std::string scope;
  int64_t expiresInSeconds = 0;
  std::string error;  // for everything but Ok; never contains a token
};

/// The largest token the daemon accepts; real ones are a few hundred bytes.
constexpr size_t kMaxTokenLength = 8192;

TokenReply requestToken(HttpService &http, const std::string &owner, const TokenRequest &request,
                        const CancelToken *cancel);

/// Parses a token endpoint answer (status and body); exposed for tests.
TokenReply parseTokenReply(int status, const std::string &body);

}  // namespace encore
