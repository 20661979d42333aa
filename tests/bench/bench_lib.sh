# Shell helpers the whole-process benchmarks share: source it, do not run it.

# Evaluates an arithmetic expression with awk (floating point).
calc() { awk "BEGIN { print $1 }"; }

# CPU seconds (user + system) process $1 has used so far.
cpu_seconds() { awk -v hz="$(getconf CLK_TCK)" '{print ($14 + $15) / hz}' "/proc/$1/stat"; }

# Waits up to 10 s for a line matching $2 in file $1; else prints the file and exits.
wait_for_line() {
  for _ in $(seq 1 200); do
    grep -q "$2" "$1" 2>/dev/null && return 0
    sleep 0.05
  done
  echo "timed out waiting for '$2' in $1" >&2
  cat "$1" >&2
  exit 1
}

# The pid of the process that process $1 (e.g. /usr/bin/time) started, once it has.
child_of() {
  local pid=""
  for _ in $(seq 1 100); do
    pid=$(pgrep -P "$1" || true)
    [[ -n "$pid" ]] && break
    sleep 0.05
  done
  echo "$pid"
}

# The http://host:port an encored logging to file $1 listens on, once it does.
encored_url() {
  wait_for_line "$1" "listening on"
  grep -o 'listening on http://[0-9.]*:[0-9]*' "$1" | sed 's/listening on //'
}
