#include "daemon/playlists/playlist_settings.h"

#include "settings/settings.h"

namespace encore {
void declarePlaylistSettings(Settings &settings) {
  using namespace playlist_keys;
  settings.declare(
      intSetting(kMostListenedSize, "Most Listened: tracks",
                 "How many tracks the Most Listened playlist holds: your most played of all time.",
                 50, 1, 500));
  settings.declare(intSetting(kRecentSize, "Recent Favorites: tracks",
                              "How many tracks the Recent Favorites playlist holds.", 50, 1, 500));
  settings.declare(intSetting(
      kRecentDays, "Recent Favorites: days",
      "Recent Favorites are your most played tracks of this many past days.", 30, 1, 365));
  settings.declare(intSetting(kBingedSize, "Binged Songs: tracks",
                              "How many tracks the Binged Songs playlist holds.", 50, 1, 500));
  settings.declare(intSetting(kBingedMinPlays, "Binged Songs: plays in a day",
                              "A track is binged on a day you played it at least this many times.",
                              5, 2, 100));
  settings.declare(intSetting(kBingedDays, "Binged Songs: days",
                              "Binged Songs looks at this many past days.", 365, 1, 3650));
  settings.declare(boolSetting(
      kAutoPush, "Push on a schedule",
      "Replace the contents of the smart playlists in your account every push interval. They are "
      "created on the first push; your own playlists are never touched.",
      false));
  settings.declare(intSetting(kPushIntervalHours, "Push interval (hours)",
                              "Hours between two scheduled pushes of the smart playlists.", 24, 1,
                              720));
  settings.declare(stringSetting(
      kSinkPlugin, "Push to plugin",
      "The plugin whose playlist sink receives the smart playlists (spotify).", "spotify", 32));
}

}  // namespace encore
