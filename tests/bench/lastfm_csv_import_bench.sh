#!/usr/bin/env bash
# Whole-process benchmark of `encored import` on a generated Last.fm scrobble CSV (the
# uts layout, every field quoted, newest first: ~300 artists, ~6,000 tracks, a scrobble
# every 200 s, every 97th row without a title), beside the sqlite3 shell loading the same
# file into one table, in the same run.
#   tests/bench/lastfm_csv_import_bench.sh [BUILD_DIR] [ROWS] [PLUGIN_DIR]
#   (PLUGIN_DIR: the plugins to measure, by default the build's; needs sqlite3 and
#   /usr/bin/time: scripts/install-deps.sh --bench)
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
plugins=${3:-$build/lib/encore/plugins}
for tool in sqlite3 awk /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (scripts/install-deps.sh --bench)"; exit 1; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
awk -v n="$n" 'BEGIN {
  print "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid"
  for (i = n - 1; i >= 0; i--) {
    song = (i * 7919) % 6000
    title = (i % 97 == 0) ? "" : "Song " song
    printf "\"%d\",\"14 Jul 2017, 02:40\",\"Artist %d\",\"\",\"Album %d-%d\",\"\",\"%s\",\"\"\n",
      1500000000 + i * 200, song % 300, song % 300, song % 12, title
  }
}' > "$work/scrobbles.csv"
echo "input: $n rows, $(du -h "$work/scrobbles.csv" | cut -f1) CSV"

/usr/bin/time -f "%e %M" -o "$work/encore.time" \
  "$build/bin/encored" import "$work/scrobbles.csv" --data-dir "$work/data" \
  --plugin-dir "$plugins" --log-level warning > "$work/encore.out"
read -r enc_s enc_kb < "$work/encore.time"
plays=$(sqlite3 "$work/data/encore.db" "SELECT count(*) FROM plays")
tail -1 "$work/encore.out"

cat > "$work/load.sql" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
.mode csv
.import $work/scrobbles.csv raw
SQL
/usr/bin/time -f "%e %M" -o "$work/sqlite.time" sqlite3 "$work/raw.db" < "$work/load.sql" >/dev/null
read -r raw_s raw_kb < "$work/sqlite.time"

awk -v n="$n" -v p="$plays" -v e="$enc_s" -v ek="$enc_kb" -v r="$raw_s" -v rk="$raw_kb" 'BEGIN {
  printf "encored import   %7.2f s  %8.0f rows/s  peak RSS %6.1f MB  (%d plays stored: %.0f plays/s)\n", e, n / e, ek / 1024, p, p / e
  printf "sqlite3 .import  %7.2f s  %8.0f rows/s  peak RSS %6.1f MB  (flat table)\n", r, n / r, rk / 1024
  printf "encored / sqlite3 .import: %.2fx\n", e / r
}'
