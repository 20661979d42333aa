#!/usr/bin/env bash
# Whole-process benchmark: the first sync of a large Spotify library (2,000 followed
# artists, 300 playlists with 20,000 entries, 10,000 liked songs, 1,000 saved albums) by
# the real encored and spotify.so against the fake Spotify answering at once, with the
# request budget and image downloads off. Reports wall time, the daemon's CPU time and peak
# RSS, the rows/s the store sustained, and the sqlite3 shell loading the same rows in the
# same run.
#
# Two first syncs run, each by a fresh encored into an empty data directory: the first
# has the fake render every answer (its JSON rendering costs about as much CPU again as
# parsing costs encored, on the same two cores); the second, the measured one, has the
# fake send the answers it rendered then. Both are reported.
#
#   tests/bench/spotify_sync_bench.sh [BUILD_DIR]      (needs sqlite3, curl, /usr/bin/time)
set -euo pipefail

build=$(realpath "${1:-build}")
for tool in sqlite3 curl awk pgrep /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (scripts/install-deps.sh --bench)"; exit 1; }
done
work=$(mktemp -d)
fake_pid=""
time_pid=""
daemon_pid=""
cleanup() {  # encored runs under /usr/bin/time: stop the child, time then exits
  [[ -n "$daemon_pid" ]] && kill "$daemon_pid" 2>/dev/null || true
  [[ -n "$fake_pid" ]] && kill "$fake_pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=tests/bench/bench_lib.sh
source "$(dirname "$0")/bench_lib.sh"


"$build/bin/fake_spotify" --replay 1 >"$work/fake.log" 2>&1 &
fake_pid=$!
wait_for_line "$work/fake.log" "listening on"
fake_url=$(sed -n 's/^fake spotify listening on //p' "$work/fake.log")
expected=$(sed -n 's/^expected //p' "$work/fake.log")
answered() {  # requests the fake has answered so far
  local before
  before=$(grep -c "so far" "$work/fake.log" || true)
  kill -USR1 "$fake_pid"
  for _ in $(seq 1 100); do
    [[ $(grep -c "so far" "$work/fake.log" || true) -gt $before ]] && break
    sleep 0.01
  done
  grep "so far" "$work/fake.log" | tail -1 | sed 's/answered \([0-9]*\) .*/\1/'
}

mkdir -p "$work/plugins"
ln -s "$build/lib/encore/plugins/spotify.so" "$work/plugins/spotify.so"
jobs="'spotify.artists','spotify.liked_songs','spotify.playlists','spotify.saved_albums'"

# One first sync by a fresh encored into $work/<name>; sets wall, sync_ms, requests,
# fake_cpu and, from /usr/bin/time, user, sys and rss; leaves the database at $db.
first_sync() {
  local name=$1
  local data="$work/$name"
  ENCORE_SPOTIFY_API_URL=$fake_url ENCORE_SPOTIFY_ACCOUNTS_URL=$fake_url \
  ENCORE_SPOTIFY_CLIENT_ID=encore-test-client ENCORE_SPOTIFY_CLIENT_SECRET=encore-test-secret \
    /usr/bin/time -v -o "$work/$name-time.txt" "$build/bin/encored" --data-dir "$data" \
    --plugin-dir "$work/plugins" --port 0 >"$work/$name.log" 2>&1 &
  time_pid=$!
  daemon_pid=$(child_of "$time_pid")
  db="$data/encore.db"
  local api
  api=$(encored_url "$work/$name.log")
  curl -sf -X PUT -H 'Content-Type: application/json' \
    -d '{"spotify.requests_per_30s": 0, "spotify.download_images": false}' \
    "$api/api/settings" >/dev/null

  local requests_before fake_cpu_before start end
  requests_before=$(answered)
  fake_cpu_before=$(cpu_seconds "$fake_pid")
  start=$(date +%s.%N)
  curl -sf -L -o /dev/null "$api/auth/spotify/login"  # the connect flow; the sync starts at once
  while :; do
    done_jobs=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM job_runs WHERE job IN ($jobs) AND status = 'ok'" 2>/dev/null || echo 0)
    [[ "$done_jobs" == 4 ]] && break
    failed=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM job_runs WHERE job IN ($jobs) AND status = 'failed'" 2>/dev/null || echo 0)
    [[ "$failed" != 0 ]] && { echo "a job failed"; sqlite3 "$db" "SELECT job, error FROM job_runs"; exit 1; }
    sleep 0.02
  done
  end=$(date +%s.%N)
  fake_cpu=$(calc "$(cpu_seconds "$fake_pid") - $fake_cpu_before")
  requests=$(( $(answered) - requests_before ))
  local first_run last_run
  first_run=$(sqlite3 "file:$db?mode=ro" "SELECT min(started_at) FROM job_runs")
  last_run=$(sqlite3 "file:$db?mode=ro" "SELECT max(ended_at) FROM job_runs WHERE job IN ($jobs)")
  stats=$(curl -sf "$api/api/settings/db-stats")
  kill -TERM "$daemon_pid"
  wait "$time_pid" || true
  daemon_pid=""
  wall=$(calc "$end - $start")
  sync_ms=$((last_run - first_run))
  user=$(sed -n 's/.*User time (seconds): //p' "$work/$name-time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$work/$name-time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/$name-time.txt")
}

first_sync rendering
render_wall=$wall
render_user=$user
render_sys=$sys
render_fake_cpu=$fake_cpu
render_requests=$requests
first_sync replaying

kill -TERM "$fake_pid"
wait "$fake_pid" || true
fake_pid=""

tables="artists albums album_artists tracks track_artists playlists playlist_items library_items"
rows=0
for t in $tables; do rows=$((rows + $(sqlite3 "$db" "SELECT count(*) FROM $t"))); done

# The same rows loaded by the sqlite3 shell: the schema, then one transaction of INSERTs.
sqlite3 "$db" ".schema" | grep -v '^CREATE TABLE sqlite_' >"$work/schema.sql"
{ echo "BEGIN;"; for t in $tables; do sqlite3 "$db" ".mode insert $t" "SELECT * FROM $t"; done; echo "COMMIT;"; } >"$work/rows.sql"
sqlite3 "$work/shell.db" <"$work/schema.sql"
shell_start=$(date +%s.%N)
sqlite3 "$work/shell.db" <"$work/rows.sql"
shell_end=$(date +%s.%N)

shell=$(calc "$shell_end - $shell_start")

printf 'library (fake):        %s\n' "$expected"
printf 'stored (db-stats):     %s\n' "$stats"
printf 'fake rendering its answers (first pass):\n'
printf '  requests answered:     %s\n' "$render_requests"
printf '  wall, connect -> done: %.2f s\n' "$render_wall"
printf '  encored CPU:           %.2f s user + %.2f s system (whole process)\n' "$render_user" "$render_sys"
printf '  fake_spotify CPU:      %.2f s (on the same 2 cores)\n' "$render_fake_cpu"
printf 'fake replaying them (the measured sync):\n'
printf 'requests answered:     %s\n' "$requests"
printf 'wall, connect -> done: %.2f s   (jobs ran %.2f s)\n' "$wall" "$(calc "$sync_ms / 1000")"
printf 'encored CPU:           %.2f s user + %.2f s system (whole process)\n' "$user" "$sys"
printf 'fake_spotify CPU:      %.2f s (on the same 2 cores)\n' "$fake_cpu"
printf 'load average (1 min):  %s\n' "$(cut -d' ' -f1 /proc/loadavg)"
printf 'encored peak RSS:      %.1f MB\n' "$(calc "$rss / 1024")"
printf 'rows stored:           %d in %.2f s: %.0f rows/s (pages, checkpoints and all)\n' "$rows" \
  "$(calc "$sync_ms / 1000")" "$(calc "$rows * 1000 / $sync_ms")"
printf 'sqlite3 shell:         %d rows in %.2f s: %.0f rows/s (one transaction of INSERTs)\n' "$rows" \
  "$shell" "$(calc "$rows / $shell")"
