// When the listening happens: weekday x hour heatmap, hour-of-day profile, weekday vs
// weekend, peak day and peak hour. All in the range's time zone.
#include <algorithm>
#include <array>

#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_queries.h"

namespace encore::stats {
namespace {

const char *const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

struct Cell {
  uint32_t plays = 0;
  uint64_t ms = 0;
};

/// Calls fn(localSeconds, play) for every play in range, in order.
template <typename Fn>
void eachLocal(const StatsInput &in, Fn fn) {
  LocalClock clock(*in.range.zone);
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    fn(clock.toLocal(p.startedAt), p);
  }
}

}  // namespace

nlohmann::json heatmap(const StatsInput &in) {
  std::array<std::array<Cell, 24>, 7> cells{};
  eachLocal(in, [&](int64_t local, const IndexedPlay &p) {
    auto &c = cells[weekdayOfDay(localDay(local))][localHour(local)];
    c.plays++;
    c.ms += p.msPlayed;
  });
  nlohmann::json plays = nlohmann::json::array(), minutes = nlohmann::json::array();
  uint32_t max = 0;
  for (const auto &row : cells) {
    nlohmann::json pr = nlohmann::json::array(), mr = nlohmann::json::array();
    for (const auto &c : row) {
      pr.push_back(c.plays);
      mr.push_back(minutesOf(c.ms));
      max = std::max(max, c.plays);
    }
    plays.push_back(pr);
    minutes.push_back(mr);
  }
  return {{"weekdays", kWeekdays}, {"plays", plays}, {"minutes", minutes}, {"max_plays", max}};
}

nlohmann::json hours(const StatsInput &in) {
  std::array<Cell, 24> byHour{};
  eachLocal(in, [&](int64_t local, const IndexedPlay &p) {
    byHour[localHour(local)].plays++;
    byHour[localHour(local)].ms += p.msPlayed;
  });
  nlohmann::json list = nlohmann::json::array();
  int peak = -1;
  for (int h = 0; h < 24; ++h) {
    list.push_back({{"hour", h}, {"plays", byHour[h].plays}, {"minutes", minutesOf(byHour[h].ms)}});
    if (byHour[h].plays > 0 && (peak < 0 || byHour[h].plays > byHour[peak].plays)) peak = h;
  }
  return {{"hours", list},
          {"peak_hour", peak < 0 ? nlohmann::json(nullptr) : nlohmann::json(peak)}};
}

nlohmann::json weekdays(const StatsInput &in, Names &names) {
  std::array<Cell, 7> byDay{};
  struct Group {
    Cell total;
    uint32_t activeDays = 0;
    std::vector<uint32_t> artistPlays;
  };
  Group groups[2];  // 0 weekday, 1 weekend
  for (auto &g : groups) g.artistPlays.assign(in.data.artistDbId.size(), 0);
  int64_t lastDay = INT64_MIN;
  eachLocal(in, [&](int64_t local, const IndexedPlay &p) {
    const int64_t day = localDay(local);
    const int wd = weekdayOfDay(day);
    Group &g = groups[wd >= 5 ? 1 : 0];
    byDay[wd].plays++;
    byDay[wd].ms += p.msPlayed;
    g.total.plays++;
    g.total.ms += p.msPlayed;
    g.artistPlays[in.artistOf(p.track)]++;
    if (day != lastDay) {
      g.activeDays++;
      lastDay = day;
    }
  });
  const double all = static_cast<double>(in.end - in.begin);
  auto groupJson = [&](Group &g) {
    std::vector<uint32_t> order;
    for (uint32_t a = 0; a < g.artistPlays.size(); ++a) {
      if (g.artistPlays[a] > 0) order.push_back(a);
    }
    std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
      return g.artistPlays[a] != g.artistPlays[b] ? g.artistPlays[a] > g.artistPlays[b] : a < b;
    });
    nlohmann::json top = nlohmann::json::array();
    for (size_t i = 0; i < order.size() && i < 3; ++i) {
      auto item = names.artist(order[i]);
      item["plays"] = g.artistPlays[order[i]];
      top.push_back(item);
    }
    const double minutes = static_cast<double>(g.total.ms) / 60000.0;
    return nlohmann::json{{"plays", g.total.plays},
                          {"minutes", minutesOf(g.total.ms)},
                          {"active_days", g.activeDays},
                          {"minutes_per_active_day",
                           g.activeDays > 0 ? std::round(minutes / g.activeDays * 10) / 10 : 0.0},
                          {"share", all > 0 ? std::round(g.total.plays / all * 1000) / 1000 : 0.0},
                          {"top_artists", top}};
  };
  nlohmann::json days = nlohmann::json::array();
  for (int d = 0; d < 7; ++d) {
    days.push_back({{"weekday", kWeekdays[d]},
                    {"plays", byDay[d].plays},
                    {"minutes", minutesOf(byDay[d].ms)}});
  }
  return {{"days", days}, {"weekday", groupJson(groups[0])}, {"weekend", groupJson(groups[1])}};
}

nlohmann::json peaks(const StatsInput &in) {
  struct Best {
    int64_t key = 0;
    Cell cell;
    bool set = false;
  };
  Best day, hour, current, currentHour;
  std::array<uint32_t, 24> hourOfDay{};
  std::array<uint32_t, 7> weekday{};
  auto settle = [](Best &best, const Best &candidate) {
    if (candidate.set && (!best.set || candidate.cell.plays > best.cell.plays)) best = candidate;
  };
  eachLocal(in, [&](int64_t local, const IndexedPlay &p) {
    const int64_t d = localDay(local);
    const int64_t h = floorDiv(local, 3600);
    if (!current.set || current.key != d) {
      settle(day, current);
      current = {d, {}, true};
    }
    if (!currentHour.set || currentHour.key != h) {
      settle(hour, currentHour);
      currentHour = {h, {}, true};
    }
    current.cell.plays++;
    current.cell.ms += p.msPlayed;
    currentHour.cell.plays++;
    currentHour.cell.ms += p.msPlayed;
    hourOfDay[localHour(local)]++;
    weekday[weekdayOfDay(d)]++;
  });
  settle(day, current);
  settle(hour, currentHour);
  nlohmann::json out = {{"peak_day", nullptr},
                        {"peak_hour", nullptr},
                        {"busiest_hour_of_day", nullptr},
                        {"busiest_weekday", nullptr}};
  if (day.set) {
    out["peak_day"] = {
        {"date", dayText(day.key)}, {"plays", day.cell.plays}, {"minutes", minutesOf(day.cell.ms)}};
    const int64_t hourDay = floorDiv(hour.key, 24);
    out["peak_hour"] = {{"date", dayText(hourDay)},
                        {"hour", hour.key - hourDay * 24},
                        {"plays", hour.cell.plays},
                        {"minutes", minutesOf(hour.cell.ms)}};
    auto h = std::max_element(hourOfDay.begin(), hourOfDay.end()) - hourOfDay.begin();
    out["busiest_hour_of_day"] = {{"hour", h}, {"plays", hourOfDay[h]}};
    auto w = std::max_element(weekday.begin(), weekday.end()) - weekday.begin();
    out["busiest_weekday"] = {{"weekday", kWeekdays[w]}, {"plays", weekday[w]}};
  }
  return out;
}

}  // namespace encore::stats
