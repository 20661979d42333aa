// Logins that were sent to a provider and have not come back yet, keyed by their `state`.
// A state is good for one callback only and for a limited time, so a replayed or forged
// callback changes nothing. Kept in memory: a restart simply asks the user to sign in again.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

namespace encore {

struct PendingLogin {
  std::string plugin;
  std::string codeVerifier;  // PKCE; "" when the provider does not use it
  std::string redirectUri;   // the token exchange must repeat it exactly
  int64_t expiresAtMs = 0;
};

class PendingLogins {
 public:
  /// At most this many logins wait at once; the oldest is dropped to make room, so a
  /// stream of login clicks cannot grow memory.
  static constexpr size_t kMaxPending = 32;

  void add(const std::string &state, PendingLogin login);
  /// Removes and returns the login of `state` if it exists and has not expired at `nowMs`.
  /// A state is consumed by this call whatever the outcome.
  std::optional<PendingLogin> take(const std::string &state, int64_t nowMs);
  size_t size() const;

 private:
  mutable std::mutex mutex_;
  std::map<std::string, PendingLogin> byState_;
};

}  // namespace encore
