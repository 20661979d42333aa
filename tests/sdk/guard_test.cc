// encore::guardRun, guardInit, guardValue: nothing unwinds into the host; every escaping
// exception becomes a status code and, for a run, the run's error text and a log line.
#include <gtest/gtest.h>

#include <stdexcept>

#include "encore/guard.hpp"
#include "fake_host.h"

namespace encore {
namespace {

class GuardTest : public ::testing::Test {
 protected:
  test::FakeHost fake_;
  Host host_{fake_.raw()};
  encore_run *run_ = fake_.runHandle();
};

TEST_F(GuardTest, AnErrorGivesItsCodeAndItsMessageAsTheRunsError) {
  int32_t code = guardRun(
      host_, run_, [] { throw Error(ENCORE_E_NETWORK, "GET /v1/me/tracks: connection refused"); });
  EXPECT_EQ(code, ENCORE_E_NETWORK);
  EXPECT_EQ(fake_.runErrors, (std::vector<std::string>{"GET /v1/me/tracks: connection refused"}));
  ASSERT_EQ(fake_.logLines.size(), 1u);
  EXPECT_EQ(fake_.logLines[0],
            std::to_string(ENCORE_LOG_ERROR) +
                " fake.job: network error: GET /v1/me/tracks: connection refused");
}

TEST_F(GuardTest, AnyOtherExceptionFailsTheRunWithItsText) {
  EXPECT_EQ(guardRun(host_, run_, [] { throw std::out_of_range("index 7 past the end"); }),
            ENCORE_E_FAILED);
  EXPECT_EQ(guardRun(host_, run_, [] { throw 42; }), ENCORE_E_FAILED);
  EXPECT_EQ(fake_.runErrors,
            (std::vector<std::string>{"index 7 past the end", "an unknown exception"}));
}

TEST_F(GuardTest, WaitingIsLoggedAsInformationNotAsAnError) {
  EXPECT_EQ(guardRun(host_, run_, [] { throw Error(ENCORE_E_RATE_LIMITED, "paused"); }),
            ENCORE_E_RATE_LIMITED);
  ASSERT_EQ(fake_.logLines.size(), 1u);
  EXPECT_EQ(fake_.logLines[0], std::to_string(ENCORE_LOG_INFO) + " fake.job: rate-limited: paused");
}

TEST_F(GuardTest, ReturnedCodesPassAsTheyAre) {
  EXPECT_EQ(guardRun(host_, run_, [] {}), ENCORE_OK);
  EXPECT_EQ(guardRun(host_, run_, [] { return ENCORE_E_CANCELLED; }), ENCORE_E_CANCELLED);
  EXPECT_TRUE(fake_.runErrors.empty());
  EXPECT_TRUE(fake_.logLines.empty());
}

TEST_F(GuardTest, AnErrorOfCodeOkStillFails) {
  EXPECT_EQ(guardRun(host_, run_, [] { throw Error(ENCORE_OK, "odd"); }), ENCORE_E_FAILED);
}

TEST_F(GuardTest, OnAnOlderHostTheReasonStillReachesTheLog) {
  test::FakeHost older;
  older.olderRunTable = true;
  const Host host(older.raw());
  EXPECT_EQ(guardRun(host, older.runHandle(), [] { throw Error(ENCORE_E_FAILED, "why"); }),
            ENCORE_E_FAILED);
  EXPECT_TRUE(older.runErrors.empty());
  ASSERT_EQ(older.logLines.size(), 1u);
  EXPECT_NE(older.logLines[0].find("why"), std::string::npos);
}

TEST_F(GuardTest, InitRefusesWithTheReasonInTheLog) {
  EXPECT_EQ(guardInit(fake_.raw(), [] { throw Error(ENCORE_E_UNSUPPORTED, "no encore.kv/1"); }),
            ENCORE_E_UNSUPPORTED);
  EXPECT_EQ(guardInit(fake_.raw(), [] { throw std::runtime_error("bad"); }), ENCORE_E_INTERNAL);
  EXPECT_EQ(guardInit(fake_.raw(), [] {}), ENCORE_OK);
  EXPECT_EQ(fake_.logLines,
            (std::vector<std::string>{std::to_string(ENCORE_LOG_ERROR) + " no encore.kv/1",
                                      std::to_string(ENCORE_LOG_ERROR) + " bad"}));
}

TEST_F(GuardTest, AValueCallbackAnswersItsFallback) {
  EXPECT_EQ(guardValue(0, []() -> int { throw std::runtime_error("probe"); }), 0);
  EXPECT_EQ(guardValue(0, [] { return 95; }), 95);
}

TEST(HostStateTest, InitHostRefusesAHostWithoutANeededServiceAndSaysWhich) {
  test::FakeHost fake;
  void *state = nullptr;
  EXPECT_EQ(initHost(fake.raw(), &state, {ENCORE_LOG_SERVICE_V1, "encore.missing/1"}, {}),
            ENCORE_E_UNSUPPORTED);
  EXPECT_EQ(state, nullptr);
  ASSERT_EQ(fake.logLines.size(), 1u);
  EXPECT_EQ(fake.logLines[0],
            std::to_string(ENCORE_LOG_ERROR) + " the host offers no encore.missing/1");
}

void failingBody(const Host &, encore_run *) {
  throw Error(ENCORE_E_NETWORK, "no route to the server");
}
int32_t waitingBody(const Host &, encore_run *) {
  return ENCORE_E_CANCELLED;
}

TEST(HostStateTest, RunWithHostGuardsTheBodyOverTheHostInTheState) {
  test::FakeHost fake;
  void *state = new Host(fake.raw());
  EXPECT_EQ(runWithHost<failingBody>(state, fake.runHandle()), ENCORE_E_NETWORK);
  EXPECT_EQ(fake.runErrors, (std::vector<std::string>{"no route to the server"}));
  EXPECT_EQ(runWithHost<waitingBody>(state, fake.runHandle()), ENCORE_E_CANCELLED);
  shutdownHost(state);
}

}  // namespace
}  // namespace encore
