#include "daemon/http/circuit_breaker.h"

#include <algorithm>

namespace encore {

const char *CircuitBreaker::name(State state) {
  switch (state) {
    case State::Closed:
      return "closed";
    case State::Open:
      return "open";
    case State::HalfOpen:
      return "half_open";
  }
  return "closed";
}

CircuitBreaker::State CircuitBreaker::state(int64_t nowMs) const {
  if (state_ == State::Open && nowMs >= openUntil_) return State::HalfOpen;
  return state_;
}

int64_t CircuitBreaker::openUntil(int64_t nowMs) const {
  return state(nowMs) == State::Open ? openUntil_ : 0;
}

bool CircuitBreaker::allow(int64_t nowMs) {
  switch (state(nowMs)) {
    case State::Closed:
      return true;
    case State::Open:
      return false;
    case State::HalfOpen:
      state_ = State::HalfOpen;
      if (probeInFlight_) return false;
      probeInFlight_ = true;
      return true;
  }
  return true;
}

void CircuitBreaker::onSuccess(int64_t) {
  state_ = State::Closed;
  failures_.clear();
  openings_ = 0;
  probeInFlight_ = false;
}

void CircuitBreaker::onFailure(int64_t nowMs) {
  if (state_ == State::HalfOpen || state(nowMs) == State::HalfOpen) {
    open(nowMs);
    return;
  }
  if (state_ == State::Open) return;  // a straggler from before the opening
  failures_.push_back(nowMs);
  while (!failures_.empty() && failures_.front() <= nowMs - kFailureWindowMs) {
    failures_.pop_front();
  }
  if (static_cast<int>(failures_.size()) >= kFailureThreshold) open(nowMs);
}

void CircuitBreaker::onAbandoned() {
  probeInFlight_ = false;
}

void CircuitBreaker::open(int64_t nowMs) {
  int64_t period = kInitialOpenMs;
  for (int i = 0; i < openings_ && period < kMaxOpenMs; ++i) period *= 2;
  period = std::min(period, kMaxOpenMs);
  ++openings_;
  state_ = State::Open;
  openUntil_ = nowMs + period;
  failures_.clear();
  probeInFlight_ = false;
}

}  // namespace encore
