#include "daemon/oauth/oauth_manager.h"

#include <Poco/Logger.h>

#include <algorithm>

#include "daemon/http/url.h"
#include "daemon/oauth/pkce.h"
#include "daemon/oauth/token_client.h"
#include "encore/plugin_api.h"

namespace encore {

OAuthManager::OAuthManager(Clock &clock, Store &store, Settings &settings, HttpService &http)
    : clock_(clock), settings_(settings), http_(http), accounts_(store) {
  for (auto &account : accounts_.loadAll()) cache_[account.plugin] = std::move(account);
}

void OAuthManager::registerProvider(const std::string &plugin, const OAuthProviderConfig &config) {
  std::lock_guard<std::mutex> lock(mutex_);
  providers_[plugin] = config;
}

bool OAuthManager::hasProvider(const std::string &plugin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  return providers_.count(plugin) > 0;
}

std::optional<OAuthProviderConfig> OAuthManager::provider(const std::string &plugin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = providers_.find(plugin);
  if (it == providers_.end()) return std::nullopt;
  return it->second;
}

std::optional<OAuthAccount> OAuthManager::account(const std::string &plugin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(plugin);
  if (it == cache_.end()) return std::nullopt;
  return it->second;
}

int32_t OAuthManager::state(const std::string &plugin) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = cache_.find(plugin);
  if (it == cache_.end()) return ENCORE_OAUTH2_STATE_NOT_CONNECTED;
  return it->second.connected() ? ENCORE_OAUTH2_STATE_CONNECTED
                                : ENCORE_OAUTH2_STATE_RECONNECT_NEEDED;
}

OAuthManager::ClientCredentials OAuthManager::credentials(const OAuthProviderConfig &config) const {
  ClientCredentials c;
  if (settings_.has(config.clientIdSetting)) c.id = settings_.stringValue(config.clientIdSetting);
  if (!config.clientSecretSetting.empty() && settings_.has(config.clientSecretSetting)) {
    c.secret = settings_.stringValue(config.clientSecretSetting);
  }
  return c;
}

std::mutex &OAuthManager::refreshMutex(const std::string &plugin) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto &slot = refreshMutexes_[plugin];
  if (!slot) slot = std::make_unique<std::mutex>();
  return *slot;
}

void OAuthManager::store(const OAuthAccount &account) {
  accounts_.save(account);  // first the database: the cache never runs ahead of it
  std::lock_guard<std::mutex> lock(mutex_);
  cache_[account.plugin] = account;
  generation_.fetch_add(1, std::memory_order_acq_rel);
}

OAuthManager::LoginStart OAuthManager::beginLogin(const std::string &plugin,
                                                  const std::string &redirectUri) {
  LoginStart start;
  auto config = provider(plugin);
  if (!config) {
    start.error = "the plugin '" + plugin + "' does not sign in with OAuth";
    return start;
  }
  auto client = credentials(*config);
  if (client.id.empty()) {
    start.error = "no client id is configured: set " + config->clientIdSetting +
                  " on the settings page (or its environment variable) first";
    return start;
  }
  PendingLogin login;
  login.plugin = plugin;
  login.redirectUri = redirectUri;
  login.expiresAtMs = clock_.nowMs() + kLoginTimeoutMs;
  if (config->usePkce) login.codeVerifier = makeCodeVerifier();
  const std::string state = randomUrlSafeToken(24);

  std::string url = config->authorizeUrl;
  url += url.find('?') == std::string::npos ? '?' : '&';
  url += "client_id=" + urlEncode(client.id) +
         "&response_type=code&redirect_uri=" + urlEncode(redirectUri) +
         "&state=" + urlEncode(state);
  if (!config->scopes.empty()) url += "&scope=" + urlEncode(config->scopes);
  if (config->usePkce) {
    url += "&code_challenge_method=S256&code_challenge=" + codeChallengeS256(login.codeVerifier);
  }
  pending_.add(state, std::move(login));
  start.ok = true;
  start.authorizeUrl = std::move(url);
  return start;
}

OAuthManager::LoginResult OAuthManager::completeLogin(const std::string &plugin,
                                                      const std::string &state,
                                                      const std::string &code,
                                                      const std::string &error,
                                                      const CancelToken *cancel) {
  auto &log = Poco::Logger::get("oauth");
  auto login = pending_.take(state, clock_.nowMs());
  if (!login || login->plugin != plugin) {
    log.warning("%s: sign-in callback with an unknown, used or expired state; ignored", plugin);
    return {Outcome::BadState,
            "This sign-in link is not valid any more (it was used already, has expired, or did "
            "not start here). Nothing was changed. Start again from the sign-in button."};
  }
  if (!error.empty()) {
    log.information("%s: sign-in ended without access: %s", plugin, error.substr(0, 64));
    if (error == "access_denied") {
      return {Outcome::Denied, "Access was not granted, so nothing was changed."};
    }
    return {Outcome::Denied, "The provider ended the sign-in with the error '" +
                                 error.substr(0, 64) + "'. Nothing was changed."};
  }
  auto config = provider(plugin);
  if (!config || code.empty()) {
    return {Outcome::Failed, "The provider sent no authorization code. Nothing was changed."};
  }
  auto client = credentials(*config);
  TokenRequest request{
      config->tokenUrl,
      client.id,
      client.secret,
      {{"grant_type", "authorization_code"}, {"code", code}, {"redirect_uri", login->redirectUri}}};
  if (!login->codeVerifier.empty()) request.form.emplace_back("code_verifier", login->codeVerifier);
  auto reply = requestToken(http_, plugin, request, cancel);
  if (reply.kind != TokenReply::Kind::Ok) {
    log.warning("%s: exchanging the authorization code failed: %s", plugin, reply.error);
    return {Outcome::Failed, "The provider did not accept the sign-in (" + reply.error +
                                 "). Nothing was changed; please try again."};
  }
  OAuthAccount account;
  account.plugin = plugin;
  account.state = OAuthAccount::kConnected;
  account.accessToken = reply.accessToken;
  account.refreshToken = reply.refreshToken;
  account.expiresAtMs = clock_.nowMs() + reply.expiresInSeconds * 1000;
  account.scope = reply.scope;
  account.updatedAtMs = clock_.nowMs();
  store(account);
  log.information("%s: account connected", plugin);
  return {Outcome::Connected, "Your account is connected. Syncing starts shortly."};
}

int64_t OAuthManager::refreshMarginMs(const OAuthAccount &account) {
  // A token and its expiry are stored together, with updatedAtMs = when it was issued.
  const int64_t lifetime = account.expiresAtMs - account.updatedAtMs;
  return std::clamp<int64_t>(lifetime / 2, 0, kRefreshMarginMs);
}

TokenProvider::Token OAuthManager::accessToken(const std::string &plugin,
                                               const std::string &rejected,
                                               const CancelToken *cancel) {
  // One refresh at a time per plugin: the callers waiting meanwhile find the new token
  // (neither near its expiry nor the one rejected) and use it.
  std::lock_guard<std::mutex> refreshing(refreshMutex(plugin));
  auto current = account(plugin);
  const std::string signIn = "sign in at /auth/" + plugin + "/login";
  if (!current) return {ENCORE_E_NOT_CONNECTED, {}, "no account is connected: " + signIn};
  if (!current->connected()) {
    return {ENCORE_E_RECONNECT_NEEDED, {}, "the account must be reconnected: " + signIn};
  }
  const int64_t now = clock_.nowMs();
  const bool forced = !rejected.empty() && rejected == current->accessToken;
  if (!forced && current->expiresAtMs - now >= refreshMarginMs(*current)) {
    return {ENCORE_OK, current->accessToken, {}};
  }
  auto config = provider(plugin);
  if (!config) return {ENCORE_E_NOT_CONNECTED, {}, "the plugin registered no OAuth provider"};
  return refresh(std::move(*current), *config, forced, cancel);
}

TokenProvider::Token OAuthManager::refresh(OAuthAccount account, const OAuthProviderConfig &config,
                                           bool forced, const CancelToken *cancel) {
  auto &log = Poco::Logger::get("oauth");
  const int64_t now = clock_.nowMs();
  auto markReconnect = [&](const std::string &why) {
    account.state = OAuthAccount::kReconnectNeeded;
    account.lastError = why;
    account.updatedAtMs = now;
    store(account);
    log.warning("%s: %s; the account needs reconnecting and its jobs are held", account.plugin,
                why);
    return Token{ENCORE_E_RECONNECT_NEEDED,
                 {},
                 why + ": sign in again at /auth/" + account.plugin + "/login"};
  };
  if (account.refreshToken.empty())
    return markReconnect("the access token expired and there is no refresh token");

  auto client = credentials(config);
  TokenRequest request{config.tokenUrl,
                       client.id,
                       client.secret,
                       {{"grant_type", "refresh_token"}, {"refresh_token", account.refreshToken}}};
  auto reply = requestToken(http_, account.plugin, request, cancel);
  switch (reply.kind) {
    case TokenReply::Kind::Ok:
      account.accessToken = reply.accessToken;
      // A reply without refresh_token means: keep using the one we have.
      if (!reply.refreshToken.empty()) account.refreshToken = reply.refreshToken;
      if (!reply.scope.empty()) account.scope = reply.scope;
      account.expiresAtMs = now + reply.expiresInSeconds * 1000;
      account.lastError.clear();
      account.updatedAtMs = now;
      store(account);
      log.information("%s: access token refreshed", account.plugin);
      return {ENCORE_OK, account.accessToken, {}};
    case TokenReply::Kind::InvalidGrant:
      return markReconnect("the provider revoked or expired the grant (" + reply.error + ")");
    case TokenReply::Kind::Rejected:
    case TokenReply::Kind::Unreachable:
      break;
  }
  // Nothing is known about the grant; a token that has not actually expired still works.
  if (!forced && account.expiresAtMs > now + 10'000) {
    log.warning("%s: refreshing failed (%s); using the current token until it expires",
                account.plugin, reply.error);
    return {ENCORE_OK, account.accessToken, {}};
  }
  int32_t code = reply.kind == TokenReply::Kind::Unreachable ? reply.code : ENCORE_E_FAILED;
  return {code, {}, "refreshing the access token failed: " + reply.error};
}

}  // namespace encore
