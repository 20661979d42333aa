// How taste moves: the top artists of every month in the range, and the monthly plays of
// the range's five top artists (the chart's lines).
#include <algorithm>

#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_queries.h"

namespace encore::stats {

nlohmann::json evolution(const StatsInput &in, Names &names, size_t perMonth) {
  constexpr size_t kSeries = 5;
  const size_t artistCount = in.data.artistDbId.size();
  std::vector<uint32_t> overall(artistCount);
  for (size_t i = in.begin; i < in.end; ++i) overall[in.artistOf(in.play(i).track)]++;
  std::vector<uint32_t> leaders;
  for (uint32_t a = 0; a < artistCount; ++a) {
    if (overall[a] > 0) leaders.push_back(a);
  }
  std::sort(leaders.begin(), leaders.end(), [&](uint32_t a, uint32_t b) {
    return overall[a] != overall[b] ? overall[a] > overall[b] : a < b;
  });
  if (leaders.size() > kSeries) leaders.resize(kSeries);

  nlohmann::json months = nlohmann::json::array();
  std::vector<nlohmann::json> series(leaders.size(), nlohmann::json::array());
  std::vector<uint32_t> counts(artistCount), touched;
  int64_t month = INT64_MIN;
  uint32_t monthPlays = 0;
  auto emit = [&](int64_t m) {
    // Only the month's leaders are needed: a partial sort keeps a month of thousands of
    // artists cheap.
    const size_t keep = std::min(perMonth, touched.size());
    std::partial_sort(touched.begin(), touched.begin() + static_cast<long>(keep), touched.end(),
                      [&](uint32_t a, uint32_t b) {
                        return counts[a] != counts[b] ? counts[a] > counts[b] : a < b;
                      });
    nlohmann::json top = nlohmann::json::array();
    for (size_t i = 0; i < touched.size() && i < perMonth; ++i) {
      auto item = names.artist(touched[i]);
      item["plays"] = counts[touched[i]];
      top.push_back(item);
    }
    months.push_back({{"month", monthText(m)}, {"plays", monthPlays}, {"top_artists", top}});
    for (size_t s = 0; s < leaders.size(); ++s) series[s].push_back(counts[leaders[s]]);
    for (uint32_t a : touched) counts[a] = 0;
    touched.clear();
    monthPlays = 0;
  };
  LocalClock clock(*in.range.zone);
  int64_t monthFirstDay = 1, nextMonthFirstDay = 0, dayMonth = 0;  // the month of the last day seen
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    const int64_t day = localDay(clock.toLocal(p.startedAt));
    if (day < monthFirstDay || day >= nextMonthFirstDay) {
      dayMonth = monthIndexOfDay(day);
      monthFirstDay = firstDayOfMonth(dayMonth);
      nextMonthFirstDay = firstDayOfMonth(dayMonth + 1);
    }
    const int64_t m = dayMonth;
    if (m != month) {
      if (month != INT64_MIN) {
        emit(month);
        // Months without plays still get a point, so the lines keep their time scale.
        for (int64_t gap = month + 1; gap < m; ++gap) emit(gap);
      }
      month = m;
    }
    const uint32_t a = in.artistOf(p.track);
    if (counts[a]++ == 0) touched.push_back(a);
    ++monthPlays;
  }
  if (month != INT64_MIN) emit(month);
  nlohmann::json lines = nlohmann::json::array();
  for (size_t s = 0; s < leaders.size(); ++s) {
    lines.push_back({{"artist", names.artist(leaders[s])}, {"plays", series[s]}});
  }
  return {{"months", months}, {"series", lines}};
}

}  // namespace encore::stats
