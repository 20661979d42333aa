// Mainstream vs underground from the popularity the library holds (docs/STATS.md): a
// track's Spotify popularity, else its artist's, else one derived from the artist's
// followers; plays of tracks with no signal are left out and reported as coverage.
#include <algorithm>

#include "daemon/stats/stats_queries.h"

namespace encore::stats {

nlohmann::json mainstream(const StatsInput &in, Names &names) {
  constexpr int kMainstreamFrom = 60;
  constexpr int kUndergroundBelow = 35;
  const auto &d = in.data;
  uint64_t known = 0, sum = 0, mainstreamPlays = 0, undergroundPlays = 0;
  uint64_t bySource[3] = {0, 0, 0};  // track, artist, followers
  std::vector<uint32_t> undergroundArtist(d.artistDbId.size());
  for (size_t i = in.begin; i < in.end; ++i) {
    const uint32_t t = in.play(i).track;
    const uint8_t pop = d.trackPopularity[t];
    if (pop == PlayData::kUnknownPopularity) continue;
    ++known;
    sum += pop;
    const char source = d.trackPopularitySource[t];
    bySource[source == 't' ? 0 : source == 'a' ? 1 : 2]++;
    if (pop >= kMainstreamFrom) {
      ++mainstreamPlays;
    } else if (pop < kUndergroundBelow) {
      ++undergroundPlays;
      undergroundArtist[in.artistOf(t)]++;
    }
  }
  const uint64_t plays = in.end - in.begin;
  auto share = [&](uint64_t part, uint64_t whole) {
    return whole > 0 ? std::round(static_cast<double>(part) / whole * 1000) / 1000 : 0.0;
  };
  nlohmann::json score = nullptr;
  std::string label = "unknown";
  if (known > 0) {
    const double avg = std::round(static_cast<double>(sum) / known * 10) / 10;
    score = avg;
    label = avg >= kMainstreamFrom    ? "mainstream"
            : avg < kUndergroundBelow ? "underground"
                                      : "in between";
  }
  std::vector<uint32_t> order;
  for (uint32_t a = 0; a < undergroundArtist.size(); ++a) {
    if (undergroundArtist[a] > 0) order.push_back(a);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return undergroundArtist[a] != undergroundArtist[b]
               ? undergroundArtist[a] > undergroundArtist[b]
               : a < b;
  });
  nlohmann::json gems = nlohmann::json::array();
  for (size_t i = 0; i < order.size() && i < 5; ++i) {
    auto item = names.artist(order[i]);
    item["plays"] = undergroundArtist[order[i]];
    gems.push_back(item);
  }
  return {{"score", score},
          {"label", label},
          {"coverage", share(known, plays)},
          {"thresholds",
           {{"mainstream_from", kMainstreamFrom}, {"underground_below", kUndergroundBelow}}},
          {"mainstream_share", share(mainstreamPlays, known)},
          {"underground_share", share(undergroundPlays, known)},
          {"in_between_share", share(known - mainstreamPlays - undergroundPlays, known)},
          {"signal",
           {{"track_popularity", bySource[0]},
            {"artist_popularity", bySource[1]},
            {"artist_followers", bySource[2]},
            {"none", plays - known}}},
          {"underground_artists", gems}};
}

}  // namespace encore::stats
