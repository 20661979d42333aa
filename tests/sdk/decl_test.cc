// encore/decl.hpp: declarations by name fill struct_size, the ABI version and the counts.
#include <gtest/gtest.h>

#include "encore/decl.hpp"

namespace encore {
namespace {

int32_t noRun(void *, encore_run *) {
  return ENCORE_OK;
}

constexpr encore_setting_decl kSettings[] = {
    boolSetting({.key = "on", .title = "On", .description = "d", .defaultValue = true}),
    intSetting({.key = "every",
                .title = "Every",
                .description = "d",
                .defaultValue = 5,
                .min = 1,
                .max = 60}),
    secretSetting({.key = "key",
                   .title = "Key",
                   .description = "d",
                   .maxBytes = 128,
                   .envVar = "ENCORE_X_KEY"}),
};
constexpr auto kSettingList = declList(kSettings);

constexpr encore_job_decl kJobs[] = {
    job({.id = "sync", .title = "Sync", .description = "d", .run = noRun}),
    gradualJob({.id = "albums",
                .title = "Albums",
                .description = "d",
                .batchSize = 5,
                .itemType = "artist",
                .itemCollection = "followed_artists",
                .run = noRun}),
};
constexpr auto kJobList = declList(kJobs);

TEST(DeclTest, SettingsCarryTheirTypeAndBounds) {
  static_assert(kSettingList.size() == 3);
  EXPECT_EQ(kSettingList[1], &kSettings[1]);
  EXPECT_EQ(kSettings[0].struct_size, sizeof(encore_setting_decl));
  EXPECT_EQ(kSettings[0].type, ENCORE_SETTING_BOOL);
  EXPECT_EQ(kSettings[0].default_int, 1);
  EXPECT_EQ(kSettings[1].type, ENCORE_SETTING_INT);
  EXPECT_EQ(kSettings[1].max_int, 60);
  EXPECT_EQ(kSettings[2].type, ENCORE_SETTING_SECRET);
  EXPECT_EQ(kSettings[2].max_int, 128);
  EXPECT_STREQ(kSettings[2].env_var, "ENCORE_X_KEY");
}

TEST(DeclTest, JobsTakeTheDocumentedDefaults) {
  EXPECT_EQ(kJobs[0].struct_size, sizeof(encore_job_decl));
  EXPECT_EQ(kJobs[0].default_cooldown_seconds, 3600);
  EXPECT_EQ(kJobs[0].cooldown_unit_seconds, 1);
  EXPECT_EQ(kJobs[0].gradual, 0);
  EXPECT_EQ(kJobs[1].gradual, 1);
  EXPECT_EQ(kJobs[1].batch_size, 5);
  EXPECT_STREQ(kJobs[1].item_collection, "followed_artists");
  EXPECT_EQ(kJobs[1].run, &noRun);
}

TEST(DeclTest, TheEntryCountsWhatItIsGiven) {
  constexpr encore_plugin_entry_t entry = pluginEntry({.id = "mine", .jobs = kJobList});
  EXPECT_EQ(entry.struct_size, sizeof(encore_plugin_entry_t));
  EXPECT_EQ(entry.abi_major, static_cast<uint32_t>(ENCORE_ABI_MAJOR));
  EXPECT_EQ(entry.abi_minor, static_cast<uint32_t>(ENCORE_ABI_MINOR));
  EXPECT_EQ(entry.job_count, 2u);
  EXPECT_EQ(entry.jobs[1], &kJobs[1]);
  EXPECT_EQ(entry.importer_count, 0u);
  EXPECT_EQ(entry.importers, nullptr);
  constexpr encore_plugin_entry_t older = pluginEntry({.id = "old", .abiMinor = 0});
  EXPECT_EQ(older.abi_minor, 0u);
}

}  // namespace
}  // namespace encore
