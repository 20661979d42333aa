// A circuit breaker sized for home-server traffic: a sync job sends a handful of requests
// every few minutes, not hundreds a second, so the breaker counts failures in a row rather
// than a failure rate over a large sample (resilience4j's and Polly's defaults assume 100+
// calls). Three failures with no success between them, within 15 minutes, open it: a
// single 5-minute job meeting an outage trips it on its third run, and from then on backs
// off exponentially instead of knocking every cooldown.
//
//   closed --(kFailureThreshold failures in a row within kFailureWindowMs)--> open
//   open --(open period over)--> half-open: one probe request goes through
//   half-open --probe succeeds--> closed      --probe fails--> open, period doubled
//
// The open period starts at 60 s and doubles per failed probe up to 30 min. A success
// while closed clears the failure count. Cancellation and 4xx answers are not failures:
// only network errors, timeouts and 5xx count.
#pragma once

#include <cstdint>
#include <deque>
#include <string>

namespace encore {

class CircuitBreaker {
 public:
  enum class State { Closed, Open, HalfOpen };

  static constexpr int kFailureThreshold = 3;
  static constexpr int64_t kFailureWindowMs = 15 * 60'000;
  static constexpr int64_t kInitialOpenMs = 60'000;
  static constexpr int64_t kMaxOpenMs = 30 * 60'000;

  /// True when a request may go now. In half-open, only the first caller gets through
  /// (the probe) until its result is reported.
  bool allow(int64_t nowMs);
  void onSuccess(int64_t nowMs);
  void onFailure(int64_t nowMs);
  /// The probe admitted by allow() never reported (e.g. cancelled): let another through.
  void onAbandoned();

  /// The state as of `nowMs` (an expired open period reads as half-open).
  State state(int64_t nowMs) const;
  /// While open: when the next probe may go. 0 otherwise.
  int64_t openUntil(int64_t nowMs) const;
  int consecutiveOpenings() const { return openings_; }

  static const char *name(State state);

 private:
  void open(int64_t nowMs);

  State state_ = State::Closed;
  std::deque<int64_t> failures_;
  int64_t openUntil_ = 0;
  int openings_ = 0;
  bool probeInFlight_ = false;
};

}  // namespace encore
