// The settings of the smart playlists (owner "playlists"): sizes, windows, the sink and the
// push schedule.
#pragma once

namespace encore {

class Settings;

namespace playlist_keys {
inline constexpr const char *kMostListenedSize = "playlists.most_listened_size";
inline constexpr const char *kRecentSize = "playlists.recent_favorites_size";
inline constexpr const char *kRecentDays = "playlists.recent_favorites_days";
inline constexpr const char *kBingedSize = "playlists.binged_size";
inline constexpr const char *kBingedMinPlays = "playlists.binged_min_plays";
inline constexpr const char *kBingedDays = "playlists.binged_days";
inline constexpr const char *kAutoPush = "playlists.auto_push";
inline constexpr const char *kPushIntervalHours = "playlists.push_interval_hours";
inline constexpr const char *kSinkPlugin = "playlists.sink_plugin";
}  // namespace playlist_keys

void declarePlaylistSettings(Settings &settings);

}  // namespace encore
