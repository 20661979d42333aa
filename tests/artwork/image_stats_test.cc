// GET /api/settings/spotify-sync: its image_stats object is exactly the seed's, filled
// from the artwork cache's table. The settings routes run in a real web server here, with
// the Spotify settings declared as the Spotify plugin declares them.
#include <gtest/gtest.h>

#include "artwork/artwork_table.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/records/record_store.h"
#include "daemon/scheduler/scheduler.h"
#include "daemon/store/migration.h"
#include "support/http_call.h"
#include "support/temp_dir.h"
#include "web/routes/api_routes.h"
#include "web/web_server.h"

namespace encore {
namespace {

class NoHolds : public JobGate {
 public:
  std::optional<Hold> hold(const std::string &) override { return std::nullopt; }
};

void declareSpotifySyncSettings(Settings &settings) {
  for (const char *key :
       {"auto_sync_enabled", "auto_sync_artists", "auto_sync_playlists", "auto_sync_liked_songs",
        "auto_sync_saved_albums", "download_images", "remove_unfollowed_artists",
        "remove_unfollowed_playlists", "auto_sync_artist_albums"}) {
    SettingDef def;
    def.key = std::string("spotify.") + key;
    def.owner = "spotify";
    def.type = SettingType::Bool;
    def.title = key;
    def.defaultValue = true;
    settings.declare(def);
  }
  for (const char *key : {"artists_sync_interval_minutes", "playlists_sync_interval_minutes",
                          "artist_albums_sync_interval_minutes", "artist_albums_per_cycle"}) {
    SettingDef def;
    def.key = std::string("spotify.") + key;
    def.owner = "spotify";
    def.type = SettingType::Int;
    def.title = key;
    def.defaultValue = int64_t{5};
    def.min = 1;
    def.max = 1440;
    settings.declare(def);
  }
}

TEST(ImageStatsTest, SpotifySyncReportsTheCachedFilesPerKind) {
  test::TempDir dir;
  Store store(dir.str(), builtinMigrations());
  Settings settings(store, nullptr);
  declareSpotifySyncSettings(settings);
  SystemClock clock;
  RunLog runLog(store);
  InlineDispatcher dispatcher;
  NoHolds gate;
  Scheduler scheduler(clock, settings, runLog, dispatcher, gate,
                      [](const JobSpec &, int64_t) { return std::vector<std::string>(); });
  HostPolicies policies(clock, nullptr);
  HttpClient client(HttpClient::Options{},
                    ProxyConfig([](const std::string &) { return std::optional<std::string>(); }));
  HttpService http(client, policies, clock);
  RecordStore records(store, clock, RecordHandlers::withLibraryTypes());
  HostContext context{clock, store, settings, records, http, nullptr, nullptr};
  PluginManager plugins(context);
  WebServices services{clock,     store,   settings,
                       scheduler, plugins, policies,
                       "test",    0,       [](const Plugin &) { return std::string(); }};
  Router router;
  addSettingsRoutes(router, services);
  WebServer server("127.0.0.1", 0, router);
  server.start();
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());

  // Files: 2 artists, 1 album, no playlist; plus a failed album and another source's.
  ArtworkTable table(store);
  auto stored = [&](const std::string &source, const std::string &kind, const std::string &id,
                    int64_t bytes) {
    const std::string image = "https://i.scdn.co/image/" + id;
    table.applyWanted({{{source, kind, id}, image}}, 1);
    table.record({{{source, kind, id}, image, true, bytes, {}}}, 2);
  };
  stored("spotify", "artists", "a1", 1000);
  stored("spotify", "artists", "a2", 2345);
  stored("spotify", "albums", "b1", 30000);
  stored("lastfm", "albums", "b1", 777);
  table.applyWanted({{{"spotify", "albums", "bad"}, "https://i.scdn.co/image/bad"}}, 1);
  table.record({{{"spotify", "albums", "bad"},
                 "https://i.scdn.co/image/bad",
                 false,
                 0,
                 {"not an image", true, 99}}},
               3);

  auto answer = test::httpGet(url + "/api/settings/spotify-sync");
  ASSERT_EQ(answer.status, 200) << answer.body;
  EXPECT_EQ(answer.json()["image_stats"], (nlohmann::json{{"artists_bytes", 3345},
                                                          {"albums_bytes", 30000},
                                                          {"playlists_bytes", 0},
                                                          {"total_bytes", 33345},
                                                          {"artists_count", 2},
                                                          {"albums_count", 1},
                                                          {"playlists_count", 0}}));
  server.stop();
}

}  // namespace
}  // namespace encore
