#include "settings/settings.h"

#include <gtest/gtest.h>

#include "daemon/store/store.h"
#include "support/temp_dir.h"

namespace encore {
namespace {

SettingDef intSetting(const std::string &key, int64_t def, int64_t min, int64_t max) {
  SettingDef d;
  d.key = key;
  d.owner = key.substr(0, key.find('.'));
  d.type = SettingType::Int;
  d.defaultValue = def;
  d.min = min;
  d.max = max;
  return d;
}

SettingDef boolSetting(const std::string &key, bool def) {
  SettingDef d;
  d.key = key;
  d.owner = key.substr(0, key.find('.'));
  d.type = SettingType::Bool;
  d.defaultValue = def;
  return d;
}

SettingDef secretSetting(const std::string &key, const std::string &env) {
  SettingDef d;
  d.key = key;
  d.owner = key.substr(0, key.find('.'));
  d.type = SettingType::Secret;
  d.defaultValue = std::string();
  d.envVar = env;
  return d;
}

class SettingsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store = std::make_unique<Store>(dir.str(), builtinMigrations());
    settings = makeSettings();
  }
  std::unique_ptr<Settings> makeSettings() {
    auto s = std::make_unique<Settings>(*store, [this](const std::string &k) {
      auto it = env.find(k);
      return it == env.end() ? std::nullopt : std::optional<std::string>(it->second);
    });
    s->declare(intSetting("spotify.artists_sync_interval_minutes", 5, 1, 1440));
    s->declare(boolSetting("spotify.auto_sync_enabled", true));
    s->declare(secretSetting("spotify.client_secret", "ENCORE_SPOTIFY_CLIENT_SECRET"));
    return s;
  }
  test::TempDir dir;
  std::map<std::string, std::string> env;
  std::unique_ptr<Store> store;
  std::unique_ptr<Settings> settings;
};

TEST_F(SettingsTest, DefaultsUntilSetAndStoredAcrossRestarts) {
  EXPECT_EQ(settings->intValue("spotify.artists_sync_interval_minutes"), 5);
  EXPECT_EQ(settings->origin("spotify.artists_sync_interval_minutes"), Settings::Origin::Default);
  auto errors = settings->update({{"spotify.artists_sync_interval_minutes", 7}});
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(settings->intValue("spotify.artists_sync_interval_minutes"), 7);
  auto reopened = makeSettings();
  EXPECT_EQ(reopened->intValue("spotify.artists_sync_interval_minutes"), 7);
  EXPECT_EQ(reopened->origin("spotify.artists_sync_interval_minutes"), Settings::Origin::Stored);
}

TEST_F(SettingsTest, ABadFieldRejectsTheWholeUpdate) {
  auto errors = settings->update({{"spotify.auto_sync_enabled", false},
                                  {"spotify.artists_sync_interval_minutes", 0},
                                  {"spotify.nope", 1},
                                  {"spotify.client_secret", 42}});
  ASSERT_EQ(errors.size(), 3u);
  std::map<std::string, std::string> byKey;
  for (const auto &e : errors) byKey[e.key] = e.message;
  EXPECT_EQ(byKey["spotify.artists_sync_interval_minutes"],
            "expected an integer between 1 and 1440");
  EXPECT_EQ(byKey["spotify.nope"], "unknown setting");
  EXPECT_EQ(byKey["spotify.client_secret"], "expected a string");
  // The valid field was not applied either.
  EXPECT_TRUE(settings->boolValue("spotify.auto_sync_enabled"));
  EXPECT_EQ(settings->generation(), 0u);
}

TEST_F(SettingsTest, WrongTypesAreRefused) {
  EXPECT_FALSE(settings->update({{"spotify.artists_sync_interval_minutes", "7"}}).empty());
  EXPECT_FALSE(settings->update({{"spotify.artists_sync_interval_minutes", 7.5}}).empty());
  EXPECT_FALSE(settings->update({{"spotify.artists_sync_interval_minutes", true}}).empty());
  EXPECT_FALSE(settings->update({{"spotify.auto_sync_enabled", 1}}).empty());
  EXPECT_FALSE(
      settings->update({{"spotify.artists_sync_interval_minutes", 18446744073709551615ull}})
          .empty());
  EXPECT_FALSE(settings->update(nlohmann::json::array({1, 2})).empty());
}

TEST_F(SettingsTest, NullResetsToDefault) {
  ASSERT_TRUE(settings->update({{"spotify.artists_sync_interval_minutes", 9}}).empty());
  ASSERT_TRUE(settings->update({{"spotify.artists_sync_interval_minutes", nullptr}}).empty());
  EXPECT_EQ(settings->intValue("spotify.artists_sync_interval_minutes"), 5);
  EXPECT_EQ(makeSettings()->intValue("spotify.artists_sync_interval_minutes"), 5);
}

TEST_F(SettingsTest, EnvironmentSuppliesAValueUntilOneIsStored) {
  env["ENCORE_SPOTIFY_CLIENT_SECRET"] = "from-env";
  EXPECT_EQ(settings->stringValue("spotify.client_secret"), "from-env");
  EXPECT_EQ(settings->origin("spotify.client_secret"), Settings::Origin::Environment);
  ASSERT_TRUE(settings->update({{"spotify.client_secret", "from-ui"}}).empty());
  EXPECT_EQ(settings->stringValue("spotify.client_secret"), "from-ui");
}

TEST_F(SettingsTest, ListenersHearEveryAppliedUpdate) {
  std::vector<std::string> heard;
  settings->onChange([&](const std::vector<std::string> &keys) {
    heard.insert(heard.end(), keys.begin(), keys.end());
  });
  settings->update({{"spotify.auto_sync_enabled", false}});
  settings->update({{"spotify.auto_sync_enabled", "no"}});  // rejected: not heard
  EXPECT_EQ(heard, (std::vector<std::string>{"spotify.auto_sync_enabled"}));
  EXPECT_EQ(settings->generation(), 1u);
}

TEST_F(SettingsTest, DeclarationsAreChecked) {
  EXPECT_THROW(settings->declare(intSetting("spotify.artists_sync_interval_minutes", 5, 1, 9)),
               std::invalid_argument);  // twice
  EXPECT_THROW(settings->declare(intSetting("spotify.bad", 50, 1, 9)), std::invalid_argument);
  EXPECT_THROW(settings->declare(intSetting("Bad Key.x", 1, 0, 9)), std::invalid_argument);
  auto outside = intSetting("other.x", 1, 0, 9);
  outside.owner = "spotify";
  EXPECT_THROW(settings->declare(outside), std::invalid_argument);
}

TEST_F(SettingsTest, ADeclaredCheckRefusesAWellTypedButWrongValue) {
  SettingDef zone;
  zone.key = "server.timezone";
  zone.owner = "server";
  zone.type = SettingType::String;
  zone.defaultValue = std::string("UTC");
  zone.check = [](const SettingValue &v) -> std::string {
    return std::get<std::string>(v).find('/') == std::string::npos ? "expected Area/City" : "";
  };
  settings->declare(zone);
  auto errors =
      settings->update({{"server.timezone", "Mars"}, {"spotify.auto_sync_enabled", false}});
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].message, "expected Area/City");
  EXPECT_TRUE(settings->boolValue("spotify.auto_sync_enabled"));  // nothing applied
  EXPECT_TRUE(settings->update({{"server.timezone", "Europe/Berlin"}}).empty());
}

TEST_F(SettingsTest, RemovingAnOwnerKeepsTheOthers) {
  settings->removeOwner("spotify");
  EXPECT_FALSE(settings->has("spotify.auto_sync_enabled"));
  settings->declare(boolSetting("hello.enabled", true));
  EXPECT_EQ(settings->definitions().size(), 1u);
}

}  // namespace
}  // namespace encore
