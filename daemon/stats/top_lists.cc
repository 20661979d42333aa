// Top tracks, artists and albums; totals.
#include <algorithm>
#include <unordered_set>

#include "daemon/core/time_format.h"
#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_queries.h"

namespace encore::stats {
namespace {

struct Count {
  uint32_t plays = 0;
  uint64_t ms = 0;
};

/// Counts per key into a dense vector, then returns the keys with plays, best first.
template <typename KeyOf>
std::vector<TrackCount> rank(const StatsInput &in, size_t keys, KeyOf keyOf) {
  std::vector<Count> counts(keys);
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    uint32_t key = keyOf(p.track);
    if (key == PlayData::kNone) continue;
    counts[key].plays++;
    counts[key].ms += p.msPlayed;
  }
  std::vector<TrackCount> out;
  for (uint32_t k = 0; k < counts.size(); ++k) {
    if (counts[k].plays > 0) out.push_back({k, counts[k].plays, counts[k].ms});
  }
  std::sort(out.begin(), out.end(), [](const TrackCount &a, const TrackCount &b) {
    if (a.plays != b.plays) return a.plays > b.plays;
    if (a.ms != b.ms) return a.ms > b.ms;
    return a.track < b.track;
  });
  return out;
}

template <typename Describe>
nlohmann::json listJson(const std::vector<TrackCount> &ranked, size_t limit, Describe describe) {
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) {
    nlohmann::json item = describe(ranked[i].track);
    item["rank"] = i + 1;
    item["plays"] = ranked[i].plays;
    item["minutes"] = minutesOf(ranked[i].ms);
    list.push_back(std::move(item));
  }
  return list;
}

}  // namespace

std::vector<TrackCount> rankTracks(const StatsInput &in) {
  return rank(in, in.data.trackDbId.size(), [](uint32_t t) { return t; });
}

nlohmann::json topTracks(const StatsInput &in, Names &names, size_t limit) {
  return listJson(rankTracks(in), limit, [&](uint32_t t) { return names.track(t); });
}

nlohmann::json topArtists(const StatsInput &in, Names &names, size_t limit) {
  auto ranked = rank(in, in.data.artistDbId.size(), [&](uint32_t t) { return in.artistOf(t); });
  return listJson(ranked, limit, [&](uint32_t a) { return names.artist(a); });
}

nlohmann::json topAlbums(const StatsInput &in, Names &names, size_t limit) {
  auto ranked =
      rank(in, in.data.albumDbId.size(), [&](uint32_t t) { return in.data.trackAlbum[t]; });
  return listJson(ranked, limit, [&](uint32_t a) { return names.album(a); });
}

nlohmann::json totals(const StatsInput &in) {
  uint64_t ms = 0;
  std::vector<uint8_t> trackSeen(in.data.trackDbId.size()), artistSeen(in.data.artistDbId.size()),
      albumSeen(in.data.albumDbId.size());
  size_t tracks = 0, artists = 0, albums = 0, days = 0;
  int64_t lastDay = INT64_MIN;
  LocalClock clock(*in.range.zone);
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    ms += p.msPlayed;
    auto firstTime = [](uint8_t &seen) { return seen == 0 ? (seen = 1, true) : false; };
    if (firstTime(trackSeen[p.track])) ++tracks;
    if (firstTime(artistSeen[in.artistOf(p.track)])) ++artists;
    uint32_t album = in.data.trackAlbum[p.track];
    if (album != PlayData::kNone && firstTime(albumSeen[album])) ++albums;
    // Ascending starts give ascending local days, so counting changes counts days.
    int64_t day = localDay(clock.toLocal(p.startedAt));
    if (day != lastDay) {
      ++days;
      lastDay = day;
    }
  }
  const size_t plays = in.end - in.begin;
  nlohmann::json first = nullptr, last = nullptr;
  if (plays > 0) {
    first = formatIsoUtc(int64_t{in.play(in.begin).startedAt} * 1000);
    last = formatIsoUtc(int64_t{in.play(in.end - 1).startedAt} * 1000);
  }
  return {{"plays", plays},
          {"ms_played", ms},
          {"minutes", minutesOf(ms)},
          {"tracks", tracks},
          {"artists", artists},
          {"albums", albums},
          {"active_days", days},
          {"minutes_per_active_day",
           days > 0 ? std::round(static_cast<double>(ms) / 60000.0 / days * 10) / 10 : 0.0},
          {"first_play", first},
          {"last_play", last}};
}

}  // namespace encore::stats
