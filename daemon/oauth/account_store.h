// Connected accounts in the `oauth_accounts` table: one row per plugin, holding its tokens
// and whether the grant still works ('connected') or the user must sign in again
// ('reconnect_needed').
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "daemon/store/store.h"

namespace encore {

struct OAuthAccount {
  static constexpr const char *kConnected = "connected";
  static constexpr const char *kReconnectNeeded = "reconnect_needed";

  std::string plugin;
  std::string state = kConnected;
  std::string accessToken;
  std::string refreshToken;
  int64_t expiresAtMs = 0;
  std::string scope;
  std::string lastError;
  int64_t updatedAtMs = 0;

  bool connected() const { return state == kConnected; }
};

class AccountStore {
 public:
  explicit AccountStore(Store &store) : store_(store) {}

  std::vector<OAuthAccount> loadAll();
  /// Inserts or replaces the plugin's row.
  void save(const OAuthAccount &account);

 private:
  Store &store_;
};

}  // namespace encore
