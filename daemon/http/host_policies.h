// What may be sent where, and when: per remote host a Retry-After pause (shared by every
// plugin, persisted across restarts), and per (plugin, host) a request budget and a
// circuit breaker. The HTTP service asks before every request and reports after it; the
// scheduler asks before starting a plugin's job.
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "daemon/core/clock.h"
#include "daemon/http/circuit_breaker.h"
#include "daemon/http/rate_budget.h"

namespace encore {

struct HostPause {
  std::string host;  // ParsedUrl::hostKey()
  int64_t untilMs = 0;
  std::string reason;
  std::string plugin;  // the plugin whose request was answered with 429
};

/// Where pauses survive a restart (the daemon's database).
class PauseStore {
 public:
  virtual ~PauseStore() = default;
  virtual std::vector<HostPause> loadPauses() = 0;
  virtual void savePause(const HostPause &pause) = 0;
};

class HostPolicies {
 public:
  enum class Verdict { Go, Paused, BreakerOpen, Cancelled };
  struct Admission {
    Verdict verdict = Verdict::Go;
    int64_t untilMs = 0;  // Paused / BreakerOpen: when it may be tried again
    std::string reason;
  };
  enum class Outcome { Success, Failure, Neutral, Abandoned };

  struct HostStatus {
    std::string host;
    std::string breaker;  // CircuitBreaker::name
    int64_t breakerOpenUntil = 0;
    int64_t pausedUntil = 0;
    std::string pauseReason;
    uint32_t budgetRequests = 0;
    int64_t budgetWindowMs = 0;
  };

  HostPolicies(Clock &clock, PauseStore *pauses);

  /// Decides whether `plugin` may send to `host` now. Waits (cancellably, on the clock)
  /// for room in the request budget; never waits out a pause or an open breaker: those
  /// return at once so the run can end and the scheduler can hold the plugin's jobs.
  Admission admit(const std::string &plugin, const std::string &host, const CancelToken *token);
  /// Reports how an admitted request ended.
  void report(const std::string &plugin, const std::string &host, Outcome outcome);
  /// Holds every request to `host` until `untilMs` (a 429's Retry-After).
  void pause(const std::string &plugin, const std::string &host, int64_t untilMs,
             const std::string &reason);
  /// At most `maxRequests` per rolling `windowMs` from `plugin` to `host`; 0 removes it.
  void setBudget(const std::string &plugin, const std::string &host, uint32_t maxRequests,
                 int64_t windowMs);

  /// When `plugin` may run again: the latest pause or open breaker over the hosts it uses,
  /// or 0 when nothing holds it.
  int64_t blockedUntil(const std::string &plugin) const;
  std::string blockedReason(const std::string &plugin) const;
  std::vector<HostStatus> status(const std::string &plugin) const;
  /// status() of every plugin (and other owner, such as "artwork") that used a host.
  std::map<std::string, std::vector<HostStatus>> statusOfAll() const;
  /// Changes whenever a host, pause, budget or breaker state changes (a breaker that
  /// opens, closes or goes half-open; not every request it counts).
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  using PluginHost = std::pair<std::string, std::string>;
  void rememberHost(const std::string &plugin, const std::string &host);  // mutex_ held
  void changed() { generation_.fetch_add(1, std::memory_order_acq_rel); }

  Clock &clock_;
  PauseStore *pauseStore_;
  mutable std::mutex mutex_;
  std::map<std::string, HostPause> pauses_;
  std::map<PluginHost, CircuitBreaker> breakers_;
  std::map<PluginHost, RateBudget> budgets_;
  std::map<std::string, std::set<std::string>> hostsOf_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace encore
