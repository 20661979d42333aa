#include "daemon/playlists/smart_playlists.h"

#include <algorithm>
#include <map>

#include "daemon/playlists/playlist_settings.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_engine.h"
#include "daemon/stats/stats_queries.h"
#include "settings/settings.h"

namespace encore {

using namespace playlist_keys;

const std::vector<std::string> &SmartPlaylists::keys() {
  static const std::vector<std::string> k = {"most_listened", "recent_favorites", "binged"};
  return k;
}

SmartPlaylists::SmartPlaylists(StatsEngine &stats, Settings &settings, Store &store,
                               PluginManager &plugins, JobGate &gate)
    : stats_(stats), settings_(settings), store_(store), plugins_(plugins), gate_(gate) {}

JobSpec SmartPlaylists::jobSpec() const {
  JobSpec spec;
  spec.id = kJobId;
  spec.plugin = "playlists";
  spec.localId = "push";
  spec.title = "Push smart playlists";
  spec.description = "Replaces the contents of the smart playlists in your account.";
  spec.defaultCooldownMs = 24 * 3600 * 1000LL;
  spec.cooldownSetting = kPushIntervalHours;
  spec.cooldownUnitMs = 3600 * 1000LL;
  spec.enabledSetting = kAutoPush;
  return spec;
}

SmartPlaylists::Definition SmartPlaylists::definition(const std::string &key) const {
  auto size = [&](const char *setting) { return static_cast<size_t>(settings_.intValue(setting)); };
  if (key == "most_listened") {
    return {key, "Encore: Most Listened",
            "Your " + std::to_string(size(kMostListenedSize)) +
                " most played tracks of all time, by Encore.",
            size(kMostListenedSize)};
  }
  if (key == "recent_favorites") {
    return {key, "Encore: Recent Favorites",
            "Your most played tracks of the last " +
                std::to_string(settings_.intValue(kRecentDays)) + " days, by Encore.",
            size(kRecentSize)};
  }
  if (key == "binged") {
    return {key, "Encore: Binged Songs",
            "Tracks you played " + std::to_string(settings_.intValue(kBingedMinPlays)) +
                " times or more in one day, by Encore.",
            size(kBingedSize)};
  }
  throw std::out_of_range("no smart playlist '" + key.substr(0, 64) + "'");
}

StatsRange SmartPlaylists::window(const std::string &key) const {
  StatsRange range;
  range.zone = zoneOrUtc(stats_.timeZoneName());
  range.preset = key == "most_listened" ? "all" : "custom";
  range.to = kEndOfTime;
  if (key == "most_listened") return range;
  const int64_t days = settings_.intValue(key == "binged" ? kBingedDays : kRecentDays);
  const int64_t today = localDay(range.zone->toLocal(stats_.nowSeconds()));
  range.from = dayStartUtc(*range.zone, today - days + 1);
  return range;
}

SmartPlaylists::Selected SmartPlaylists::select(const StatsInput &in, const std::string &key,
                                                const Definition &def) {
  Selected out;
  auto take = [&](uint32_t track, uint32_t count) {
    if (!in.data.trackHasUri[track]) {
      ++out.withoutUri;
      return;
    }
    out.tracks.push_back(track);
    out.counts.push_back(count);
  };
  if (key != "binged") {
    for (const auto &t : stats::rankTracks(in)) {
      if (out.tracks.size() >= def.size) break;
      take(t.track, t.plays);
    }
    return out;
  }
  // Binged: the tracks binged on the most days, then with the biggest binge.
  struct Score {
    uint32_t days = 0, best = 0;
  };
  std::map<uint32_t, Score> scores;
  for (const auto &b :
       stats::findBinges(in, static_cast<uint32_t>(settings_.intValue(kBingedMinPlays)))) {
    auto &s = scores[b.track];
    s.days++;
    s.best = std::max(s.best, b.plays);
  }
  std::vector<std::pair<uint32_t, Score>> ranked(scores.begin(), scores.end());
  std::sort(ranked.begin(), ranked.end(), [](const auto &a, const auto &b) {
    if (a.second.days != b.second.days) return a.second.days > b.second.days;
    if (a.second.best != b.second.best) return a.second.best > b.second.best;
    return a.first < b.first;
  });
  for (const auto &[track, score] : ranked) {
    if (out.tracks.size() >= def.size) break;
    take(track, score.days);
  }
  return out;
}

nlohmann::json SmartPlaylists::preview(const std::string &key, bool withTracks) {
  Definition def = definition(key);
  StatsRange range = window(key);
  nlohmann::json body = {
      {"key", key},       {"name", def.name},           {"description", def.description},
      {"size", def.size}, {"window", rangeJson(range)}, {"last_push", lastPush(key)}};
  stats_.withInput(range, [&](const StatsInput &in, Names &names) {
    Selected sel = select(in, key, def);
    body["track_count"] = sel.tracks.size();
    body["left_out_without_spotify_uri"] = sel.withoutUri;
    if (!withTracks) return 0;
    nlohmann::json tracks = nlohmann::json::array();
    for (size_t i = 0; i < sel.tracks.size(); ++i) {
      auto item = names.track(sel.tracks[i]);
      item[key == "binged" ? "binge_days" : "plays"] = sel.counts[i];
      tracks.push_back(std::move(item));
    }
    body["tracks"] = std::move(tracks);
    return 0;
  });
  return body;
}

nlohmann::json SmartPlaylists::overview(bool withTracks) {
  std::string why;
  auto [plugin, sink] = findSink(why);
  nlohmann::json sinkJson = {{"plugin", settings_.stringValue(kSinkPlugin)},
                             {"available", plugin != nullptr},
                             {"sink", sink ? nlohmann::json(sink->id) : nlohmann::json(nullptr)},
                             {"problem", plugin ? nlohmann::json(nullptr) : nlohmann::json(why)}};
  nlohmann::json list = nlohmann::json::array();
  for (const auto &key : keys()) list.push_back(preview(key, withTracks));
  return {{"sink", sinkJson},
          {"auto_push", settings_.boolValue(kAutoPush)},
          {"push_interval_hours", settings_.intValue(kPushIntervalHours)},
          {"playlists", list}};
}

}  // namespace encore
