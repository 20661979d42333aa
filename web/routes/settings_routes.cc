// GET/PUT /api/settings, GET/PUT /api/settings/spotify-sync, GET /api/settings/db-stats
#include <map>
#include <set>

#include "artwork/artwork_table.h"
#include "web/api_error.h"
#include "web/routes/api_routes.h"

namespace encore {
namespace {

const char *originName(Settings::Origin origin) {
  switch (origin) {
    case Settings::Origin::Default:
      return "default";
    case Settings::Origin::Environment:
      return "environment";
    case Settings::Origin::Stored:
      return "stored";
  }
  return "default";
}

nlohmann::json settingJson(const Settings &settings, const SettingDef &def) {
  nlohmann::json j = {{"key", def.key},
                      {"owner", def.owner},
                      {"type", settingTypeName(def.type)},
                      {"title", def.title},
                      {"description", def.description},
                      {"origin", originName(settings.origin(def.key))}};
  if (def.type == SettingType::Int) {
    j["min"] = def.min;
    j["max"] = def.max;
  }
  if (def.type == SettingType::String || def.type == SettingType::Secret) {
    j["max_length"] = def.max > 0 ? def.max : kDefaultMaxStringLength;
  }
  if (!def.envVar.empty()) j["env_var"] = def.envVar;
  if (def.suggestions) j["suggestions"] = def.suggestions();
  if (def.isSecret()) {
    // Write-only: say whether one is set, never what it is.
    j["is_set"] = !settings.stringValue(def.key).empty();
  } else {
    j["default"] = settingValueToJson(def.defaultValue);
    j["value"] = settingValueToJson(settings.value(def.key));
  }
  return j;
}

/// Every setting, and each group of them (an owner) with the title the settings page
/// shows: the host's groups by these names, a plugin's by the name it gave itself.
nlohmann::json allSettings(WebServices &s) {
  static const std::map<std::string, std::string> kHostGroups = {{"server", "Server"},
                                                                 {"playlists", "Smart playlists"},
                                                                 {"artwork", "Artwork"},
                                                                 {"imports", "Imports"}};
  nlohmann::json list = nlohmann::json::array(), groups = nlohmann::json::array();
  std::set<std::string> owners;
  for (const auto &def : s.settings.definitions()) {
    list.push_back(settingJson(s.settings, def));
    if (!owners.insert(def.owner).second) continue;
    std::string title = def.owner;
    if (auto host = kHostGroups.find(def.owner); host != kHostGroups.end()) {
      title = host->second;
    } else if (const Plugin *plugin = s.plugins.find(def.owner);
               plugin != nullptr && !plugin->name.empty()) {
      title = plugin->name;
    }
    groups.push_back({{"owner", def.owner}, {"title", title}});
  }
  return {{"settings", list}, {"groups", groups}};
}

void applyOrThrow(Settings &settings, const nlohmann::json &changes) {
  auto errors = settings.update(changes);
  if (errors.empty()) return;
  nlohmann::json fields = nlohmann::json::object();
  for (const auto &e : errors) fields[e.key.empty() ? "_" : e.key] = e.message;
  throw ApiError(400, "invalid_settings",
                 std::to_string(errors.size()) +
                     (errors.size() == 1 ? " setting is" : " settings are") +
                     " invalid; nothing was changed",
                 fields);
}

// The seed's sync settings, in its order; GET/PUT /api/settings/spotify-sync speak these
// keys without the "spotify." prefix.
const char *const kSpotifySyncKeys[] = {"auto_sync_enabled",
                                        "auto_sync_artists",
                                        "auto_sync_playlists",
                                        "auto_sync_liked_songs",
                                        "auto_sync_saved_albums",
                                        "artists_sync_interval_minutes",
                                        "playlists_sync_interval_minutes",
                                        "download_images",
                                        "remove_unfollowed_artists",
                                        "remove_unfollowed_playlists",
                                        "auto_sync_artist_albums",
                                        "artist_albums_sync_interval_minutes",
                                        "artist_albums_per_cycle"};

// Disk usage of the Spotify artwork per kind, from the artwork cache's table (which the
// start-up garbage collection reconciles with the files on disk).
nlohmann::json imageStats(Store &store) {
  auto usage = ArtworkTable(store).usage("spotify");
  const int64_t total = usage["artists"].bytes + usage["albums"].bytes + usage["playlists"].bytes;
  return {{"artists_bytes", usage["artists"].bytes},     {"albums_bytes", usage["albums"].bytes},
          {"playlists_bytes", usage["playlists"].bytes}, {"total_bytes", total},
          {"artists_count", usage["artists"].count},     {"albums_count", usage["albums"].count},
          {"playlists_count", usage["playlists"].count}};
}

nlohmann::json spotifySync(WebServices &s) {
  if (!s.settings.has("spotify.auto_sync_enabled")) {
    throw ApiError(404, "plugin_not_loaded", "the Spotify plugin is not loaded");
  }
  nlohmann::json settings = nlohmann::json::object();
  for (const char *key : kSpotifySyncKeys) {
    settings[key] = settingValueToJson(s.settings.value(std::string("spotify.") + key));
  }
  return {{"settings", settings}, {"image_stats", imageStats(s.store)}};
}

int64_t count(Database &db, const char *sql) {
  auto q = db.prepare(sql);
  q->step();
  return q->int64(0);
}

}  // namespace

void addSettingsRoutes(Router &router, WebServices &s) {
  router.add("GET", "/api/settings",
             [&s](RequestContext &ctx) { ctx.sendJson(200, allSettings(s)); });

  router.add("PUT", "/api/settings", [&s](RequestContext &ctx) {
    auto body = ctx.jsonBody();
    if (!body.is_object()) {
      throw ApiError(400, "invalid_settings", "expected a JSON object of setting keys and values");
    }
    applyOrThrow(s.settings, body);
    s.scheduler.wake();
    ctx.sendJson(200, allSettings(s));
  });

  router.add("GET", "/api/settings/spotify-sync",
             [&s](RequestContext &ctx) { ctx.sendJson(200, spotifySync(s)); });

  router.add("PUT", "/api/settings/spotify-sync", [&s](RequestContext &ctx) {
    auto body = ctx.jsonBody();
    // Accepts the GET shape ({"settings": {...}}) or the bare settings object.
    if (body.is_object() && body.contains("settings") && body["settings"].is_object()) {
      body = body["settings"];
    }
    if (!body.is_object()) throw ApiError(400, "invalid_settings", "expected a JSON object");
    nlohmann::json changes = nlohmann::json::object();
    nlohmann::json unknown = nlohmann::json::object();
    for (const auto &[key, value] : body.items()) {
      bool known = false;
      for (const char *k : kSpotifySyncKeys) known = known || key == k;
      if (known) {
        changes["spotify." + key] = value;
      } else {
        unknown[key] = "unknown setting";
      }
    }
    if (!unknown.empty()) {
      throw ApiError(400, "invalid_settings", "unknown sync settings; nothing was changed",
                     unknown);
    }
    if (!s.settings.has("spotify.auto_sync_enabled")) {
      throw ApiError(404, "plugin_not_loaded", "the Spotify plugin is not loaded");
    }
    try {
      applyOrThrow(s.settings, changes);
    } catch (const ApiError &e) {
      // Name the fields as the caller sent them, without the prefix.
      nlohmann::json fields = nlohmann::json::object();
      for (const auto &[key, message] : e.fields().items()) {
        fields[key.rfind("spotify.", 0) == 0 ? key.substr(8) : key] = message;
      }
      throw ApiError(e.status(), e.code(), e.what(), fields);
    }
    s.scheduler.wake();
    ctx.sendJson(200, spotifySync(s));
  });

  router.add("GET", "/api/settings/db-stats", [&s](RequestContext &ctx) {
    auto stats = s.store.read([](Database &db) {
      return nlohmann::json{
          {"artists", count(db, "SELECT count(*) FROM artists")},
          {"followed_artists",
           count(db, "SELECT count(*) FROM library_items WHERE collection = 'followed_artists'")},
          {"albums", count(db, "SELECT count(*) FROM albums")},
          {"tracks", count(db, "SELECT count(*) FROM tracks")},
          {"playlists", count(db, "SELECT count(*) FROM playlists WHERE is_liked_songs = 0")},
          {"liked_songs", count(db,
                                "SELECT count(*) FROM playlist_items WHERE playlist_id IN"
                                " (SELECT id FROM playlists WHERE is_liked_songs = 1)")},
          {"saved_albums",
           count(db, "SELECT count(*) FROM library_items WHERE collection = 'saved_albums'")},
          {"plays", count(db, "SELECT count(*) FROM plays")}};
    });
    ctx.sendJson(200, stats);
  });
}

}  // namespace encore
