#!/usr/bin/env bash
# Runs every benchmark script in tests/bench against the build in $1 (default: build).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "${1:-build}" && pwd)"
for script in "$here"/*_bench.sh; do
  echo "== $(basename "$script")"
  "$script" "$build"
done
