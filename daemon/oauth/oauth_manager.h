// The host side of encore.oauth2/1: the authorization-code flow with PKCE for every plugin
// that registered a provider, the connected accounts, and fresh access tokens for the
// HTTP service. Generic: nothing here knows which provider a plugin talks to.
//
//   login:    beginLogin()    -> the provider's authorize URL with a one-time `state`
//   callback: completeLogin() -> checks the state, exchanges the code, stores the tokens
//   requests: accessToken()   -> the stored token, refreshed when less than five minutes
//             or half its lifetime remains (whichever is less), one refresh shared by
//             every request waiting for it; `invalid_grant` on refresh marks the account
//             "reconnect needed", which holds the plugin's jobs until the user signs in
//             again.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "daemon/core/clock.h"
#include "daemon/http/http_service.h"
#include "daemon/oauth/account_store.h"
#include "daemon/oauth/pending_logins.h"
#include "daemon/plugin_host/host_context.h"
#include "settings/settings.h"

namespace encore {

class OAuthManager : public OAuthRegistry, public TokenProvider {
 public:
  /// Refresh a token when less than this remains, or less than half its lifetime for a
  /// token that lives under twice this (a provider issuing 60-second tokens).
  static constexpr int64_t kRefreshMarginMs = 5 * 60'000;
  static int64_t refreshMarginMs(const OAuthAccount &account);
  /// A login must come back within this time.
  static constexpr int64_t kLoginTimeoutMs = 10 * 60'000;

  OAuthManager(Clock &clock, Store &store, Settings &settings, HttpService &http);

  // OAuthRegistry and TokenProvider (one accessToken serves both).
  void registerProvider(const std::string &plugin, const OAuthProviderConfig &config) override;
  int32_t state(const std::string &plugin) override;
  Token accessToken(const std::string &plugin, const std::string &rejected,
                    const CancelToken *cancel) override;

  bool hasProvider(const std::string &plugin) const;
  /// Changes whenever an account is stored (connected, refreshed, marked for reconnect).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

  struct LoginStart {
    bool ok = false;
    std::string authorizeUrl;
    std::string error;  // why not (no provider, no client id)
  };
  LoginStart beginLogin(const std::string &plugin, const std::string &redirectUri);

  enum class Outcome { Connected, Denied, BadState, Failed };
  struct LoginResult {
    Outcome outcome = Outcome::Failed;
    std::string message;  // for the page shown to the user; never holds a secret
  };
  /// Handles the provider's redirect back: `state`, and `code` or `error` from its query.
  LoginResult completeLogin(const std::string &plugin, const std::string &state,
                            const std::string &code, const std::string &error,
                            const CancelToken *cancel = nullptr);

  /// The stored account, for status pages and tests.
  std::optional<OAuthAccount> account(const std::string &plugin) const;

 private:
  struct ClientCredentials {
    std::string id;
    std::string secret;
  };
  std::optional<OAuthProviderConfig> provider(const std::string &plugin) const;
  ClientCredentials credentials(const OAuthProviderConfig &config) const;
  std::mutex &refreshMutex(const std::string &plugin);
  Token refresh(OAuthAccount account, const OAuthProviderConfig &config, bool forced,
                const CancelToken *cancel);
  void store(const OAuthAccount &account);

  Clock &clock_;
  Settings &settings_;
  HttpService &http_;
  AccountStore accounts_;
  PendingLogins pending_;

  mutable std::mutex mutex_;  // guards the maps below
  std::map<std::string, OAuthProviderConfig> providers_;
  std::map<std::string, OAuthAccount> cache_;
  std::map<std::string, std::unique_ptr<std::mutex>> refreshMutexes_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace encore
