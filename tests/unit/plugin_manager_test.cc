// Real plugin libraries loaded in-process: the ABI checks, the refusals, and runs.
#include "daemon/plugin_host/plugin_manager.h"

#include <gtest/gtest.h>

#include "daemon/history/play_writer.h"
#include "daemon/records/plugin_kv.h"
#include "support/daemon_process.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

class PluginManagerTest : public ::testing::Test {
 protected:
  PluginManagerTest()
      : store(dir.str(), builtinMigrations()),
        settings(store, [](const std::string &) { return std::optional<std::string>(); }),
        policies(clock, nullptr),
        client({}, ProxyConfig([](const std::string &) { return std::optional<std::string>(); })),
        http(client, policies, clock),
        records(store, clock, RecordHandlers::withLibraryTypes()),
        context{clock,   store, settings,
                records, http,  [](const std::string &) { return std::optional<std::string>(); },
                nullptr},
        manager(context) {}

  Plugin &load(const std::string &name) {
    return manager.loadFile(test::testPluginDir() + "/" + name);
  }

  RunResult runWork(Plugin &plugin, const std::string &mode) {
    EXPECT_TRUE(settings.update({{"testkit.mode", mode}}).empty());
    CancelToken cancel;
    RunRequest request{plugin.jobs.at(0), false, {}, cancel};
    return manager.runJob(plugin, *plugin.jobDecls.at(0), request);
  }

  int64_t artists() {
    return store.read([](Database &db) {
      auto q = db.prepare("SELECT count(*) FROM artists");
      q->step();
      return q->int64(0);
    });
  }

  test::TempDir dir;
  ManualClock clock{1'800'000'000'000};
  Store store;
  Settings settings;
  HostPolicies policies;
  HttpClient client;
  HttpService http;
  RecordStore records;
  HostContext context;
  PluginManager manager;
};

TEST_F(PluginManagerTest, LoadsTheExamplePluginWithItsDeclarations) {
  Plugin &hello = manager.loadFile(test::testPluginDir() + "/hello.so");
  ASSERT_EQ(hello.status, Plugin::Status::Loaded) << hello.reason;
  EXPECT_EQ(hello.id, "hello");
  EXPECT_EQ(hello.version, "1.0.0");
  ASSERT_EQ(hello.jobs.size(), 3u);
  EXPECT_EQ(hello.jobs[0].id, "hello.greet");
  EXPECT_EQ(hello.jobs[0].cooldownSetting, "hello.interval_seconds");
  EXPECT_EQ(hello.jobs[0].pluginEnabledSetting, "hello.enabled");
  EXPECT_TRUE(hello.jobs[2].gradual);
  EXPECT_EQ(hello.jobs[2].itemType, "artist");
  EXPECT_EQ(settings.stringValue("hello.greeting"), "hello");
}

TEST_F(PluginManagerTest, RefusesPluginsThatDoNotFitTheAbi) {
  struct Case {
    const char *file;
    const char *reason;
  };
  for (const Case &c :
       {Case{"bad_major.so", "built for plugin ABI 2.0; this encored speaks ABI 1.x"},
        Case{"newer_minor.so",
             "newer than this encored's " ENCORE_ABI_VERSION_STRING "; upgrade encored"},
        Case{"short_entry.so", "the entry struct is 12 bytes"},
        Case{"no_entry.so", "no encore_plugin_entry symbol: not an Encore plugin"},
        Case{"init_fails.so", "init failed: failed"}}) {
    Plugin &p = load(c.file);
    EXPECT_EQ(p.status, Plugin::Status::Refused) << c.file;
    EXPECT_NE(p.reason.find(c.reason), std::string::npos) << c.file << ": " << p.reason;
  }
  // The refused plugin's declared setting went away with it.
  EXPECT_FALSE(settings.has("init_fails.flag"));
}

TEST_F(PluginManagerTest, RefusesACorruptFileAndADuplicateId) {
  test::writeFile(dir / "corrupt.so", std::string("\x7f"
                                                  "ELF garbage that is not a library",
                                                  34));
  Plugin &corrupt = manager.loadFile((dir / "corrupt.so").string());
  EXPECT_EQ(corrupt.status, Plugin::Status::Refused);
  EXPECT_NE(corrupt.reason.find("cannot load the library"), std::string::npos) << corrupt.reason;
  ASSERT_EQ(load("testkit.so").status, Plugin::Status::Loaded);
  Plugin &again = load("testkit.so");
  EXPECT_EQ(again.status, Plugin::Status::Refused);
  EXPECT_NE(again.reason.find("already has the id 'testkit'"), std::string::npos);
  EXPECT_NE(manager.find("testkit"), nullptr);
}

TEST_F(PluginManagerTest, ARunStoresRecordsAndItsCheckpointTogether) {
  Plugin &kit = load("testkit.so");
  ASSERT_EQ(kit.status, Plugin::Status::Loaded) << kit.reason;
  auto result = runWork(kit, "ok");
  EXPECT_EQ(result.status, RunStatus::Ok) << result.error;
  EXPECT_EQ(result.items, 1);
  runWork(kit, "ok");
  EXPECT_EQ(artists(), 2);
  auto count = store.read([](Database &db) { return kvGet(db, "testkit", "count"); });
  EXPECT_EQ(count, "2");
}

TEST_F(PluginManagerTest, InvalidRecordsFailTheRunWhateverThePluginReturnsAndKeepStoredData) {
  Plugin &kit = load("testkit.so");
  ASSERT_EQ(runWork(kit, "ok").status, RunStatus::Ok);
  auto broken = runWork(kit, "invalid_json");  // the plugin returns OK regardless
  EXPECT_EQ(broken.status, RunStatus::Failed);
  EXPECT_EQ(broken.error, "rejected records: document is not valid JSON");
  auto bad = runWork(kit, "invalid_record");
  EXPECT_EQ(bad.status, RunStatus::Failed);
  EXPECT_EQ(bad.error, "rejected records: records[1].name: must not be empty");
  EXPECT_EQ(artists(), 1);  // the good record of the rejected page was not stored either
  auto count = store.read([](Database &db) { return kvGet(db, "testkit", "count"); });
  EXPECT_EQ(count, "1");  // nor its checkpoint
}

TEST_F(PluginManagerTest, ShutdownUnloadsEveryPlugin) {
  ASSERT_EQ(load("testkit.so").status, Plugin::Status::Loaded);
  manager.shutdown();
  EXPECT_EQ(manager.find("testkit"), nullptr);
}

}  // namespace
}  // namespace encore
