// Smart playlists built from the listening statistics -- Most Listened (all time), Recent
// Favorites (the last N days) and Binged Songs (tracks played at least N times in a day)
// -- previewed in the UI and pushed through a plugin's `playlist_push` sink. The playlist a
// sink created is remembered and sent again, so a push replaces its contents and never
// creates a second one or touches another playlist.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/core/cancel_token.h"
#include "daemon/scheduler/job.h"
#include "daemon/scheduler/scheduler.h"
#include "daemon/stats/stats_input.h"

namespace encore {

class PluginManager;
class Settings;
class StatsEngine;
class Store;
struct Plugin;
struct SinkInfo;

class SmartPlaylists : public JobExecutor {
 public:
  static constexpr const char *kJobId = "playlists.push";
  static const std::vector<std::string> &keys();  // most_listened, recent_favorites, binged

  SmartPlaylists(StatsEngine &stats, Settings &settings, Store &store, PluginManager &plugins,
                 JobGate &gate);

  /// The scheduled push: cooldown playlists.push_interval_hours, toggle playlists.auto_push.
  JobSpec jobSpec() const;

  /// A playlist's definition and current tracks. Throws std::out_of_range for a bad key.
  nlohmann::json preview(const std::string &key, bool withTracks = true);
  /// Every playlist (without tracks when `withTracks` is false), the sink and the schedule.
  nlohmann::json overview(bool withTracks);

  /// Pushes one playlist now. Returns the error, or nullopt on success (or when it had no
  /// tracks to push).
  std::optional<std::string> push(const std::string &key, const CancelToken &cancel);

  /// JobExecutor: pushes every playlist.
  RunResult execute(const RunRequest &request) override;

 private:
  struct Definition {
    std::string key, name, description;
    size_t size;
  };
  struct Selected {
    std::vector<uint32_t> tracks;  // dense indices, in playlist order
    std::vector<uint32_t> counts;  // plays (or binge days) behind each
    size_t withoutUri = 0;         // good candidates left out: no Spotify URI
  };
  Definition definition(const std::string &key) const;
  /// The days a playlist draws from: all time, or the last N days in the user's zone.
  StatsRange window(const std::string &key) const;
  Selected select(const StatsInput &in, const std::string &key, const Definition &def);
  /// The sink to push to, or the reason there is none.
  std::pair<Plugin *, const SinkInfo *> findSink(std::string &why);
  nlohmann::json lastPush(const std::string &key);
  void recordAttempt(const std::string &key, const std::string &sink, const nlohmann::json *result,
                     const std::string &error);

  StatsEngine &stats_;
  Settings &settings_;
  Store &store_;
  PluginManager &plugins_;
  JobGate &gate_;
};

}  // namespace encore
