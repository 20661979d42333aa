#include "daemon/oauth/pending_logins.h"

#include <algorithm>

namespace encore {

void PendingLogins::add(const std::string &state, PendingLogin login) {
  std::lock_guard<std::mutex> lock(mutex_);
  while (byState_.size() >= kMaxPending) {
    auto oldest = std::min_element(
        byState_.begin(), byState_.end(),
        [](const auto &a, const auto &b) { return a.second.expiresAtMs < b.second.expiresAtMs; });
    byState_.erase(oldest);
  }
  byState_[state] = std::move(login);
}

std::optional<PendingLogin> PendingLogins::take(const std::string &state, int64_t nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = byState_.find(state);
  if (it == byState_.end()) return std::nullopt;
  PendingLogin login = std::move(it->second);
  byState_.erase(it);
  if (login.expiresAtMs <= nowMs) return std::nullopt;
  return login;
}

size_t PendingLogins::size() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return byState_.size();
}

}  // namespace encore
