// Retry-After, request budgets, circuit breakers and the per-host policies that combine them.
#include <gtest/gtest.h>

#include "daemon/core/time_format.h"
#include "daemon/http/circuit_breaker.h"
#include "daemon/http/host_policies.h"
#include "daemon/http/proxy_config.h"
#include "daemon/http/rate_budget.h"
#include "daemon/http/retry_after.h"

namespace encore {
namespace {

constexpr int64_t kT0 = 1'800'000'000'000;

TEST(RetryAfterTest, SecondsAndHttpDates) {
  EXPECT_EQ(parseRetryAfter("120", kT0), 120'000);
  EXPECT_EQ(parseRetryAfter(" 0 ", kT0), 0);
  EXPECT_EQ(parseRetryAfter("79200", kT0), 79'200'000);  // 22 hours: real, and honoured
  EXPECT_EQ(parseRetryAfter("99999999999999999999", kT0), kMaxRetryAfterMs);
  int64_t now = *parseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:59:37 GMT", now), 600'000);
  EXPECT_EQ(parseRetryAfter("Sun, 06 Nov 1994 08:00:00 GMT", now), 0);  // in the past
  EXPECT_FALSE(parseRetryAfter("", kT0));
  EXPECT_FALSE(parseRetryAfter("-5", kT0));
  EXPECT_FALSE(parseRetryAfter("1.5", kT0));
  EXPECT_FALSE(parseRetryAfter("later", kT0));
}

TEST(RateBudgetTest, AtMostNInAnyRollingWindow) {
  RateBudget budget(3, 30'000);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(budget.nextAllowedAt(kT0 + i * 1000), kT0 + i * 1000);
    budget.record(kT0 + i * 1000);
  }
  // The 4th must wait until the 1st leaves the window.
  EXPECT_EQ(budget.nextAllowedAt(kT0 + 5000), kT0 + 30'000);
  budget.record(kT0 + 30'000);
  EXPECT_EQ(budget.nextAllowedAt(kT0 + 30'000), kT0 + 31'000);
}

TEST(RateBudgetTest, ZeroMeansNoBudget) {
  RateBudget budget(0, 30'000);
  for (int i = 0; i < 1000; ++i) budget.record(kT0);
  EXPECT_EQ(budget.nextAllowedAt(kT0), kT0);
}

TEST(CircuitBreakerTest, OpensAfterThreeFailuresInARow) {
  CircuitBreaker b;
  b.onFailure(kT0);
  b.onFailure(kT0 + 10'000);
  EXPECT_EQ(b.state(kT0 + 10'000), CircuitBreaker::State::Closed);
  b.onFailure(kT0 + 20'000);
  EXPECT_EQ(b.state(kT0 + 20'000), CircuitBreaker::State::Open);
  EXPECT_FALSE(b.allow(kT0 + 30'000));
  EXPECT_EQ(b.openUntil(kT0 + 30'000), kT0 + 80'000);
}

TEST(CircuitBreakerTest, FailuresSpreadOutOrClearedBySuccessDoNotOpen) {
  CircuitBreaker b;
  b.onFailure(kT0);
  b.onFailure(kT0 + 10 * 60'000);
  b.onFailure(kT0 + 16 * 60'000);  // the first left the 15-minute window
  EXPECT_EQ(b.state(kT0 + 16 * 60'000), CircuitBreaker::State::Closed);
  b.onSuccess(kT0 + 17 * 60'000);  // a success clears the count
  b.onFailure(kT0 + 18 * 60'000);
  EXPECT_EQ(b.state(kT0 + 18 * 60'000), CircuitBreaker::State::Closed);
  b.onFailure(kT0 + 19 * 60'000);
  b.onFailure(kT0 + 20 * 60'000);
  EXPECT_EQ(b.state(kT0 + 20 * 60'000), CircuitBreaker::State::Open);
}

TEST(CircuitBreakerTest, HalfOpenLetsOneProbeThroughThenClosesOrReopensLonger) {
  CircuitBreaker b;
  for (int i = 0; i < 3; ++i) b.onFailure(kT0);
  int64_t probeTime = kT0 + 60'000;
  EXPECT_EQ(b.state(probeTime), CircuitBreaker::State::HalfOpen);
  EXPECT_TRUE(b.allow(probeTime));
  EXPECT_FALSE(b.allow(probeTime));  // only one probe at a time
  b.onFailure(probeTime + 1);
  EXPECT_EQ(b.state(probeTime + 1), CircuitBreaker::State::Open);
  EXPECT_EQ(b.openUntil(probeTime + 1), probeTime + 1 + 120'000);  // doubled
  int64_t secondProbe = probeTime + 1 + 120'000;
  EXPECT_TRUE(b.allow(secondProbe));
  b.onSuccess(secondProbe);
  EXPECT_EQ(b.state(secondProbe), CircuitBreaker::State::Closed);
  EXPECT_TRUE(b.allow(secondProbe));
}

TEST(CircuitBreakerTest, OpenPeriodIsCappedAtThirtyMinutes) {
  CircuitBreaker b;
  int64_t t = kT0;
  for (int i = 0; i < 3; ++i) b.onFailure(t);
  for (int round = 0; round < 10; ++round) {
    t = b.openUntil(t);
    ASSERT_TRUE(b.allow(t));
    b.onFailure(t);
  }
  EXPECT_EQ(b.openUntil(t) - t, CircuitBreaker::kMaxOpenMs);
}

TEST(CircuitBreakerTest, AnAbandonedProbeLetsAnotherThrough) {
  CircuitBreaker b;
  for (int i = 0; i < 3; ++i) b.onFailure(kT0);
  ASSERT_TRUE(b.allow(kT0 + 60'000));
  b.onAbandoned();  // cancelled: not a failure
  EXPECT_TRUE(b.allow(kT0 + 60'001));
}

class MemoryPauseStore : public PauseStore {
 public:
  std::vector<HostPause> loadPauses() override { return saved; }
  void savePause(const HostPause &pause) override { saved.push_back(pause); }
  std::vector<HostPause> saved;
};

TEST(HostPoliciesTest, PauseHoldsEveryPluginUsingTheHostAndPersists) {
  ManualClock clock(kT0);
  MemoryPauseStore store;
  HostPolicies policies(clock, &store);
  const std::string host = "https://api.spotify.com:443";
  ASSERT_EQ(policies.admit("spotify", host, nullptr).verdict, HostPolicies::Verdict::Go);
  policies.pause("spotify", host, kT0 + 3'600'000, "HTTP 429");
  auto denied = policies.admit("spotify", host, nullptr);
  EXPECT_EQ(denied.verdict, HostPolicies::Verdict::Paused);
  EXPECT_EQ(denied.untilMs, kT0 + 3'600'000);
  EXPECT_EQ(policies.admit("other", host, nullptr).verdict, HostPolicies::Verdict::Paused);
  EXPECT_EQ(policies.blockedUntil("spotify"), kT0 + 3'600'000);
  ASSERT_EQ(store.saved.size(), 1u);

  // A new process (restart) reads it back and still holds the plugin.
  HostPolicies restarted(clock, &store);
  EXPECT_EQ(restarted.blockedUntil("spotify"), kT0 + 3'600'000);
  EXPECT_EQ(restarted.admit("spotify", host, nullptr).verdict, HostPolicies::Verdict::Paused);
  clock.set(kT0 + 3'600'000);
  EXPECT_EQ(restarted.admit("spotify", host, nullptr).verdict, HostPolicies::Verdict::Go);
  EXPECT_EQ(restarted.blockedUntil("spotify"), 0);
}

TEST(HostPoliciesTest, AShorterPauseNeverShortensALongerOne) {
  ManualClock clock(kT0);
  HostPolicies policies(clock, nullptr);
  policies.pause("p", "h", kT0 + 100'000, "long");
  policies.pause("p", "h", kT0 + 5'000, "short");
  EXPECT_EQ(policies.blockedUntil("p"), kT0 + 100'000);
}

TEST(HostPoliciesTest, BudgetWaitsOnTheClockForRoom) {
  ManualClock clock(kT0);
  HostPolicies policies(clock, nullptr);
  policies.setBudget("p", "h", 2, 30'000);
  EXPECT_EQ(policies.admit("p", "h", nullptr).verdict, HostPolicies::Verdict::Go);
  EXPECT_EQ(policies.admit("p", "h", nullptr).verdict, HostPolicies::Verdict::Go);
  EXPECT_EQ(clock.nowMs(), kT0);
  EXPECT_EQ(policies.admit("p", "h", nullptr).verdict, HostPolicies::Verdict::Go);
  EXPECT_EQ(clock.nowMs(), kT0 + 30'000);  // the manual clock "slept" until there was room
  // Another plugin's budget for the same host is its own.
  EXPECT_EQ(policies.admit("q", "h", nullptr).verdict, HostPolicies::Verdict::Go);
}

TEST(HostPoliciesTest, CancelledWhileWaitingForBudget) {
  ManualClock clock(kT0);
  HostPolicies policies(clock, nullptr);
  policies.setBudget("p", "h", 1, 30'000);
  ASSERT_EQ(policies.admit("p", "h", nullptr).verdict, HostPolicies::Verdict::Go);
  CancelToken token;
  token.cancel();
  EXPECT_EQ(policies.admit("p", "h", &token).verdict, HostPolicies::Verdict::Cancelled);
}

TEST(HostPoliciesTest, BreakerIsPerPluginAndHost) {
  ManualClock clock(kT0);
  HostPolicies policies(clock, nullptr);
  for (int i = 0; i < 3; ++i) {
    ASSERT_EQ(policies.admit("p", "h", nullptr).verdict, HostPolicies::Verdict::Go);
    policies.report("p", "h", HostPolicies::Outcome::Failure);
  }
  EXPECT_EQ(policies.admit("p", "h", nullptr).verdict, HostPolicies::Verdict::BreakerOpen);
  EXPECT_EQ(policies.admit("p", "other", nullptr).verdict, HostPolicies::Verdict::Go);
  EXPECT_EQ(policies.admit("q", "h", nullptr).verdict, HostPolicies::Verdict::Go);
  EXPECT_EQ(policies.blockedUntil("p"), kT0 + 60'000);
  EXPECT_NE(policies.blockedReason("p").find("circuit open"), std::string::npos);
}

TEST(ProxyConfigTest, ReadsEnvironmentAndHonoursNoProxy) {
  std::map<std::string, std::string> env = {{"https_proxy", "http://user:p%40ss@proxy.lan:3128"},
                                            {"NO_PROXY", "internal.example, .corp.lan"}};
  ProxyConfig config([&](const std::string &k) -> std::optional<std::string> {
    auto it = env.find(k);
    return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
  });
  auto proxy = config.forTarget("https", "api.spotify.com");
  ASSERT_TRUE(proxy);
  EXPECT_EQ(proxy->host, "proxy.lan");
  EXPECT_EQ(proxy->port, 3128);
  EXPECT_EQ(proxy->username, "user");
  EXPECT_EQ(proxy->password, "p@ss");
  EXPECT_FALSE(config.forTarget("http", "api.spotify.com"));  // no http_proxy set
  EXPECT_FALSE(config.forTarget("https", "internal.example"));
  EXPECT_FALSE(config.forTarget("https", "nas.corp.lan"));
  EXPECT_FALSE(config.forTarget("https", "127.0.0.1"));
  EXPECT_FALSE(config.forTarget("https", "localhost"));
  EXPECT_TRUE(config.forTarget("https", "notcorp.lan"));
}

}  // namespace
}  // namespace encore
