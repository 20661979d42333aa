#include "daemon/http/host_policies.h"

#include "daemon/core/time_format.h"

namespace encore {

HostPolicies::HostPolicies(Clock &clock, PauseStore *pauses) : clock_(clock), pauseStore_(pauses) {
  if (pauseStore_ == nullptr) return;
  const int64_t now = clock_.nowMs();
  for (auto &p : pauseStore_->loadPauses()) {
    if (p.untilMs <= now) continue;
    if (!p.plugin.empty()) hostsOf_[p.plugin].insert(p.host);
    pauses_[p.host] = p;
  }
}

void HostPolicies::rememberHost(const std::string &plugin, const std::string &host) {
  if (hostsOf_[plugin].insert(host).second) changed();
}

HostPolicies::Admission HostPolicies::admit(const std::string &plugin, const std::string &host,
                                            const CancelToken *token) {
  for (;;) {
    int64_t wakeAt = 0;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      rememberHost(plugin, host);
      const int64_t now = clock_.nowMs();
      if (auto it = pauses_.find(host); it != pauses_.end() && it->second.untilMs > now) {
        return {Verdict::Paused, it->second.untilMs,
                "rate-limited until " + formatIsoUtc(it->second.untilMs)};
      }
      auto budget = budgets_.find({plugin, host});
      if (budget != budgets_.end()) {
        int64_t next = budget->second.nextAllowedAt(now);
        if (next > now) wakeAt = next;
      }
      if (wakeAt == 0) {
        CircuitBreaker &breaker = breakers_[{plugin, host}];
        const auto before = breaker.state(now);
        const bool allowed = breaker.allow(now);
        if (breaker.state(now) != before) changed();
        if (!allowed) {
          int64_t until = breaker.openUntil(now);
          return {Verdict::BreakerOpen, until == 0 ? now : until,
                  "circuit open for " + host + " after repeated failures"};
        }
        if (budget != budgets_.end()) budget->second.record(now);
        return {Verdict::Go, 0, {}};
      }
    }
    if (!clock_.sleepUntil(wakeAt, token)) return {Verdict::Cancelled, 0, "cancelled"};
  }
}

void HostPolicies::report(const std::string &plugin, const std::string &host, Outcome outcome) {
  std::lock_guard<std::mutex> lock(mutex_);
  CircuitBreaker &breaker = breakers_[{plugin, host}];
  const int64_t now = clock_.nowMs();
  const auto before = breaker.state(now);
  const int64_t openBefore = breaker.openUntil(now);
  switch (outcome) {
    case Outcome::Success:
    case Outcome::Neutral:
      // A 4xx is an answer: the host is up. It closes a half-open breaker too.
      breaker.onSuccess(now);
      break;
    case Outcome::Failure:
      breaker.onFailure(now);
      break;
    case Outcome::Abandoned:
      breaker.onAbandoned();
      break;
  }
  if (breaker.state(now) != before || breaker.openUntil(now) != openBefore) changed();
}

void HostPolicies::pause(const std::string &plugin, const std::string &host, int64_t untilMs,
                         const std::string &reason) {
  HostPause saved;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    rememberHost(plugin, host);
    auto &p = pauses_[host];
    if (p.untilMs >= untilMs) return;  // an equal or longer pause is already in force
    p = HostPause{host, untilMs, reason, plugin};
    saved = p;
    changed();
  }
  if (pauseStore_ != nullptr) pauseStore_->savePause(saved);
}

void HostPolicies::setBudget(const std::string &plugin, const std::string &host,
                             uint32_t maxRequests, int64_t windowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  rememberHost(plugin, host);
  if (maxRequests == 0 || windowMs <= 0) {
    budgets_.erase({plugin, host});
  } else {
    budgets_.insert_or_assign({plugin, host}, RateBudget(maxRequests, windowMs));
  }
  changed();
}

int64_t HostPolicies::blockedUntil(const std::string &plugin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_.nowMs();
  int64_t until = 0;
  auto hosts = hostsOf_.find(plugin);
  if (hosts == hostsOf_.end()) return 0;
  for (const auto &host : hosts->second) {
    if (auto p = pauses_.find(host); p != pauses_.end() && p->second.untilMs > now) {
      until = std::max(until, p->second.untilMs);
    }
    if (auto b = breakers_.find({plugin, host}); b != breakers_.end()) {
      until = std::max(until, b->second.openUntil(now));
    }
  }
  return until;
}

std::string HostPolicies::blockedReason(const std::string &plugin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_.nowMs();
  auto hosts = hostsOf_.find(plugin);
  if (hosts == hostsOf_.end()) return {};
  for (const auto &host : hosts->second) {
    if (auto p = pauses_.find(host); p != pauses_.end() && p->second.untilMs > now) {
      return "rate-limited until " + formatIsoUtc(p->second.untilMs) + " (" + host + ")";
    }
    if (auto b = breakers_.find({plugin, host}); b != breakers_.end() && b->second.openUntil(now)) {
      return "circuit open until " + formatIsoUtc(b->second.openUntil(now)) + " (" + host + ")";
    }
  }
  return {};
}

std::map<std::string, std::vector<HostPolicies::HostStatus>> HostPolicies::statusOfAll() const {
  std::vector<std::string> owners;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto &[owner, hosts] : hostsOf_) owners.push_back(owner);
  }
  std::map<std::string, std::vector<HostStatus>> out;
  for (const auto &owner : owners) out[owner] = status(owner);
  return out;
}

std::vector<HostPolicies::HostStatus> HostPolicies::status(const std::string &plugin) const {
  std::lock_guard<std::mutex> lock(mutex_);
  const int64_t now = clock_.nowMs();
  std::vector<HostStatus> out;
  auto hosts = hostsOf_.find(plugin);
  if (hosts == hostsOf_.end()) return out;
  for (const auto &host : hosts->second) {
    HostStatus s;
    s.host = host;
    s.breaker = CircuitBreaker::name(CircuitBreaker::State::Closed);
    if (auto b = breakers_.find({plugin, host}); b != breakers_.end()) {
      s.breaker = CircuitBreaker::name(b->second.state(now));
      s.breakerOpenUntil = b->second.openUntil(now);
    }
    if (auto p = pauses_.find(host); p != pauses_.end() && p->second.untilMs > now) {
      s.pausedUntil = p->second.untilMs;
      s.pauseReason = p->second.reason;
    }
    if (auto r = budgets_.find({plugin, host}); r != budgets_.end()) {
      s.budgetRequests = r->second.maxRequests();
      s.budgetWindowMs = r->second.windowMs();
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace encore
