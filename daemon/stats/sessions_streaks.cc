// Listening sessions (split by gaps over 30 minutes) and streaks of consecutive days.
#include <algorithm>

#include "daemon/core/time_format.h"
#include "daemon/stats/local_time.h"
#include "daemon/stats/stats_queries.h"

namespace encore::stats {
namespace {

struct Streak {
  int64_t from = 0, to = 0;  // local days, inclusive
  int64_t days() const { return to - from + 1; }
};

nlohmann::json streakJson(const Streak &s) {
  return {{"days", s.days()}, {"from", dayText(s.from)}, {"to", dayText(s.to)}};
}

}  // namespace

nlohmann::json sessions(const StatsInput &in) {
  // In milliseconds: a play ends at its start plus what was played, and a gap of 1,800.4 s
  // is more than 30 minutes.
  struct Session {
    int64_t start = 0, end = 0;
    uint32_t plays = 0;
  };
  Session current, longest;
  size_t count = 0;
  int64_t totalMs = 0;
  uint64_t totalPlays = 0;
  auto close = [&] {
    if (current.plays == 0) return;
    ++count;
    totalMs += current.end - current.start;
    totalPlays += current.plays;
    if (current.end - current.start > longest.end - longest.start || longest.plays == 0)
      longest = current;
  };
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    const int64_t start = int64_t{p.startedAt} * 1000;
    const int64_t end = start + p.msPlayed;
    if (current.plays > 0 && start - current.end > kSessionGapMs) {
      close();
      current = {};
    }
    if (current.plays == 0) current.start = start;
    current.end = std::max(current.end, end);
    current.plays++;
  }
  close();
  nlohmann::json longestJson = nullptr;
  if (count > 0) {
    LocalClock clock(*in.range.zone);
    longestJson = {{"start", formatIsoUtc(longest.start)},
                   {"end", formatIsoUtc(longest.end)},
                   {"date", dayText(localDay(clock.toLocal(longest.start / 1000)))},
                   {"minutes", minutesOf(longest.end - longest.start)},
                   {"plays", longest.plays}};
  }
  return {{"gap_minutes", kSessionGapMs / 60'000},
          {"count", count},
          {"average_minutes", count > 0 ? minutesOf(totalMs / count) : 0.0},
          {"average_plays", count > 0 ? std::round(totalPlays * 10.0 / count) / 10.0 : 0.0},
          {"longest", longestJson}};
}

nlohmann::json streaks(const StatsInput &in, Names &names, size_t limit) {
  struct ArtistRun {
    int64_t last = INT64_MIN;
    Streak current, best;
  };
  std::vector<ArtistRun> artists(in.data.artistDbId.size());
  Streak current, best, latest;
  bool any = false;
  int64_t lastDay = INT64_MIN;
  LocalClock clock(*in.range.zone);
  for (size_t i = in.begin; i < in.end; ++i) {
    const auto &p = in.play(i);
    const int64_t day = localDay(clock.toLocal(p.startedAt));
    if (day != lastDay) {
      if (any && day == lastDay + 1) {
        current.to = day;
      } else {
        current = {day, day};
      }
      if (!any || current.days() > best.days()) best = current;
      any = true;
      lastDay = day;
    }
    ArtistRun &a = artists[in.artistOf(p.track)];
    if (a.last == day) continue;
    a.current = a.last == day - 1 ? Streak{a.current.from, day} : Streak{day, day};
    if (a.last == INT64_MIN || a.current.days() > a.best.days()) a.best = a.current;
    a.last = day;
  }
  latest = current;
  std::vector<uint32_t> order;
  for (uint32_t a = 0; a < artists.size(); ++a) {
    if (artists[a].last != INT64_MIN) order.push_back(a);
  }
  std::sort(order.begin(), order.end(), [&](uint32_t x, uint32_t y) {
    const auto &a = artists[x].best, &b = artists[y].best;
    if (a.days() != b.days()) return a.days() > b.days();
    if (a.to != b.to) return a.to > b.to;
    return x < y;
  });
  nlohmann::json perArtist = nlohmann::json::array();
  for (size_t i = 0; i < order.size() && i < limit; ++i) {
    nlohmann::json item = streakJson(artists[order[i]].best);
    item["artist"] = names.artist(order[i]);
    perArtist.push_back(item);
  }
  return {{"longest", any ? streakJson(best) : nlohmann::json(nullptr)},
          {"latest", any ? streakJson(latest) : nlohmann::json(nullptr)},
          {"artists", perArtist}};
}

}  // namespace encore::stats
