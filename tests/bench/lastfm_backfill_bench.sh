#!/usr/bin/env bash
# Whole-process benchmark: the Last.fm backfill of a 50,000-scrobble history by the real
# encored and lastfm.so against the fake Last.fm of the tests answering at once (request
# limit raised to the plugin's maximum of 1,000/s). Reports the wall time from enabling
# Last.fm to the end of the run, scrobbles/s, the daemon's CPU time and peak RSS; beside
# it, in the same run, curl fetching the same pages from the same fake (the HTTP floor)
# and the sqlite3 shell loading the same plays.
#
#   tests/bench/lastfm_backfill_bench.sh [BUILD_DIR] [SCROBBLES]
#   (needs sqlite3, curl, /usr/bin/time: scripts/install-deps.sh --bench)
set -euo pipefail

build=$(realpath "${1:-build}")
scrobbles=${2:-50000}
for tool in sqlite3 curl awk pgrep /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (scripts/install-deps.sh --bench)"; exit 1; }
done
work=$(mktemp -d)
fake_pid=""
time_pid=""
daemon_pid=""
cleanup() {  # both run under /usr/bin/time: stop the measured child, time then exits
  [[ -n "$daemon_pid" ]] && kill "$daemon_pid" 2>/dev/null || true
  [[ -n "$fake_pid" ]] && kill $(pgrep -P "$fake_pid") 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=tests/bench/bench_lib.sh
source "$(dirname "$0")/bench_lib.sh"


/usr/bin/time -f '%U %S' -o "$work/fake_time.txt" "$build/bin/lastfm_bench_fake" "$scrobbles" \
  >"$work/fake.log" 2>&1 &
fake_pid=$!
wait_for_line "$work/fake.log" "listening on"
fake_url=$(sed -n 's/^fake lastfm listening on //p' "$work/fake.log")

mkdir -p "$work/plugins"
ln -s "$build/lib/encore/plugins/lastfm.so" "$work/plugins/lastfm.so"
ENCORE_LASTFM_API_URL=$fake_url ENCORE_LASTFM_USERNAME=rj ENCORE_LASTFM_API_KEY=test-api-key \
ENCORE_LASTFM_REQUESTS_PER_SECOND=1000 \
  /usr/bin/time -v -o "$work/time.txt" "$build/bin/encored" --data-dir "$work/data" \
  --plugin-dir "$work/plugins" --port 0 >"$work/daemon.log" 2>&1 &
time_pid=$!
daemon_pid=$(child_of "$time_pid")
db="$work/data/encore.db"
api=$(encored_url "$work/daemon.log")

start=$(date +%s.%N)
curl -sf -X PUT -H 'Content-Type: application/json' -d '{"lastfm.enabled": true}' \
  "$api/api/settings" >/dev/null
query="SELECT status FROM job_runs WHERE job = 'lastfm.scrobbles' AND status <> 'running'"
while :; do
  status=$(sqlite3 "file:$db?mode=ro" "$query" 2>/dev/null || true)
  [[ -n "$status" ]] && break
  sleep 0.02
done
end=$(date +%s.%N)
[[ "$status" == ok ]] || { echo "the backfill ended $status"; sqlite3 "$db" "SELECT error FROM job_runs"; exit 1; }
run_ms=$(sqlite3 "file:$db?mode=ro" "SELECT ended_at - started_at FROM job_runs WHERE job = 'lastfm.scrobbles'")
plays=$(sqlite3 "file:$db?mode=ro" "SELECT count(*) FROM plays")
[[ "$plays" == "$scrobbles" ]] || { echo "stored $plays plays of $scrobbles scrobbles"; exit 1; }

kill -TERM "$daemon_pid"
wait "$time_pid" || true
daemon_pid=""

# The HTTP floor: the same pages fetched by curl from the same fake, one connection.
pages=$(( (scrobbles + 199) / 200 ))
curl_start=$(date +%s.%N)
curl -sf "$fake_url/2.0/?method=user.getrecenttracks&user=rj&api_key=test-api-key&format=json&limit=200&page=[1-$pages]" \
  >/dev/null
curl_end=$(date +%s.%N)

kill -TERM "$(pgrep -P "$fake_pid")"
wait "$fake_pid" || true
fake_pid=""
requests=$(sed -n 's/^answered \([0-9]*\) requests/\1/p' "$work/fake.log")

# The same plays loaded by the sqlite3 shell into the same schema, in one transaction.
sqlite3 "$db" ".schema" | grep -v '^CREATE TABLE sqlite_' >"$work/schema.sql"
{
  echo "BEGIN;"
  for t in music_artists music_albums music_tracks plays; do
    sqlite3 "$db" ".mode insert $t" "SELECT * FROM $t"
  done
  echo "COMMIT;"
} >"$work/rows.sql"
sqlite3 "$work/shell.db" <"$work/schema.sql"
shell_start=$(date +%s.%N)
sqlite3 "$work/shell.db" <"$work/rows.sql"
shell_end=$(date +%s.%N)

wall=$(calc "$end - $start")
curl_s=$(calc "$curl_end - $curl_start")
shell=$(calc "$shell_end - $shell_start")
user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
sys=$(sed -n 's/.*System time (seconds): //p' "$work/time.txt")
rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")

printf 'scrobbles (fake):       %d in %d pages of 200\n' "$scrobbles" "$pages"
printf 'plays stored:           %d\n' "$plays"
printf 'requests answered:      %s (encored and curl together)\n' "$requests"
printf 'wall, enable -> done:   %.2f s   (the run itself %.2f s)\n' "$wall" "$(calc "$run_ms / 1000")"
printf 'backfill rate:          %.0f scrobbles/s\n' "$(calc "$scrobbles / $wall")"
printf 'encored CPU:            %.2f s user + %.2f s system (whole process)\n' "$user" "$sys"
printf 'lastfm_bench_fake CPU:  %.2f s user + %.2f s system (its share of the same cores)\n' \
  $(cat "$work/fake_time.txt")
printf 'encored peak RSS:       %.1f MB\n' "$(calc "$rss / 1024")"
printf 'curl, same %d pages:   %.2f s (%.0f scrobbles/s): the HTTP and fake floor\n' "$pages" \
  "$curl_s" "$(calc "$scrobbles / $curl_s")"
printf 'sqlite3 shell:          %d plays with their catalog in %.2f s (one transaction of INSERTs)\n' \
  "$plays" "$shell"
printf 'load average (1 min):   %s\n' "$(cut -d' ' -f1 /proc/loadavg)"
