// A year in review: the other statistics, for one calendar year in the user's zone.
#include "daemon/stats/stats_queries.h"

namespace encore::stats {

nlohmann::json wrapped(const StatsInput &in, Names &names, int64_t year) {
  auto evo = evolution(in, names, 1);
  nlohmann::json monthly = nlohmann::json::array();
  for (const auto &m : evo["months"]) {
    monthly.push_back(
        {{"month", m["month"]},
         {"plays", m["plays"]},
         {"top_artist", m["top_artists"].empty() ? nlohmann::json(nullptr) : m["top_artists"][0]}});
  }
  return {{"year", year},
          {"range", rangeJson(in.range)},
          {"totals", totals(in)},
          {"top_artists", topArtists(in, names, 5)},
          {"top_tracks", topTracks(in, names, 5)},
          {"top_albums", topAlbums(in, names, 5)},
          {"peaks", peaks(in)},
          {"sessions", sessions(in)},
          {"streaks", streaks(in, names, 3)},
          {"discoveries", discoveries(in, names, 5)},
          {"binges", binges(in, names, 5, 3)},
          {"mainstream", mainstream(in, names)},
          {"personality", personality(in)},
          {"hours", hours(in)},
          {"months", monthly}};
}

}  // namespace encore::stats
