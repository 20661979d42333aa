#!/usr/bin/env bash
# The artwork pipeline against the vipsthumbnail CLI, in the same run, on the same files.
#
#   tests/bench/artwork_bench.sh [BUILD_DIR] [COUNT] [ROUNDS]     (defaults: build 500 3)
#
# COUNT album covers (640x640 JPEG, ~80 KB) are generated and served from local files by
# nginx on loopback. Each round then times
#   - vipsthumbnail: one process over all files, --size 500x500 --smartcrop centre,
#     output .webp[Q=80,strip] -- the same resize and encode the cache does;
#   - encored: a fresh data directory, the artkit plugin emitting COUNT album records
#     whose images point at nginx; from "run the sync" until GET /api/artwork counts COUNT
#     files: records stored, every image downloaded through the HTTP service, thumbnailed,
#     written and recorded by the cache's workers (artwork.workers: the cores).
# and reports images/s of both, their ratio, and the daemon's peak RSS (VmHWM) and its RSS
# before and after the work. Needs: nginx (nginx-light), vipsthumbnail (libvips-tools),
# curl; `scripts/install-deps.sh --bench` installs them.
set -euo pipefail
trap 'echo "artwork_bench.sh: failed at line $LINENO" >&2' ERR

BUILD=$(cd "${1:-build}" && pwd)
COUNT=${2:-500}
ROUNDS=${3:-3}
for tool in nginx vipsthumbnail curl; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run scripts/install-deps.sh --bench" >&2; exit 1; }
done
for file in "$BUILD/bin/encored" "$BUILD/bin/artwork_bench_images" "$BUILD/bin/artwork_bench_transcode" \
            "$BUILD/test-plugins/artkit.so" "$BUILD/lib/encore/encore_imaging.so"; do
  [[ -e $file ]] || { echo "missing $file: build first (cmake --build $BUILD)" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/encore-artwork-bench-XXXXXX)
NGINX_PID=""
DAEMON_PID=""
cleanup() {
  [[ -n $DAEMON_PID ]] && kill "$DAEMON_PID" 2>/dev/null || true
  [[ -n $NGINX_PID ]] && kill "$NGINX_PID" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

now() { date +%s.%N; }
# shellcheck source=tests/bench/bench_lib.sh
source "$(dirname "$0")/bench_lib.sh"
rss_kb() { awk -v key="$2:" '$1 == key {print $2}' "/proc/$1/status"; }
# Seconds a process's threads have spent runnable but waiting for a CPU (schedstat), summed.
runqueue_wait_seconds() {
  cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ s += $2 } END { print s / 1e9 }'
}
# CPU seconds (user + system) a process has used so far.

# --- the covers, and nginx serving them ---------------------------------------------------
mkdir -p "$WORK/www/album" "$WORK/plugins"
"$BUILD/bin/artwork_bench_images" "$WORK/www/album" "$COUNT"
chmod -R a+rX "$WORK"
cp "$BUILD/test-plugins/artkit.so" "$WORK/plugins/"
echo "$COUNT covers, $(du -sk "$WORK/www/album" | cut -f1) KB"

start_nginx() {
  for _ in 1 2 3 4 5 6 7 8; do
    PORT=$((20000 + RANDOM % 30000))
    cat >"$WORK/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $WORK/nginx.pid;
error_log $WORK/nginx.log;
$( [[ $(id -u) -eq 0 ]] && echo "user root;" )
events { worker_connections 512; }
http {
  access_log off;
  server { listen 127.0.0.1:$PORT; root $WORK/www; }
}
EOF
    nginx -c "$WORK/nginx.conf" -p "$WORK" &
    NGINX_PID=$!
    for _ in $(seq 50); do
      curl -sf -o /dev/null "http://127.0.0.1:$PORT/album/0.jpg" && return 0
      kill -0 "$NGINX_PID" 2>/dev/null || break
      sleep 0.1
    done
    kill "$NGINX_PID" 2>/dev/null || true
    NGINX_PID=""
  done
  echo "nginx did not start: $(cat "$WORK/nginx.log")" >&2
  exit 1
}
start_nginx

# --- the idle footprint, with only the example plugin (the daemon's idle target) -----------
idle_with_example_plugin() {
  mkdir -p "$WORK/hello-plugins" "$WORK/hello-data"
  cp "$BUILD/test-plugins/hello.so" "$WORK/hello-plugins/"
  "$BUILD/bin/encored" --data-dir "$WORK/hello-data" --port 0 --plugin-dir "$WORK/hello-plugins" \
    >"$WORK/hello.log" 2>&1 &
  DAEMON_PID=$!
  sleep 3
  echo "idle RSS of encored with only the example plugin: $(calc "$(rss_kb "$DAEMON_PID" VmRSS) / 1024") MB"
  kill "$DAEMON_PID" && wait "$DAEMON_PID" 2>/dev/null || true
  DAEMON_PID=""
}
idle_with_example_plugin

# --- one side each ---------------------------------------------------------------------
run_vipsthumbnail() {
  rm -rf "$WORK/vt" && mkdir -p "$WORK/vt"
  local t0 t1
  t0=$(now)
  /usr/bin/time -o "$WORK/vt.time" -f "%U %S" vipsthumbnail "$WORK"/www/album/*.jpg \
    --size 500x500 --smartcrop centre -o "$WORK/vt/%s.webp[Q=80,strip]"
  t1=$(now)
  [[ $(ls "$WORK/vt" | wc -l) -eq $COUNT ]] || { echo "vipsthumbnail made too few files" >&2; exit 1; }
  VT_SECONDS=$(calc "$t1 - $t0")
  VT_CPU=$(awk '{print $1 + $2}' "$WORK/vt.time")
}

run_daemon() {
  local data="$WORK/data" log="$WORK/encored.log"
  rm -rf "$data" && mkdir -p "$data"
  ENCORE_ARTKIT_URL="http://127.0.0.1:$PORT" "$BUILD/bin/encored" --data-dir "$data" --port 0 \
    --plugin-dir "$WORK/plugins" >"$log" 2>&1 &
  DAEMON_PID=$!
  local api=""
  for _ in $(seq 100); do
    api=$(grep -o 'listening on http://[0-9.]*:[0-9]*' "$log" | sed 's/listening on //' || true)
    [[ -n $api ]] && break
    sleep 0.1
  done
  [[ -n $api ]] || { echo "encored did not start: $(cat "$log")" >&2; exit 1; }
  curl -sSf -X PUT -H 'Content-Type: application/json' "$api/api/settings" \
    -d "{\"artkit.count\": $COUNT, \"artkit.kinds\": \"album\", \"artwork.requests_per_minute\": 60000}" >/dev/null
  sleep 1
  IDLE_RSS_KB=$(rss_kb "$DAEMON_PID" VmRSS)
  local t0 t1 count=0 cpu0 wait0
  cpu0=$(cpu_seconds "$DAEMON_PID")
  wait0=$(runqueue_wait_seconds "$DAEMON_PID")
  t0=$(now)
  curl -sSf -X POST "$api/api/workers/artkit.sync/run" >/dev/null
  local deadline=$(( $(date +%s) + 600 ))
  # Polled gently (each poll costs the machine a curl); the end time is taken from the
  # newest file afterwards, so the poll interval does not blur it.
  while [[ $count -lt $COUNT ]]; do
    sleep 0.25
    count=$(curl -sf "$api/api/artwork" | grep -o '"albums":{"bytes":[0-9]*,"count":[0-9]*' |
      sed 's/.*"count"://' || echo 0)
    count=${count:-0}
    if [[ $(date +%s) -gt $deadline ]]; then
      echo "encored made $count of $COUNT files in 10 minutes; errors:" >&2
      curl -sf "$api/api/artwork/errors" >&2 || true
      exit 1
    fi
  done
  t1=$(find "$data/artwork/artkit/albums" -name '*.webp' -printf '%T@\n' | sort -n | tail -1)
  DAEMON_SECONDS=$(calc "$t1 - $t0")
  DAEMON_CPU=$(calc "$(cpu_seconds "$DAEMON_PID") - $cpu0")
  DAEMON_WAITING=$(calc "($(runqueue_wait_seconds "$DAEMON_PID") - $wait0) / $DAEMON_SECONDS")
  PEAK_RSS_KB=$(rss_kb "$DAEMON_PID" VmHWM)
  sleep 2  # the cache trims its heap once idle
  AFTER_RSS_KB=$(rss_kb "$DAEMON_PID" VmRSS)
  FAILED=$(curl -sf "$api/api/artwork" | grep -o '"failed":[0-9]*' | head -1 | cut -d: -f2)
  kill "$DAEMON_PID" && wait "$DAEMON_PID" 2>/dev/null || true
  DAEMON_PID=""
}

# What two threads of pure image work get over one, right now: 2.0 when both cores are free.
headroom() {
  local one two n=$((COUNT < 100 ? COUNT : 100))
  one=$("$BUILD/bin/artwork_bench_transcode" "$WORK/www/album" "$n" 1)
  two=$("$BUILD/bin/artwork_bench_transcode" "$WORK/www/album" "$n" 2)
  HEADROOM=$(calc "$two / $one")
}

echo "img/s: images per second (wall clock); cpu: CPU milliseconds per image (user + system);"
echo "2thr/1thr: in-process transcoding on 2 threads over 1 thread just before the round;"
echo "encd_wait: encored's threads waiting for a CPU (run queue), on average, during the round"
printf '%-5s %10s %10s %8s %8s %8s %9s %9s %8s %8s %8s\n' round vips_img/s encd_img/s ratio \
  vips_cpu encd_cpu 2thr/1thr encd_wait idle_MB peak_MB after_MB
ratios=()
for round in $(seq "$ROUNDS"); do
  headroom
  run_vipsthumbnail
  run_daemon
  vt_rate=$(calc "$COUNT / $VT_SECONDS")
  d_rate=$(calc "$COUNT / $DAEMON_SECONDS")
  ratio=$(calc "$d_rate / $vt_rate")
  ratios+=("$ratio")
  printf '%-5s %10.1f %10.1f %8.2f %8.1f %8.1f %9.2f %9.2f %8.1f %8.1f %8.1f\n' "$round" \
    "$vt_rate" "$d_rate" "$ratio" "$(calc "$VT_CPU * 1000 / $COUNT")" \
    "$(calc "$DAEMON_CPU * 1000 / $COUNT")" "$HEADROOM" "$DAEMON_WAITING" \
    "$(calc "$IDLE_RSS_KB / 1024")" "$(calc "$PEAK_RSS_KB / 1024")" "$(calc "$AFTER_RSS_KB / 1024")"
  [[ ${FAILED:-0} -eq 0 ]] || echo "  ($FAILED images failed)"
done
median=$(printf '%s\n' "${ratios[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'median throughput ratio encored/vipsthumbnail: %.2f on %s cores (load average %s)\n' \
  "$median" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
