// The daemon services a plugin reaches through its service tables.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "daemon/core/clock.h"
#include "daemon/http/http_service.h"
#include "daemon/records/record_store.h"
#include "daemon/store/store.h"
#include "settings/settings.h"

namespace encore {

/// An OAuth2 provider as a plugin described it (encore_oauth2_provider, copied).
struct OAuthProviderConfig {
  std::string authorizeUrl;
  std::string tokenUrl;
  std::string scopes;
  std::string clientIdSetting;      // full key
  std::string clientSecretSetting;  // full key, or ""
  bool usePkce = true;
};

/// Connected accounts of plugins: what encore.oauth2/1 answers from.
class OAuthRegistry {
 public:
  virtual ~OAuthRegistry() = default;
  virtual void registerProvider(const std::string &plugin, const OAuthProviderConfig &config) = 0;
  /// ENCORE_OAUTH2_STATE_*
  virtual int32_t state(const std::string &plugin) = 0;
  virtual TokenProvider::Token accessToken(const std::string &plugin, const std::string &rejected,
                                           const CancelToken *token) = 0;
};

struct HostContext {
  Clock &clock;
  Store &store;
  Settings &settings;
  RecordStore &records;
  HttpService &http;
  /// Deployment configuration (environment, then the --config file); ENCORE_* keys only.
  std::function<std::optional<std::string>(const std::string &)> config;
  OAuthRegistry *oauth = nullptr;
};

}  // namespace encore
