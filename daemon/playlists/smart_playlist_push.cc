// Pushing smart playlists through a sink: choosing the sink, remembering the playlist each
// push created, and the scheduled job that pushes them all.
#include <Poco/Logger.h>

#include "daemon/core/time_format.h"
#include "daemon/playlists/playlist_settings.h"
#include "daemon/playlists/sink_document.h"
#include "daemon/playlists/smart_playlists.h"
#include "daemon/plugin_host/plugin_manager.h"
#include "daemon/stats/stats_engine.h"
#include "settings/settings.h"

namespace encore {

using namespace playlist_keys;

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
