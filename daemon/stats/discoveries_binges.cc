// Discoveries (artists and tracks first heard in the range) and binges (one track played
// at least N times on one day).
#include <algorithm>

#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_queries.h"

namespace encore::stats {

nlohmann::json discoveries(const StatsInput &in, Names &names, size_t limit) {
  const auto &d = in.data;
  auto isNew = [&](uint32_t first) {
    return first != 0 && first >= in.range.from && first < in.range.to;
  };
  std::vector<uint32_t> artistPlays(d.artistDbId.size()), trackPlays(d.trackDbId.size());
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    trackPlays[p.track]++;
    artistPlays[in.artistOf(p.track)]++;
  }
  auto collect = [&](const std::vector<uint32_t> &plays, const std::vector<uint32_t> &first,
                     size_t &heard) {
    std::vector<uint32_t> fresh;
    heard = 0;
    for (uint32_t k = 0; k < plays.size(); ++k) {
      if (plays[k] == 0) continue;
      ++heard;
      if (isNew(first[k])) fresh.push_back(k);
    }
    std::sort(fresh.begin(), fresh.end(), [&](uint32_t a, uint32_t b) {
      if (plays[a] != plays[b]) return plays[a] > plays[b];
      if (first[a] != first[b]) return first[a] < first[b];
      return a < b;
    });
    return fresh;
  };
  size_t artistsHeard = 0, tracksHeard = 0;
  auto newArtists = collect(artistPlays, d.artistFirstPlay, artistsHeard);
  auto newTracks = collect(trackPlays, d.trackFirstPlay, tracksHeard);
  LocalClock clock(*in.range.zone);
  auto firstHeard = [&](uint32_t utc) { return dayText(localDay(clock.toLocal(utc))); };
  nlohmann::json artists = nlohmann::json::array(), tracks = nlohmann::json::array();
  for (size_t i = 0; i < newArtists.size() && i < limit; ++i) {
    auto item = names.artist(newArtists[i]);
    item["plays"] = artistPlays[newArtists[i]];
    item["first_heard"] = firstHeard(d.artistFirstPlay[newArtists[i]]);
    artists.push_back(item);
  }
  for (size_t i = 0; i < newTracks.size() && i < limit; ++i) {
    auto item = names.track(newTracks[i]);
    item["plays"] = trackPlays[newTracks[i]];
    item["first_heard"] = firstHeard(d.trackFirstPlay[newTracks[i]]);
    tracks.push_back(item);
  }
  auto share = [](size_t part, size_t whole) {
    return whole > 0 ? std::round(static_cast<double>(part) / whole * 1000) / 1000 : 0.0;
  };
  return {{"new_artists", newArtists.size()},
          {"new_tracks", newTracks.size()},
          {"artists_heard", artistsHeard},
          {"tracks_heard", tracksHeard},
          {"new_artist_share", share(newArtists.size(), artistsHeard)},
          {"artists", artists},
          {"tracks", tracks}};
}

std::vector<Binge> findBinges(const StatsInput &in, uint32_t minPlays) {
  std::vector<Binge> out;
  std::vector<uint32_t> counts(in.data.trackDbId.size());
  std::vector<uint32_t> touched;
  int64_t day = INT64_MIN;
  auto flush = [&] {
    for (uint32_t t : touched) {
      if (counts[t] >= minPlays) out.push_back({t, day, counts[t]});
      counts[t] = 0;
    }
    touched.clear();
  };
  LocalClock clock(*in.range.zone);
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    const int64_t d = localDay(clock.toLocal(p.startedAt));
    if (d != day) {
      flush();
      day = d;
    }
    if (counts[p.track]++ == 0) touched.push_back(p.track);
  }
  flush();
  std::sort(out.begin(), out.end(), [](const Binge &a, const Binge &b) {
    if (a.plays != b.plays) return a.plays > b.plays;
    if (a.day != b.day) return a.day > b.day;
    return a.track < b.track;
  });
  return out;
}

nlohmann::json binges(const StatsInput &in, Names &names, uint32_t minPlays, size_t limit) {
  auto found = findBinges(in, minPlays);
  std::vector<uint8_t> seen(in.data.trackDbId.size());
  size_t tracks = 0;
  for (const auto &b : found) {
    if (!seen[b.track]) {
      seen[b.track] = 1;
      ++tracks;
    }
  }
  nlohmann::json list = nlohmann::json::array();
  for (size_t i = 0; i < found.size() && i < limit; ++i) {
    list.push_back({{"track", names.track(found[i].track)},
                    {"date", dayText(found[i].day)},
                    {"plays", found[i].plays}});
  }
  return {
      {"min_plays", minPlays}, {"binge_days", found.size()}, {"tracks", tracks}, {"binges", list}};
}

}  // namespace encore::stats
