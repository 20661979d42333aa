// encore_seed_history: fills a data directory with a synthetic listening history.
//   encore_seed_history DATA_DIR [plays] [tracks] [artists] [years] [seed] [world]
// "world" names the artists and tracks in many scripts (HistorySpec::worldNames).
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>

#include "stats/history_generator.h"

int main(int argc, char **argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s DATA_DIR [plays] [tracks] [artists] [years] [seed] [world]\n",
                 argv[0]);
    return 2;
  }
  encore::test::HistorySpec spec;
  if (argc > 2) spec.plays = std::atoll(argv[2]);
  if (argc > 3) spec.tracks = std::atoll(argv[3]);
  if (argc > 4) spec.artists = std::atoll(argv[4]);
  if (argc > 5) spec.years = std::atoll(argv[5]);
  if (argc > 6) spec.seed = std::strtoull(argv[6], nullptr, 10);
  if (argc > 7) spec.worldNames = std::string(argv[7]) == "world";
  if (spec.plays < 0 || spec.tracks < 1 || spec.artists < 1 || spec.years < 1) {
    std::fprintf(stderr, "counts must be positive\n");
    return 2;
  }
  try {
    auto r = encore::test::generateHistory(argv[1], spec);
    std::printf("%lld plays from %lld to %lld\n", static_cast<long long>(r.plays),
                static_cast<long long>(r.firstPlay), static_cast<long long>(r.lastPlay));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "encore_seed_history: %s\n", e.what());
    return 1;
  }
  return 0;
}
