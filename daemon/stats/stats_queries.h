// The statistics, each a pure function of the play index slice in range (and the names
// of what it returns). docs/STATS.md defines every figure.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include <nlohmann/json.hpp>

#include "daemon/stats/names.h"
#include "daemon/stats/stats_input.h"

namespace encore::stats {

/// Plays per track in range, most played first (ties: more minutes, then older track).
struct TrackCount {
  uint32_t track;
  uint32_t plays;
  uint64_t ms;
};
std::vector<TrackCount> rankTracks(const StatsInput &in);

/// One track played at least N times on one local day.
struct Binge {
  uint32_t track;
  int64_t day;
  uint32_t plays;
};
std::vector<Binge> findBinges(const StatsInput &in, uint32_t minPlays);

nlohmann::json totals(const StatsInput &in);
nlohmann::json topTracks(const StatsInput &in, Names &names, size_t limit);
nlohmann::json topArtists(const StatsInput &in, Names &names, size_t limit);
nlohmann::json topAlbums(const StatsInput &in, Names &names, size_t limit);
nlohmann::json heatmap(const StatsInput &in);
nlohmann::json hours(const StatsInput &in);
nlohmann::json weekdays(const StatsInput &in, Names &names);
nlohmann::json peaks(const StatsInput &in);
nlohmann::json sessions(const StatsInput &in);
nlohmann::json streaks(const StatsInput &in, Names &names, size_t limit);
nlohmann::json discoveries(const StatsInput &in, Names &names, size_t limit);
nlohmann::json binges(const StatsInput &in, Names &names, uint32_t minPlays, size_t limit);
nlohmann::json evolution(const StatsInput &in, Names &names, size_t perMonth);
nlohmann::json mainstream(const StatsInput &in, Names &names);
nlohmann::json personality(const StatsInput &in);
nlohmann::json wrapped(const StatsInput &in, Names &names, int64_t year);

/// Sessions split where the gap between one play's end and the next start exceeds this.
constexpr int64_t kSessionGapMs = 30 * 60 * 1000;

}  // namespace encore::stats
