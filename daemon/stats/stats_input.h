// What every stats query reads: the play index and the slice of it inside the range.
#pragma once

#include <cmath>
#include <cstdint>

#include "daemon/stats/play_index.h"
#include "daemon/stats/stats_range.h"

namespace encore {

struct StatsInput {
  StatsInput(const PlayData &d, const StatsRange &r)
      : data(d), range(r), begin(d.lowerBound(r.from)), end(d.lowerBound(r.to)) {}

  const PlayData &data;
  const StatsRange &range;
  size_t begin;  // first play in the range
  size_t end;    // one past the last

  bool empty() const { return begin >= end; }
  const IndexedPlay &play(size_t i) const { return data.plays[i]; }
  uint32_t artistOf(uint32_t track) const { return data.trackArtist[track]; }
};

/// Minutes with one decimal, from milliseconds.
inline double minutesOf(uint64_t ms) {
  return std::round(static_cast<double>(ms) / 6000.0) / 10.0;
}

}  // namespace encore
