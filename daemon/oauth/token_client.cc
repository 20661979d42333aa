#include "daemon/oauth/token_client.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "daemon/http/url.h"
#include "daemon/oauth/pkce.h"
#include "encore/plugin_api.h"

namespace encore {
namespace {

std::string formEncode(const std::vector<std::pair<std::string, std::string>> &form) {
  std::string out;
  for (const auto &[key, value] : form) {
    if (!out.empty()) out += '&';
    out += urlEncode(key) + "=" + urlEncode(value);
  }
  return out;
}

std::string stringField(const nlohmann::json &j, const char *key) {
  auto it = j.find(key);
  return it != j.end() && it->is_string() ? it->get<std::string>() : std::string();
}

}  // namespace

TokenReply parseTokenReply(int status, const std::string &body) {
  TokenReply reply;
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (status != 200) {
    std::string error = json.is_object() ? stringField(json, "error") : "";
    std::string description = json.is_object() ? stringField(json, "error_description") : "";
    reply.kind =
        error == "invalid_grant" ? TokenReply::Kind::InvalidGrant : TokenReply::Kind::Rejected;
    reply.error = "token endpoint answered " + std::to_string(status);
    if (!error.empty()) reply.error += ": " + error.substr(0, 64);
    if (!description.empty()) reply.error += " (" + description.substr(0, 200) + ")";
    return reply;
  }
  if (!json.is_object()) {
    reply.error = "the token endpoint's answer is not a JSON object";
    return reply;
  }
  reply.accessToken = stringField(json, "access_token");
  reply.refreshToken = stringField(json, "refresh_token");
  reply.scope = stringField(json, "scope");
  if (reply.accessToken.empty() || reply.accessToken.size() > kMaxTokenLength ||
      reply.refreshToken.size() > kMaxTokenLength) {
    reply.error = "the token endpoint's answer has no usable access_token";
    return reply;
  }
  std::string type = stringField(json, "token_type");
  if (!type.empty() && type != "Bearer" && type != "bearer") {
    reply.error =
        "the token endpoint issued a '" + type.substr(0, 32) + "' token, not a Bearer token";
    return reply;
  }
  auto expires = json.find("expires_in");
  if (expires != json.end() && expires->is_number() && expires->get<double>() > 0) {
    // Clamp to a year: a bogus huge value must not overflow the expiry time.
    reply.expiresInSeconds =
        std::min<int64_t>(static_cast<int64_t>(expires->get<double>()), 366LL * 86400);
  } else {
    reply.expiresInSeconds = 3600;  // RFC 6749 makes it optional; Spotify always sends 3600
  }
  reply.kind = TokenReply::Kind::Ok;
  return reply;
}

TokenReply requestToken(HttpService &http, const std::string &owner, const TokenRequest &request,
                        const CancelToken *cancel) {
  auto form = request.form;
  HttpRequest req;
  req.method = "POST";
  req.url = request.tokenUrl;
  req.headers.emplace_back("Content-Type", "application/x-www-form-urlencoded");
  req.headers.emplace_back("Accept", "application/json");
  if (!request.clientSecret.empty()) {
    req.headers.emplace_back(
        "Authorization", "Basic " + base64Encode(request.clientId + ":" + request.clientSecret));
  } else {
    form.emplace_back("client_id", request.clientId);
  }
  req.body = formEncode(form);
  auto outcome = http.send(owner, std::move(req), false, cancel);
  if (outcome.code != ENCORE_OK) {
    TokenReply reply;
    reply.kind = TokenReply::Kind::Unreachable;
    reply.code = outcome.code;
    reply.error = "token endpoint unreachable: " + outcome.error;
    return reply;
  }
  if (outcome.response->status == 429 || outcome.response->status >= 500) {
    // Not an answer about the grant: the host is busy or failing. Try again later.
    TokenReply reply;
    reply.kind = TokenReply::Kind::Unreachable;
    reply.code = outcome.response->status == 429 ? ENCORE_E_RATE_LIMITED : ENCORE_E_NETWORK;
    reply.error = "token endpoint answered " + std::to_string(outcome.response->status);
    return reply;
  }
  return parseTokenReply(outcome.response->status, outcome.response->body);
}

}  // namespace encore
