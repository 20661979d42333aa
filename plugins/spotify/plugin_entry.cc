// The Spotify source plugin: its entry, its jobs and sink, and init. Everything it does
// goes through the host's services; every callback catches everything.
#include <memory>

#include "encore/plugin.hpp"
#include "plugin_state.h"
#include "settings_decl.h"

namespace spotify {
namespace {

/// Scopes the jobs and the playlist sink need, nothing more.
constexpr const char *kScopes =
    "user-follow-read user-library-read playlist-read-private playlist-read-collaborative "
    "user-read-recently-played playlist-modify-private playlist-modify-public";

std::string baseUrl(const encore::Host &host, const char *key, const char *fallback) {
  std::string url = host.config(key).value_or(fallback);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

int32_t init(const encore_host *raw, void **stateOut) noexcept {
  return encore::guardInit(raw, [&] {
    auto state = std::make_unique<PluginState>();
    state->host = encore::Host(raw);
    const encore::Host &host = state->host;
    host.require({ENCORE_LOG_SERVICE_V1, ENCORE_CONFIG_SERVICE_V1, ENCORE_SETTINGS_SERVICE_V1,
                  ENCORE_KV_SERVICE_V1, ENCORE_TIME_SERVICE_V1, ENCORE_HTTP_SERVICE_V1,
                  ENCORE_RECORDS_SERVICE_V1, ENCORE_RUN_SERVICE_V1, ENCORE_OAUTH2_SERVICE_V1,
                  ENCORE_SINK_SERVICE_V1});
    host.declareSettings(settingDeclarations());

    state->apiBase = baseUrl(host, "ENCORE_SPOTIFY_API_URL", "https://api.spotify.com");
    state->accountsBase =
        baseUrl(host, "ENCORE_SPOTIFY_ACCOUNTS_URL", "https://accounts.spotify.com");
    state->authorizeUrl = state->accountsBase + "/authorize";
    state->tokenUrl = state->accountsBase + "/api/token";
    encore_oauth2_provider provider{};
    provider.struct_size = sizeof provider;
    provider.authorize_url = state->authorizeUrl.c_str();
    provider.token_url = state->tokenUrl.c_str();
    provider.scopes = kScopes;
    provider.client_id_setting = setting::kClientId;
    provider.client_secret_setting = setting::kClientSecret;
    provider.use_pkce = 1;
    try {
      host.registerOAuth2(provider);
    } catch (const encore::Error &e) {
      throw encore::Error(e.code(), "the host refused the OAuth provider (bad accounts URL?)");
    }
    state->applyBudget();
    *stateOut = state.release();
  });
}

void shutdown(void *state) noexcept {
  delete static_cast<PluginState *>(state);
}

template <RunBody Body>
int32_t run(void *state, encore_run *r) noexcept {
  PluginState &s = *static_cast<PluginState *>(state);
  return encore::guardRun(s.host, r, [&] { s.run(r, Body); });
}

constexpr encore_job_decl kJobs[] = {
    encore::job({.id = "artists",
                 .title = "Followed artists",
                 .description = "The artists you follow.",
                 .cooldownSeconds = 300,
                 .cooldownSetting = setting::kArtistsInterval,
                 .cooldownUnitSeconds = 60,
                 .enabledSetting = setting::kArtists,
                 .run = run<syncFollowedArtists>}),
    encore::job({.id = "playlists",
                 .title = "Playlists",
                 .description = "Your playlists and, when they changed, their entries.",
                 .cooldownSeconds = 600,
                 .cooldownSetting = setting::kPlaylistsInterval,
                 .cooldownUnitSeconds = 60,
                 .enabledSetting = setting::kPlaylists,
                 .run = run<syncPlaylists>}),
    encore::job({.id = "liked_songs",
                 .title = "Liked songs",
                 .description = "Your Liked Songs, as a special playlist.",
                 .cooldownSeconds = 600,
                 .cooldownSetting = setting::kPlaylistsInterval,
                 .cooldownUnitSeconds = 60,
                 .enabledSetting = setting::kLikedSongs,
                 .run = run<syncLikedSongs>}),
    encore::job({.id = "saved_albums",
                 .title = "Saved albums",
                 .description = "The albums saved in your library.",
                 .cooldownSeconds = 600,
                 .cooldownSetting = setting::kPlaylistsInterval,
                 .cooldownUnitSeconds = 60,
                 .enabledSetting = setting::kSavedAlbums,
                 .run = run<syncSavedAlbums>}),
    encore::gradualJob(
        {.id = "artist_albums",
         .title = "Artist albums",
         .description = "Every album of every followed artist, a few artists per round.",
         .cooldownSeconds = 120,
         .cooldownSetting = setting::kArtistAlbumsInterval,
         .cooldownUnitSeconds = 60,
         .enabledSetting = setting::kArtistAlbums,
         .batchSize = 5,
         .batchSetting = setting::kArtistAlbumsPerCycle,
         .itemType = "artist",
         .itemStaleSeconds = 24 * 3600,
         .itemCollection = "followed_artists",
         .run = run<syncArtistAlbums>}),
    encore::job({.id = "recently_played",
                 .title = "Recently played",
                 .description = "New plays, into your listening history.",
                 .cooldownSeconds = 60,
                 .cooldownSetting = setting::kRecentlyPlayedInterval,
                 .cooldownUnitSeconds = 1,
                 .enabledSetting = setting::kRecentlyPlayed,
                 .run = run<syncRecentlyPlayed>}),
};
constexpr auto kJobList = encore::declList(kJobs);

constexpr encore_sink_decl kSinks[] = {encore::sink({.id = "playlist_push",
                                                     .title = "Smart playlists to Spotify",
                                                     .accepts = "playlist_push",
                                                     .push = run<pushPlaylist>})};
constexpr auto kSinkList = encore::declList(kSinks);

}  // namespace
}  // namespace spotify

ENCORE_PLUGIN_ENTRY = encore::pluginEntry({
    .id = "spotify",
    .name = "Spotify",
    .version = ENCORE_PLUGIN_VERSION,
    .description = "Your Spotify library (followed artists, playlists, liked songs, saved albums, "
                   "every album of your artists) and your recently played tracks; pushes smart "
                   "playlists back.",
    .init = spotify::init,
    .shutdown = spotify::shutdown,
    .enabledSetting = spotify::setting::kEnabled,
    .jobs = spotify::kJobList,
    .sinks = spotify::kSinkList,
});
