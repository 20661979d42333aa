#include "playlists/smart_playlists.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <map>

#include "core/time_format.h"
#include "playlists/playlist_settings.h"
#include "playlists/sink_document.h"
#include "plugins/plugin_manager.h"
#include "settings/settings.h"
#include "stats/local_time.h"
#include "stats/stats_engine.h"
#include "stats/stats_queries.h"

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

std::pair<Plugin *, const SinkInfo *> SmartPlaylists::findSink(std::string &why) {
  const std::string id = settings_.stringValue(kSinkPlugin);
  Plugin *plugin = plugins_.find(id);
  if (plugin == nullptr) {
    why = "the " + id + " plugin is not loaded, so there is nowhere to push to";
    return {nullptr, nullptr};
  }
  for (const auto &sink : plugin->sinks) {
    if (sink.accepts == "playlist_push") return {plugin, &sink};
  }
  why = "the " + id + " plugin has no playlist_push sink";
  return {nullptr, nullptr};
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

nlohmann::json SmartPlaylists::lastPush(const std::string &key) {
  return store_.read([&](Database &db) -> nlohmann::json {
    auto q = db.prepare(
        "SELECT sink, external_id, url, tracks, pushed_at, attempted_at, last_error FROM "
        "smart_playlist_pushes"
        " WHERE playlist = ? ORDER BY attempted_at DESC LIMIT 1");
    q->bind(key);
    if (!q->step()) return nullptr;
    auto opt = [&](int c) {
      return q->isNull(c) ? nlohmann::json(nullptr) : nlohmann::json(q->text(c));
    };
    auto when = [&](int c) {
      return q->isNull(c) ? nlohmann::json(nullptr) : nlohmann::json(formatIsoUtc(q->int64(c)));
    };
    return {{"sink", q->text(0)},
            {"external_id", opt(1)},
            {"url", opt(2)},
            {"tracks", q->isNull(3) ? nlohmann::json(nullptr) : nlohmann::json(q->int64(3))},
            {"pushed_at", when(4)},
            {"attempted_at", when(5)},
            {"error", opt(6)}};
  });
}

void SmartPlaylists::recordAttempt(const std::string &key, const std::string &sink,
                                   const nlohmann::json *result, const std::string &error) {
  const int64_t now = stats_.nowSeconds() * 1000;
  store_.write([&](Database &db) {
    if (result != nullptr) {
      db.prepare(
            "INSERT INTO smart_playlist_pushes(playlist, sink, external_id, url, tracks, "
            "pushed_at, attempted_at,"
            " last_error) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, NULL) ON CONFLICT (playlist, sink) "
            "DO UPDATE SET"
            " external_id = ?3, url = ?4, tracks = ?5, pushed_at = ?6, attempted_at = ?6, "
            "last_error = NULL")
          ->bind(key, sink, (*result)["external_id"].get<std::string>(),
                 optionalText(*result, "url"), optionalInt(*result, "tracks"), now)
          .run();
    } else {
      db.prepare(
            "INSERT INTO smart_playlist_pushes(playlist, sink, attempted_at, last_error) VALUES "
            "(?1, ?2, ?3, ?4)"
            " ON CONFLICT (playlist, sink) DO UPDATE SET attempted_at = ?3, last_error = ?4")
          ->bind(key, sink, now, error.empty() ? std::nullopt : std::optional<std::string>(error))
          .run();
    }
  });
}

std::optional<std::string> SmartPlaylists::push(const std::string &key, const CancelToken &cancel) {
  Definition def = definition(key);
  std::string why;
  auto [plugin, sink] = findSink(why);
  const std::string sinkName =
      plugin ? plugin->id + "." + sink->id : settings_.stringValue(kSinkPlugin);
  if (plugin == nullptr) {
    recordAttempt(key, sinkName, nullptr, why);
    return why;
  }
  if (auto hold = gate_.hold(plugin->id)) {
    std::string error = "the " + plugin->id + " plugin is held: " + hold->reason;
    recordAttempt(key, sinkName, nullptr, error);
    return error;
  }
  nlohmann::json uris = nlohmann::json::array();
  stats_.withInput(window(key), [&](const StatsInput &in, Names &names) {
    for (uint32_t t : select(in, key, def).tracks) uris.push_back(names.track(t)["spotify_uri"]);
    return 0;
  });
  if (uris.empty()) {
    // Nothing to listen to yet: no empty playlist is created in the account.
    recordAttempt(key, sinkName, nullptr, "no tracks with a Spotify URI yet; nothing was pushed");
    return std::nullopt;
  }
  nlohmann::json previous = lastPush(key);
  nlohmann::json externalId = nullptr;
  if (previous.is_object() && previous["sink"] == sinkName) externalId = previous["external_id"];
  nlohmann::json doc = {{"type", "playlist_push"}, {"key", key},
                        {"name", def.name},        {"description", def.description},
                        {"track_uris", uris},      {"external_id", externalId}};
  SinkDocument exchange(doc.dump());
  RunResult run = plugins_.runSink(*plugin, *sink, exchange, cancel);
  std::string error;
  nlohmann::json result;
  if (run.status != RunStatus::Ok) {
    error = "the sink failed: " + run.error;
  } else if (!exchange.validResult(result, error)) {
    error = "the sink's result is unusable: " + error;
  }
  if (!error.empty()) {
    Poco::Logger::get("playlists")
        .warning("pushing %s through %s failed: %s", key, sinkName, error);
    recordAttempt(key, sinkName, nullptr, error);
    return error;
  }
  recordAttempt(key, sinkName, &result, "");
  return std::nullopt;
}

RunResult SmartPlaylists::execute(const RunRequest &request) {
  RunResult result;
  std::string errors;
  try {
    for (const auto &key : keys()) {
      if (request.cancel.cancelled()) return {RunStatus::Cancelled, result.items, "cancelled"};
      if (auto error = push(key, request.cancel)) {
        errors += (errors.empty() ? "" : "; ") + key + ": " + *error;
      } else {
        ++result.items;
      }
    }
  } catch (const std::exception &e) {
    errors += (errors.empty() ? "" : "; ") + std::string(e.what());
  }
  if (!errors.empty()) {
    result.status = RunStatus::Failed;
    result.error = errors;
  }
  return result;
}

}  // namespace encore
