#include "daemon/stats/stats_engine.h"

#include <Poco/Logger.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <map>

#include "daemon/metrics/metrics.h"
#include "daemon/stats/stats_queries.h"
#include "settings/settings.h"

namespace encore {
namespace {

/// How long /api/stats answers take, cache hits included: what a page waits for.
metrics::Histogram &queryLatency(const std::string &name) {
  static auto &family = metrics::registry().histogram(
      "encore_stats_query_duration_seconds",
      "Time to answer a statistic (from the answer cache or the play index), by query.", {"query"});
  return family.with({name});
}

using Query = std::function<nlohmann::json(const StatsInput &, Names &, const StatsParams &)>;

const std::map<std::string, Query> &queries() {
  static const std::map<std::string, Query> table = {
      {"totals",
       [](const StatsInput &in, Names &, const StatsParams &) { return stats::totals(in); }},
      {"top-tracks", [](const StatsInput &in, Names &n,
                        const StatsParams &p) { return stats::topTracks(in, n, p.limit); }},
      {"top-artists", [](const StatsInput &in, Names &n,
                         const StatsParams &p) { return stats::topArtists(in, n, p.limit); }},
      {"top-albums", [](const StatsInput &in, Names &n,
                        const StatsParams &p) { return stats::topAlbums(in, n, p.limit); }},
      {"heatmap",
       [](const StatsInput &in, Names &, const StatsParams &) { return stats::heatmap(in); }},
      {"hours",
       [](const StatsInput &in, Names &, const StatsParams &) { return stats::hours(in); }},
      {"weekdays",
       [](const StatsInput &in, Names &n, const StatsParams &) { return stats::weekdays(in, n); }},
      {"peaks",
       [](const StatsInput &in, Names &, const StatsParams &) { return stats::peaks(in); }},
      {"sessions",
       [](const StatsInput &in, Names &, const StatsParams &) { return stats::sessions(in); }},
      {"streaks", [](const StatsInput &in, Names &n,
                     const StatsParams &p) { return stats::streaks(in, n, p.limit); }},
      {"discoveries", [](const StatsInput &in, Names &n,
                         const StatsParams &p) { return stats::discoveries(in, n, p.limit); }},
      {"binges", [](const StatsInput &in, Names &n,
                    const StatsParams &p) { return stats::binges(in, n, p.minPlays, p.limit); }},
      {"evolution",
       [](const StatsInput &in, Names &n, const StatsParams &p) {
         return stats::evolution(in, n, std::min<size_t>(p.limit, 5));
       }},
      {"mainstream", [](const StatsInput &in, Names &n,
                        const StatsParams &) { return stats::mainstream(in, n); }},
      {"personality",
       [](const StatsInput &in, Names &, const StatsParams &) { return stats::personality(in); }},
  };
  return table;
}

}  // namespace

StatsEngine::StatsEngine(Store &store, Settings &settings, Clock &clock, bool cacheResults)
    : store_(store),
      settings_(settings),
      clock_(clock),
      index_(store, (std::filesystem::path(store.dataDir()) / "stats-index.bin").string()),
      cache_(cacheResults ? 64 : 0, 4u << 20) {}

StatsEngine::~StatsEngine() {
  stopWarmUp();
}

void StatsEngine::stopWarmUp() {
  if (warmUp_.joinable()) warmUp_.join();
}

void StatsEngine::saveIndex() {
  try {
    index_.saveSnapshot();
  } catch (const std::exception &e) {
    Poco::Logger::get("stats").warning("cannot save the play index: %s", std::string(e.what()));
  }
}

void StatsEngine::startWarmUp() {
  if (warmUp_.joinable()) return;
  warmUp_ = std::thread([this] {
    auto &log = Poco::Logger::get("stats");
    try {
      auto started = std::chrono::steady_clock::now();
      index_.refresh();
      auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
          std::chrono::steady_clock::now() - started);
      auto reader = index_.read();
      log.information("play index ready: %z plays in %?d ms, about %z KiB", reader->plays.size(),
                      static_cast<int64_t>(ms.count()), index_.memoryBytes() / 1024);
    } catch (const std::exception &e) {
      log.error("cannot load the play index: %s", std::string(e.what()));
    }
  });
}

size_t StatsEngine::playCount() {
  index_.refresh();
  return index_.read()->plays.size();
}

const std::vector<std::string> &StatsEngine::queryNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> out;
    for (const auto &[name, fn] : queries()) out.push_back(name);
    return out;
  }();
  return names;
}

bool StatsEngine::isQuery(const std::string &name) {
  return queries().count(name) != 0;
}

std::string StatsEngine::timeZoneName() const {
  return settings_.has("server.timezone") ? settings_.stringValue("server.timezone") : "UTC";
}

StatsRange StatsEngine::resolve(const RangeQuery &query) const {
  return resolveRange(query, timeZoneName(), nowSeconds());
}

nlohmann::json StatsEngine::query(const std::string &name, const StatsParams &params) {
  const Query &fn = queries().at(name);
  StatsRange range = resolve(params.range);
  return withInput(range, [&](const StatsInput &in, Names &names) {
    nlohmann::json body = {{"range", rangeJson(range)}};
    body[name] = fn(in, names, params);
    return body;
  });
}

nlohmann::json StatsEngine::wrapped(int64_t year, const std::optional<std::string> &tz) {
  std::shared_ptr<const TimeZone> zone;
  if (tz && !tz->empty()) {
    zone = TimeZone::load(*tz);
    if (!zone) throw RangeError("tz", "unknown time zone");
  } else {
    zone = zoneOrUtc(timeZoneName());
  }
  StatsRange range = yearRange(year, zone);
  return withInput(
      range, [&](const StatsInput &in, Names &names) { return stats::wrapped(in, names, year); });
}

}  // namespace encore

namespace encore {

std::shared_ptr<const std::string> StatsEngine::cachedText(
    const std::string &key, const std::function<std::string()> &render) {
  index_.refresh();
  const uint64_t version = index_.version();
  if (auto hit = cache_.find(key, version)) return hit;
  auto body = std::make_shared<const std::string>(render());
  cache_.store(key, version, body);
  return body;
}

std::shared_ptr<const std::string> StatsEngine::queryText(const std::string &name,
                                                          const StatsParams &params) {
  if (!isQuery(name)) throw std::out_of_range("no statistic named " + name);
  metrics::ScopedTimer timer(queryLatency(name));
  StatsRange range = resolve(params.range);
  const std::string key = name + "|" + std::to_string(range.from) + "|" + std::to_string(range.to) +
                          "|" + range.preset + "|" + range.zone->name() + "|" +
                          std::to_string(params.limit) + "|" + std::to_string(params.minPlays);
  return cachedText(key, [&] { return query(name, params).dump(); });
}

std::shared_ptr<const std::string> StatsEngine::wrappedText(int64_t year,
                                                            const std::optional<std::string> &tz) {
  metrics::ScopedTimer timer(queryLatency("wrapped"));
  const std::string key =
      "wrapped|" + std::to_string(year) + "|" + (tz && !tz->empty() ? *tz : timeZoneName());
  return cachedText(key, [&] { return wrapped(year, tz).dump(); });
}

}  // namespace encore
