#include "settings_decl.h"

#include "plugin_state.h"

namespace spotify {
namespace {

constexpr int64_t kDay = 1440;  // minutes

constexpr encore_setting_decl kDecls[] = {
    encore::boolSetting({.key = setting::kEnabled,
                         .title = "Auto-sync",
                         .description = "Master switch: while off, no Spotify job runs.",
                         .defaultValue = true}),
    encore::boolSetting({.key = setting::kArtists,
                         .title = "Sync followed artists",
                         .description = "Keep the artists you follow in sync.",
                         .defaultValue = true}),
    encore::boolSetting(
        {.key = setting::kPlaylists,
         .title = "Sync playlists",
         .description = "Keep your own and followed playlists and their entries in sync.",
         .defaultValue = true}),
    encore::boolSetting(
        {.key = setting::kLikedSongs,
         .title = "Sync liked songs",
         .description = "Keep your Liked Songs in sync, stored as a special playlist.",
         .defaultValue = true}),
    encore::boolSetting({.key = setting::kSavedAlbums,
                         .title = "Sync saved albums",
                         .description = "Keep the albums saved in your library in sync.",
                         .defaultValue = true}),
    encore::intSetting({.key = setting::kArtistsInterval,
                        .title = "Artist sync interval",
                        .description = "Minutes between two syncs of your followed artists.",
                        .defaultValue = 5,
                        .min = 1,
                        .max = kDay}),
    encore::intSetting(
        {.key = setting::kPlaylistsInterval,
         .title = "Playlist sync interval",
         .description =
             "Minutes between two syncs of your playlists; liked songs and saved albums follow "
             "the same interval.",
         .defaultValue = 10,
         .min = 1,
         .max = kDay}),
    encore::boolSetting(
        {.key = setting::kDownloadImages,
         .title = "Download images",
         .description = "Keep WebP copies of artist, album and playlist images on disk.",
         .defaultValue = true}),
    encore::boolSetting(
        {.key = setting::kRemoveUnfollowedArtists,
         .title = "Remove unfollowed artists",
         .description =
             "Delete artists you no longer follow (with their albums that nothing else keeps).",
         .defaultValue = true}),
    encore::boolSetting(
        {.key = setting::kRemoveUnfollowedPlaylists,
         .title = "Remove deleted playlists",
         .description =
             "Delete playlists you deleted or unfollowed on Spotify; when off they are kept.",
         .defaultValue = false}),
    encore::boolSetting(
        {.key = setting::kArtistAlbums,
         .title = "Sync artist albums",
         .description = "Fetch every album of every followed artist, a few artists at a time.",
         .defaultValue = true}),
    encore::intSetting({.key = setting::kArtistAlbumsInterval,
                        .title = "Artist album sync interval",
                        .description = "Minutes between two rounds of the artist album sync.",
                        .defaultValue = 2,
                        .min = 1,
                        .max = kDay}),
    encore::intSetting(
        {.key = setting::kArtistAlbumsPerCycle,
         .title = "Artists per round",
         .description = "How many artists each round of the artist album sync handles.",
         .defaultValue = 5,
         .min = 1,
         .max = 100}),
    encore::secretSetting({.key = setting::kClientId,
                           .title = "Client ID",
                           .description = "The Client ID of your app at developer.spotify.com.",
                           .maxBytes = 256,
                           .envVar = "ENCORE_SPOTIFY_CLIENT_ID"}),
    encore::secretSetting(
        {.key = setting::kClientSecret,
         .title = "Client secret",
         .description =
             "The Client secret of your app at developer.spotify.com. Leave empty to sign in "
             "with PKCE alone.",
         .maxBytes = 256,
         .envVar = "ENCORE_SPOTIFY_CLIENT_SECRET"}),
    encore::boolSetting(
        {.key = setting::kRecentlyPlayed,
         .title = "Record recently played",
         .description = "Poll the tracks you played and add them to your listening history.",
         .defaultValue = true}),
    encore::intSetting(
        {.key = setting::kRecentlyPlayedInterval,
         .title = "Recently played interval",
         .description =
             "Seconds between two polls of your recently played tracks (Spotify remembers only "
             "the last 50).",
         .defaultValue = 60,
         .min = 5,
         .max = 3600}),
    encore::intSetting(
        {.key = setting::kRequestBudget,
         .title = "Requests per 30 seconds",
         .description =
             "At most this many requests to the Spotify Web API in any 30 seconds, so a large "
             "sync never trips its rate limit. 0 turns the budget off.",
         .defaultValue = 60,
         .min = 0,
         .max = 10000}),
};

constexpr auto kDeclList = encore::declList(kDecls);

}  // namespace

encore::DeclList<encore_setting_decl> settingDeclarations() {
  return kDeclList;
}

}  // namespace spotify
