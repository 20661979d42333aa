#include "settings_decl.h"

#include "plugin_state.h"

namespace spotify {
namespace {

constexpr int64_t kDay = 1440;  // minutes

encore_setting_decl toggle(const char *key, const char *title, const char *description, bool on) {
  encore_setting_decl d{};
  d.struct_size = sizeof d;
  d.key = key;
  d.type = ENCORE_SETTING_BOOL;
  d.title = title;
  d.description = description;
  d.default_int = on ? 1 : 0;
  return d;
}

encore_setting_decl number(const char *key, const char *title, const char *description,
                           int64_t value, int64_t min, int64_t max) {
  encore_setting_decl d{};
  d.struct_size = sizeof d;
  d.key = key;
  d.type = ENCORE_SETTING_INT;
  d.title = title;
  d.description = description;
  d.default_int = value;
  d.min_int = min;
  d.max_int = max;
  return d;
}

encore_setting_decl secret(const char *key, const char *title, const char *description,
                           const char *envVar) {
  encore_setting_decl d{};
  d.struct_size = sizeof d;
  d.key = key;
  d.type = ENCORE_SETTING_SECRET;
  d.title = title;
  d.description = description;
  d.max_int = 256;
  d.env_var = envVar;
  return d;
}

const encore_setting_decl kDecls[] = {
    toggle(setting::kEnabled, "Auto-sync", "Master switch: while off, no Spotify job runs.", true),
    toggle(setting::kArtists, "Sync followed artists", "Keep the artists you follow in sync.",
           true),
    toggle(setting::kPlaylists, "Sync playlists",
           "Keep your own and followed playlists and their entries in sync.", true),
    toggle(setting::kLikedSongs, "Sync liked songs",
           "Keep your Liked Songs in sync, stored as a special playlist.", true),
    toggle(setting::kSavedAlbums, "Sync saved albums",
           "Keep the albums saved in your library in sync.", true),
    number(setting::kArtistsInterval, "Artist sync interval",
           "Minutes between two syncs of your followed artists.", 5, 1, kDay),
    number(setting::kPlaylistsInterval, "Playlist sync interval",
           "Minutes between two syncs of your playlists; liked songs and saved albums follow "
           "the same interval.",
           10, 1, kDay),
    toggle(setting::kDownloadImages, "Download images",
           "Keep WebP copies of artist, album and playlist images on disk.", true),
    toggle(setting::kRemoveUnfollowedArtists, "Remove unfollowed artists",
           "Delete artists you no longer follow (with their albums that nothing else keeps).",
           true),
    toggle(setting::kRemoveUnfollowedPlaylists, "Remove deleted playlists",
           "Delete playlists you deleted or unfollowed on Spotify; when off they are kept.", false),
    toggle(setting::kArtistAlbums, "Sync artist albums",
           "Fetch every album of every followed artist, a few artists at a time.", true),
    number(setting::kArtistAlbumsInterval, "Artist album sync interval",
           "Minutes between two rounds of the artist album sync.", 2, 1, kDay),
    number(setting::kArtistAlbumsPerCycle, "Artists per round",
           "How many artists each round of the artist album sync handles.", 5, 1, 100),
    secret(setting::kClientId, "Client ID", "The Client ID of your app at developer.spotify.com.",
           "ENCORE_SPOTIFY_CLIENT_ID"),
    secret(setting::kClientSecret, "Client secret",
           "The Client secret of your app at developer.spotify.com. Leave empty to sign in "
           "with PKCE alone.",
           "ENCORE_SPOTIFY_CLIENT_SECRET"),
    toggle(setting::kRecentlyPlayed, "Record recently played",
           "Poll the tracks you played and add them to your listening history.", true),
    number(setting::kRecentlyPlayedInterval, "Recently played interval",
           "Seconds between two polls of your recently played tracks (Spotify remembers only "
           "the last 50).",
           60, 5, 3600),
    number(setting::kRequestBudget, "Requests per 30 seconds",
           "At most this many requests to the Spotify Web API in any 30 seconds, so a large "
           "sync never trips its rate limit. 0 turns the budget off.",
           60, 0, 10000),
};

const encore_setting_decl *const kDeclPointers[] = {
    &kDecls[0],  &kDecls[1],  &kDecls[2],  &kDecls[3],  &kDecls[4],  &kDecls[5],
    &kDecls[6],  &kDecls[7],  &kDecls[8],  &kDecls[9],  &kDecls[10], &kDecls[11],
    &kDecls[12], &kDecls[13], &kDecls[14], &kDecls[15], &kDecls[16], &kDecls[17]};
static_assert(sizeof kDeclPointers / sizeof kDeclPointers[0] == sizeof kDecls / sizeof kDecls[0]);

}  // namespace

const encore_setting_decl *const *settingDeclarations(uint32_t *count) {
  *count = sizeof kDeclPointers / sizeof kDeclPointers[0];
  return kDeclPointers;
}

}  // namespace spotify
