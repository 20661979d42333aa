#include "playlists/playlist_settings.h"

#include "settings/settings.h"

namespace encore {
namespace {

void declareInt(Settings &settings, const char *key, const char *title, const char *description,
                int64_t value, int64_t min, int64_t max) {
  SettingDef def;
  def.key = key;
  def.owner = "playlists";
  def.type = SettingType::Int;
  def.title = title;
  def.description = description;
  def.defaultValue = value;
  def.min = min;
  def.max = max;
  settings.declare(def);
}

}  // namespace

void declarePlaylistSettings(Settings &settings) {
  using namespace playlist_keys;
  declareInt(settings, kMostListenedSize, "Most Listened: tracks",
             "How many tracks the Most Listened playlist holds: your most played of all time.", 50,
             1, 500);
  declareInt(settings, kRecentSize, "Recent Favorites: tracks",
             "How many tracks the Recent Favorites playlist holds.", 50, 1, 500);
  declareInt(settings, kRecentDays, "Recent Favorites: days",
             "Recent Favorites are your most played tracks of this many past days.", 30, 1, 365);
  declareInt(settings, kBingedSize, "Binged Songs: tracks",
             "How many tracks the Binged Songs playlist holds.", 50, 1, 500);
  declareInt(settings, kBingedMinPlays, "Binged Songs: plays in a day",
             "A track is binged on a day you played it at least this many times.", 5, 2, 100);
  declareInt(settings, kBingedDays, "Binged Songs: days",
             "Binged Songs looks at this many past days.", 365, 1, 3650);
  SettingDef autoPush;
  autoPush.key = kAutoPush;
  autoPush.owner = "playlists";
  autoPush.type = SettingType::Bool;
  autoPush.title = "Push on a schedule";
  autoPush.description =
      "Replace the contents of the smart playlists in your account every push interval. They are "
      "created "
      "on the first push; your own playlists are never touched.";
  autoPush.defaultValue = false;
  settings.declare(autoPush);
  declareInt(settings, kPushIntervalHours, "Push interval (hours)",
             "Hours between two scheduled pushes of the smart playlists.", 24, 1, 720);
  SettingDef sink;
  sink.key = kSinkPlugin;
  sink.owner = "playlists";
  sink.type = SettingType::String;
  sink.title = "Push to plugin";
  sink.description = "The plugin whose playlist sink receives the smart playlists (spotify).";
  sink.defaultValue = std::string("spotify");
  sink.max = 32;
  settings.declare(sink);
}

}  // namespace encore
