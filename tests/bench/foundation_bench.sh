#!/usr/bin/env bash
# The daemon itself: start-up time, idle RSS (example plugin loaded), and GET /api/workers
# throughput under wrk beside nginx serving a static file of the same bytes, same run.
#   tests/bench/foundation_bench.sh <build dir>
set -euo pipefail
build="$(cd "${1:-build}" && pwd)"
encored="$build/bin/encored"
plugins="$build/lib/encore/plugins"
work="$(mktemp -d /tmp/encore-bench-XXXXXX)"
chmod 755 "$work"  # nginx's workers run as another user and must read www/
cleanup() {
  [[ -n "${encored_pid:-}" ]] && kill "$encored_pid" 2>/dev/null || true
  [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "machine: $(nproc) cores, $(uname -r), $(lsb_release -ds 2>/dev/null || head -1 /etc/os-release)"
"$build/bin/encore_startup_bench" "$encored" "$plugins" "${STARTUP_RUNS:-20}"

# Waits up to 20 s for a URL to answer 2xx.
wait_for() {
  for _ in $(seq 400); do curl -sf "$1" >/dev/null && return 0; sleep 0.05; done
  echo "no answer from $1" >&2
  return 1
}
free_port() { python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'; }
port=$(free_port)
"$encored" --data-dir "$work/data" --plugin-dir "$plugins" --port "$port" >"$work/encored.log" 2>&1 &
encored_pid=$!
wait_for "http://127.0.0.1:$port/api/health"
sleep 2  # let the start-up runs finish so the body is stable
mkdir -p "$work/www"
curl -sf "http://127.0.0.1:$port/api/workers" >"$work/www/workers.json"
chmod 755 "$work/www"; chmod 644 "$work/www/workers.json"
bytes=$(stat -c %s "$work/www/workers.json")

nginx_port=$(free_port)
cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path $work/tmp; proxy_temp_path $work/tmp; fastcgi_temp_path $work/tmp;
  uwsgi_temp_path $work/tmp; scgi_temp_path $work/tmp;
  server { listen 127.0.0.1:$nginx_port; root $work/www; default_type application/json; }
}
NGINX
mkdir -p "$work/tmp"
nginx -c "$work/nginx.conf"
wait_for "http://127.0.0.1:$nginx_port/workers.json"

duration=${WRK_SECONDS:-10}
run_wrk() { wrk -t2 -c16 -d"${duration}s" "$1" | awk '/Requests\/sec/ {print $2}'; }
ours=$(run_wrk "http://127.0.0.1:$port/api/workers")
theirs=$(run_wrk "http://127.0.0.1:$nginx_port/workers.json")
echo "GET /api/workers ($bytes bytes): encored $ours req/s, nginx static $theirs req/s," \
     "ratio $(python3 -c "print(f'{$ours/$theirs:.2f}')") (wrk -t2 -c16 -d${duration}s, same machine)"
grep VmRSS "/proc/$encored_pid/status" | sed 's/^/encored after the wrk run: /'
