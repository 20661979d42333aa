#!/usr/bin/env bash
# Whole-process benchmark of `encored import` on a generated extended-history export,
# beside the sqlite3 shell loading the same rows from CSV, in the same run.
#   tests/bench/import_bench.sh [BUILD_DIR] [ENTRIES]
set -euo pipefail
build=${1:-build}
n=${2:-1000000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$build/bin/import_bench_gen" "$n" "$work/Streaming_History_Audio_2016-2024_0.json" "$work/plays.csv"
echo "input: $n entries, $(du -h "$work/Streaming_History_Audio_2016-2024_0.json" | cut -f1) JSON"

# Encore: the real binary, its plugins, a fresh data directory.
/usr/bin/time -f "%e %M" -o "$work/encore.time" \
  "$build/bin/encored" import "$work/Streaming_History_Audio_2016-2024_0.json" \
  --data-dir "$work/data" --log-level warning > "$work/encore.out"
read -r enc_s enc_kb < "$work/encore.time"
plays=$(sqlite3 "$work/data/encore.db" "SELECT count(*) FROM plays")
tail -1 "$work/encore.out"

# sqlite3: the same rows from CSV into one table (no identity, no dedup), then the same
# rows into a normalized schema with the indexes Encore keeps on plays (time, track).
cat > "$work/load.sql" <<SQL
PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
.mode csv
.import $work/plays.csv raw
SQL
/usr/bin/time -f "%e %M" -o "$work/sqlite_raw.time" sqlite3 "$work/raw.db" < "$work/load.sql" >/dev/null
read -r raw_s raw_kb < "$work/sqlite_raw.time"
cat >> "$work/load.sql" <<'SQL'
CREATE TABLE artists (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
CREATE TABLE tracks (id INTEGER PRIMARY KEY, uri TEXT UNIQUE, name TEXT, artist_id INTEGER, album TEXT);
CREATE TABLE plays (id INTEGER PRIMARY KEY, started_at INTEGER, ms_played INTEGER, track_id INTEGER, artist_id INTEGER);
CREATE INDEX plays_by_time ON plays (started_at);
CREATE INDEX plays_by_track ON plays (track_id, started_at);
INSERT OR IGNORE INTO artists (name) SELECT artist FROM raw;
INSERT OR IGNORE INTO tracks (uri, name, artist_id, album) SELECT uri, track, (SELECT id FROM artists a WHERE a.name = raw.artist), album FROM raw;
INSERT INTO plays (started_at, ms_played, track_id, artist_id)
  SELECT (ts_ms - ms_played) / 1000, ms_played, t.id, t.artist_id FROM raw JOIN tracks t ON t.uri = raw.uri
  WHERE CAST(ms_played AS INTEGER) >= 30000;
SQL
/usr/bin/time -f "%e %M" -o "$work/sqlite_norm.time" sqlite3 "$work/norm.db" < "$work/load.sql" >/dev/null
read -r norm_s norm_kb < "$work/sqlite_norm.time"

awk -v n="$n" -v p="$plays" -v e="$enc_s" -v ek="$enc_kb" -v r="$raw_s" -v rk="$raw_kb" \
    -v s="$norm_s" -v sk="$norm_kb" 'BEGIN {
  printf "encored import      %7.2f s  %8.0f entries/s  peak RSS %6.1f MB  (%d plays stored: %.0f plays/s)\n", e, n / e, ek / 1024, p, p / e
  printf "sqlite3 .import     %7.2f s  %8.0f rows/s     peak RSS %6.1f MB  (flat table)\n", r, n / r, rk / 1024
  printf "sqlite3 normalized  %7.2f s  %8.0f rows/s     peak RSS %6.1f MB  (.import + schema + indexes)\n", s, n / s, sk / 1024
  printf "encored / sqlite3 .import: %.2fx   encored / sqlite3 normalized: %.2fx\n", e / r, e / s
}'
