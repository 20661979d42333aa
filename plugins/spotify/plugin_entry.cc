// The Spotify source plugin: its entry, its jobs and sink, and init. Everything it does
// goes through the host's services; every callback catches everything.
#include <memory>

#include "plugin_state.h"
#include "settings_decl.h"

namespace spotify {
namespace {

/// Scopes the jobs and the playlist sink need, nothing more.
constexpr const char *kScopes =
    "user-follow-read user-library-read playlist-read-private playlist-read-collaborative "
    "user-read-recently-played playlist-modify-private playlist-modify-public";

std::string baseUrl(const Host &host, const char *key, const char *fallback) {
  std::string url = host.config(key).value_or(fallback);
  while (!url.empty() && url.back() == '/') url.pop_back();
  return url;
}

int32_t init(const encore_host *raw, void **stateOut) noexcept {
  try {
    auto state = std::make_unique<PluginState>();
    if (!state->host.bind(raw)) return ENCORE_E_UNSUPPORTED;
    Host &host = state->host;
    uint32_t count = 0;
    const auto *decls = settingDeclarations(&count);
    if (int32_t rc = host.declareSettings(decls, count); rc != ENCORE_OK) return rc;

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
    if (int32_t rc = host.registerOAuth(provider); rc != ENCORE_OK) {
      host.log(ENCORE_LOG_ERROR, "the host refused the OAuth provider (bad accounts URL?)");
      return rc;
    }
    state->applyBudget();
    *stateOut = state.release();
    return ENCORE_OK;
  } catch (...) {
    return ENCORE_E_INTERNAL;
  }
}

void shutdown(void *state) noexcept {
  delete static_cast<PluginState *>(state);
}

template <RunBody Body>
int32_t run(void *state, encore_run *r) noexcept {
  return runGuarded(*static_cast<PluginState *>(state), r, Body);
}

encore_job_decl job(const char *id, const char *title, const char *description, int64_t seconds,
                    const char *cooldownSetting, int64_t unit, const char *toggle,
                    encore_run_fn fn) {
  encore_job_decl d{};
  d.struct_size = sizeof d;
  d.id = id;
  d.title = title;
  d.description = description;
  d.default_cooldown_seconds = seconds;
  d.cooldown_setting = cooldownSetting;
  d.cooldown_unit_seconds = unit;
  d.enabled_setting = toggle;
  d.run = fn;
  return d;
}

encore_job_decl gradualArtistAlbums() {
  encore_job_decl d =
      job("artist_albums", "Artist albums",
          "Every album of every followed artist, a few artists per round.", 120,
          setting::kArtistAlbumsInterval, 60, setting::kArtistAlbums, run<syncArtistAlbums>);
  d.gradual = 1;
  d.batch_size = 5;
  d.batch_setting = setting::kArtistAlbumsPerCycle;
  d.item_type = "artist";
  d.item_stale_seconds = 24 * 3600;
  d.item_collection = "followed_artists";
  return d;
}

const encore_job_decl kJobs[] = {
    job("artists", "Followed artists", "The artists you follow.", 300, setting::kArtistsInterval,
        60, setting::kArtists, run<syncFollowedArtists>),
    job("playlists", "Playlists", "Your playlists and, when they changed, their entries.", 600,
        setting::kPlaylistsInterval, 60, setting::kPlaylists, run<syncPlaylists>),
    job("liked_songs", "Liked songs", "Your Liked Songs, as a special playlist.", 600,
        setting::kPlaylistsInterval, 60, setting::kLikedSongs, run<syncLikedSongs>),
    job("saved_albums", "Saved albums", "The albums saved in your library.", 600,
        setting::kPlaylistsInterval, 60, setting::kSavedAlbums, run<syncSavedAlbums>),
    gradualArtistAlbums(),
    job("recently_played", "Recently played", "New plays, into your listening history.", 60,
        setting::kRecentlyPlayedInterval, 1, setting::kRecentlyPlayed, run<syncRecentlyPlayed>),
};
const encore_job_decl *const kJobPointers[] = {&kJobs[0], &kJobs[1], &kJobs[2],
                                               &kJobs[3], &kJobs[4], &kJobs[5]};

const encore_sink_decl kPlaylistSink = {sizeof(encore_sink_decl), "playlist_push",
                                        "Smart playlists to Spotify", "playlist_push",
                                        run<pushPlaylist>};
const encore_sink_decl *const kSinkPointers[] = {&kPlaylistSink};

}  // namespace
}  // namespace spotify

ENCORE_PLUGIN_ENTRY = {
    sizeof(encore_plugin_entry_t),
    ENCORE_ABI_MAJOR,
    ENCORE_ABI_MINOR,
    "spotify",
    "Spotify",
    "1.0.0",
    "Your Spotify library (followed artists, playlists, liked songs, saved albums, every album "
    "of your artists) and your recently played tracks; pushes smart playlists back.",
    spotify::init,
    spotify::shutdown,
    spotify::setting::kEnabled,
    spotify::kJobPointers,
    sizeof spotify::kJobPointers / sizeof spotify::kJobPointers[0],
    nullptr,
    0,
    spotify::kSinkPointers,
    1,
};
