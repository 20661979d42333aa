// Writes the benchmark's inputs: a Spotify extended-history file of N entries (2024 field
// set, as Spotify writes it) and the same plays as CSV for the sqlite3 shell.
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "imports/export_files.h"

int main(int argc, char **argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: import_bench_gen ENTRIES OUT.json OUT.csv\n");
    return 2;
  }
  const long n = std::atol(argv[1]);
  std::ofstream json(argv[2]), csv(argv[3]);
  encore::test::writeExtendedHistory(json, n, true);
  csv << "ts_ms,ms_played,track,artist,album,uri\n";
  for (long i = 0; i < n; ++i) {
    auto p = encore::test::generatedPlay(i);
    csv << p.endMs << ',' << p.msPlayed << ',' << p.track << ',' << p.artist << ',' << p.album
        << ',' << p.uri << '\n';
  }
  return 0;
}
