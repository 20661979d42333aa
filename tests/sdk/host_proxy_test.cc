// encore::Host against a host in the same process: services looked up once, appended
// functions used only when the host's table covers them (ENCORE_HAS_FIELD), host memory
// freed, failures as encore::Error.
#include <gtest/gtest.h>

#include "encore/host.hpp"
#include "fake_host.h"

namespace encore {
namespace {

TEST(HostProxyTest, HasFieldReadsStructSize) {
  encore_run_v1 table{};
  table.struct_size = sizeof table;
  EXPECT_TRUE(ENCORE_HAS_FIELD(&table, set_error));
  EXPECT_TRUE(ENCORE_HAS_FIELD(&table, is_manual));
  table.struct_size = static_cast<uint32_t>(offsetof(encore_run_v1, set_error));
  EXPECT_FALSE(ENCORE_HAS_FIELD(&table, set_error));
  EXPECT_TRUE(ENCORE_HAS_FIELD(&table, is_manual));
  table.struct_size = static_cast<uint32_t>(offsetof(encore_run_v1, set_error)) + 1;
  EXPECT_FALSE(ENCORE_HAS_FIELD(&table, set_error));  // part of the field is not the field
  const encore_run_v1 *none = nullptr;
  EXPECT_FALSE(ENCORE_HAS_FIELD(none, id));
}

TEST(HostProxyTest, AnOlderHostsShorterTablesHideTheFunctionsAppendedSince) {
  test::FakeHost fake;
  fake.olderRunTable = true;
  fake.olderHttpTable = true;
  const Host host(fake.raw());
  EXPECT_FALSE(host.hasSetError());
  EXPECT_FALSE(host.hasPauseHost());
  host.setError(fake.runHandle(), "why");  // a no-op, not a call past struct_size
  EXPECT_FALSE(host.pauseHost(fake.runHandle(), "https://ws.audioscrobbler.com/", 1000, "busy"));
  EXPECT_TRUE(fake.runErrors.empty());
  EXPECT_TRUE(fake.pauses.empty());
  // What ABI 1.0 had still works.
  EXPECT_EQ(host.runId(fake.runHandle()), "fake.job");
  EXPECT_EQ(host.runItems(fake.runHandle()), (std::vector<std::string>{"first", "second"}));
  EXPECT_TRUE(host.manual(fake.runHandle()));
}

TEST(HostProxyTest, ACurrentHostsAppendedFunctionsAreCalled) {
  test::FakeHost fake;
  const Host host(fake.raw());
  EXPECT_TRUE(host.hasSetError());
  EXPECT_TRUE(host.hasPauseHost());
  host.setError(fake.runHandle(), "Last.fm user 'x' hides their listening");
  EXPECT_TRUE(host.pauseHost(fake.runHandle(), "https://ws.audioscrobbler.com/", 1000, "busy"));
  EXPECT_EQ(fake.runErrors, (std::vector<std::string>{"Last.fm user 'x' hides their listening"}));
  EXPECT_EQ(fake.pauses, (std::vector<std::string>{"https://ws.audioscrobbler.com/ 1000 busy"}));
}

TEST(HostProxyTest, HostMemoryIsFreedAndValuesKeepEveryByte) {
  test::FakeHost fake;
  const Host host(fake.raw());
  EXPECT_EQ(host.kvGet("cursor"), std::string("a\0b", 3));
  EXPECT_EQ(fake.freed, 1);
  EXPECT_EQ(host.kvGet("other"), std::nullopt);
  fake.submitAnswer = ENCORE_E_REJECTED;
  try {
    host.submit(fake.runHandle(), "{\"records\":[{}]}");
    FAIL() << "a refused page must throw";
  } catch (const Error &e) {
    EXPECT_EQ(e.code(), ENCORE_E_REJECTED);
    EXPECT_STREQ(e.what(), "the host did not store a page: records[0].name: must not be empty");
  }
  EXPECT_EQ(fake.freed, 2);  // the error message too
}

TEST(HostProxyTest, AMissingServiceIsNamed) {
  test::FakeHost fake;
  fake.offerRecords = false;
  const Host host(fake.raw());
  try {
    host.submit(fake.runHandle(), "{}");
    FAIL() << "a missing service must throw";
  } catch (const Error &e) {
    EXPECT_EQ(e.code(), ENCORE_E_UNSUPPORTED);
    EXPECT_STREQ(e.what(), "the host offers no encore.records/1");
  }
  EXPECT_THROW(host.require({ENCORE_LOG_SERVICE_V1, ENCORE_SINK_SERVICE_V1}), Error);
  EXPECT_NO_THROW(host.require({ENCORE_LOG_SERVICE_V1, ENCORE_KV_SERVICE_V1}));
  const Host unbound;
  EXPECT_THROW(unbound.nowMs(), Error);
  unbound.log(ENCORE_LOG_INFO, "goes nowhere, harmlessly");
}

}  // namespace
}  // namespace encore
