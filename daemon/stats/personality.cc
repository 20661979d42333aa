// The listening personality: the five profiles of the design (Mainstream Explorer,
// Underground Hunter, Music Addict, Night Owl, Casual Listener) by a documented rule set.
// Each profile has one defining measure and a threshold; the user gets the profile whose
// threshold they pass by the widest margin, and Casual Listener when they pass none.
// The JSON carries every measure, threshold and margin, so the page can say why.
#include <algorithm>
#include <cstdio>

#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_queries.h"

namespace encore::stats {
namespace {

struct Rule {
  const char *name;
  const char *feature;
  double value;
  double threshold;
  bool atLeast;  // pass when value >= threshold (else value <= threshold)
  bool usable;   // the measure exists for this history
  std::string why;

  double margin() const {
    if (!usable) return 0;
    if (atLeast) return threshold > 0 ? value / threshold : 0;
    return threshold / std::max(value, 0.5);
  }
};

std::string percent(double share) {
  return std::to_string(static_cast<int>(std::lround(share * 100))) + "%";
}
std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f", v);
  return buffer;
}

}  // namespace

nlohmann::json personality(const StatsInput &in) {
  const uint64_t plays = in.end - in.begin;
  if (plays == 0) {
    return {{"profile", nullptr},
            {"reason", "There are no plays in this range yet."},
            {"rules", nlohmann::json::array()}};
  }
  uint64_t nightPlays = 0, ms = 0, activeDays = 0;
  int64_t lastDay = INT64_MIN;
  std::vector<uint8_t> artistSeen(in.data.artistDbId.size());
  uint64_t artists = 0, newArtists = 0, known = 0, popularitySum = 0;
  LocalClock clock(*in.range.zone);
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    const int64_t local = clock.toLocal(p.startedAt);
    const int hour = localHour(local);
    if (hour >= 22 || hour < 4) ++nightPlays;
    ms += p.msPlayed;
    if (localDay(local) != lastDay) {
      ++activeDays;
      lastDay = localDay(local);
    }
    const uint32_t a = in.artistOf(p.track);
    if (!artistSeen[a]) {
      artistSeen[a] = 1;
      ++artists;
      const uint32_t first = in.data.artistFirstPlay[a];
      if (first >= in.range.from && first < in.range.to) ++newArtists;
    }
    if (in.data.trackPopularity[p.track] != PlayData::kUnknownPopularity) {
      ++known;
      popularitySum += in.data.trackPopularity[p.track];
    }
  }
  const double nightShare = static_cast<double>(nightPlays) / plays;
  const double minutesPerDay = static_cast<double>(ms) / 60000.0 / activeDays;
  const double coverage = static_cast<double>(known) / plays;
  const bool popularityUsable = coverage >= 0.3;
  const double popularity = known > 0 ? static_cast<double>(popularitySum) / known : 0;
  const double newArtistShare = static_cast<double>(newArtists) / artists;

  std::vector<Rule> rules;
  rules.push_back({"Night Owl", "night_share", nightShare, 0.30, true, true,
                   percent(nightShare) +
                       " of your plays start between 22:00 and 04:00 (a Night Owl: 30% or more)"});
  rules.push_back(
      {"Music Addict", "minutes_per_active_day", minutesPerDay, 120, true, artists >= 30,
       number(minutesPerDay) + " minutes a listening day across " + std::to_string(artists) +
           " artists (a Music Addict: 120 minutes or more, 30 artists or more)"});
  if (popularityUsable) {
    rules.push_back({"Mainstream Explorer", "popularity", popularity, 60, true, true,
                     "the music you play has an average popularity of " + number(popularity) +
                         "/100 (a Mainstream Explorer: 60 or more)"});
    rules.push_back({"Underground Hunter", "popularity", popularity, 35, false, true,
                     "the music you play has an average popularity of " + number(popularity) +
                         "/100 (an Underground Hunter: 35 or less)"});
  } else {
    // Without popularity data, the share of artists first heard in the range stands in for
    // hunting new music; Mainstream Explorer cannot be told.
    rules.push_back(
        {"Mainstream Explorer", "popularity", 0, 60, true, false,
         "no popularity data for most of your plays, so mainstream taste cannot be measured"});
    rules.push_back({"Underground Hunter", "new_artist_share", newArtistShare, 0.5, true, true,
                     percent(newArtistShare) +
                         " of the artists you played were new to you (an Underground Hunter"
                         " without popularity data: 50% or more)"});
  }
  rules.push_back(
      {"Casual Listener", "minutes_per_active_day", minutesPerDay, 30, false, true,
       number(minutesPerDay) + " minutes a listening day (a Casual Listener: 30 minutes or less)"});

  const Rule *best = nullptr;
  for (const auto &r : rules) {
    if (r.margin() >= 1.0 && (best == nullptr || r.margin() > best->margin())) best = &r;
  }
  std::string profile = best != nullptr ? best->name : "Casual Listener";
  std::string reason =
      best != nullptr
          ? "You are a " + profile + ": " + best->why + "."
          : "You are a Casual Listener: none of the other profiles' thresholds was reached.";
  nlohmann::json list = nlohmann::json::array();
  for (const auto &r : rules) {
    list.push_back({{"profile", r.name},
                    {"feature", r.feature},
                    {"value", std::round(r.value * 1000) / 1000},
                    {"threshold", r.threshold},
                    {"direction", r.atLeast ? "at_least" : "at_most"},
                    {"usable", r.usable},
                    {"margin", std::round(r.margin() * 1000) / 1000},
                    {"explanation", r.why}});
  }
  return {{"profile", profile},
          {"reason", reason},
          {"rules", list},
          {"features",
           {{"night_share", std::round(nightShare * 1000) / 1000},
            {"minutes_per_active_day", std::round(minutesPerDay * 10) / 10},
            {"artists", artists},
            {"new_artist_share", std::round(newArtistShare * 1000) / 1000},
            {"popularity", known > 0 ? nlohmann::json(std::round(popularity * 10) / 10)
                                     : nlohmann::json(nullptr)},
            {"popularity_coverage", std::round(coverage * 1000) / 1000}}}};
}

}  // namespace encore::stats
