// The Spotify plugin's state, shared by its jobs and its sink, and the keys it keeps in
// the host's settings and key/value store.
#pragma once

#include <cstdint>
#include <string>

#include "api.h"
#include "encore/host.hpp"
#include "records.h"

namespace spotify {

// Settings (without the "spotify." prefix).
namespace setting {
constexpr const char *kEnabled = "auto_sync_enabled";
constexpr const char *kArtists = "auto_sync_artists";
constexpr const char *kPlaylists = "auto_sync_playlists";
constexpr const char *kLikedSongs = "auto_sync_liked_songs";
constexpr const char *kSavedAlbums = "auto_sync_saved_albums";
constexpr const char *kArtistsInterval = "artists_sync_interval_minutes";
constexpr const char *kPlaylistsInterval = "playlists_sync_interval_minutes";
constexpr const char *kDownloadImages = "download_images";
constexpr const char *kRemoveUnfollowedArtists = "remove_unfollowed_artists";
constexpr const char *kRemoveUnfollowedPlaylists = "remove_unfollowed_playlists";
constexpr const char *kArtistAlbums = "auto_sync_artist_albums";
constexpr const char *kArtistAlbumsInterval = "artist_albums_sync_interval_minutes";
constexpr const char *kArtistAlbumsPerCycle = "artist_albums_per_cycle";
constexpr const char *kClientId = "client_id";
constexpr const char *kClientSecret = "client_secret";
constexpr const char *kRecentlyPlayed = "auto_sync_recently_played";
constexpr const char *kRecentlyPlayedInterval = "recently_played_interval_seconds";
constexpr const char *kRequestBudget = "requests_per_30s";
}  // namespace setting

// Checkpoints (encore.kv/1 keys), each written in the same transaction as its page.
namespace checkpoint {
constexpr const char *kArtistsAfter = "artists.after";         // cursor of the next page
constexpr const char *kPlaylistsOffset = "playlists.offset";   // list page being worked on
constexpr const char *kPlaylistEntries = "playlists.entries";  // "<playlist id> <offset>"
constexpr const char *kLikedOffset = "liked.offset";
constexpr const char *kLikedHead = "liked.head";  // fingerprint of the last full pass
constexpr const char *kAlbumsOffset = "albums.offset";
constexpr const char *kAlbumsHead = "albums.head";
constexpr const char *kRecentAfter = "recent.after";  // newest played_at stored, Unix ms
constexpr const char *kProfileId = "me.id";
constexpr const char *kProfileName = "me.name";
}  // namespace checkpoint

/// Spotify counts an app's requests over a rolling 30-second window.
constexpr int64_t kBudgetWindowMs = 30'000;
/// No loop pages forever, whatever the upstream says about `next`.
constexpr int kMaxPages = 5000;

struct PluginState {
  encore::Host host;
  std::string apiBase;       // "https://api.spotify.com", or ENCORE_SPOTIFY_API_URL
  std::string accountsBase;  // "https://accounts.spotify.com", or ENCORE_SPOTIFY_ACCOUNTS_URL
  std::string authorizeUrl;
  std::string tokenUrl;
  int64_t appliedBudget = -1;
  std::string lastRequest;  // of the current run, for error messages
  SentInRun sent;           // what the current run stored in full

  Api api(encore_run *run) { return Api(host, run, apiBase, lastRequest); }
  /// Applies the request budget setting when it changed (a re-applied budget would forget
  /// the requests already counted in the current window).
  void applyBudget();
  /// Runs a job or sink body: a fresh start for the run's bookkeeping, and a FormatError
  /// (an answer not shaped as documented) said with the request it answered.
  void run(encore_run *run, void (*body)(PluginState &, encore_run *));
};

/// A job or sink body: throws encore::Error or FormatError; the entry point's guard turns
/// them into the callback's code and the run's error text.
using RunBody = void (*)(PluginState &state, encore_run *run);

void syncFollowedArtists(PluginState &state, encore_run *run);
void syncPlaylists(PluginState &state, encore_run *run);
void syncLikedSongs(PluginState &state, encore_run *run);
void syncSavedAlbums(PluginState &state, encore_run *run);
void syncArtistAlbums(PluginState &state, encore_run *run);
void syncRecentlyPlayed(PluginState &state, encore_run *run);
void pushPlaylist(PluginState &state, encore_run *run);

}  // namespace spotify
