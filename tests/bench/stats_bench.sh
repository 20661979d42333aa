#!/usr/bin/env bash
# The stats benchmark (not part of ctest): tests/bench/stats_bench.sh [BUILD_DIR] [args...]
# Generates (once) a million plays over ten years into BUILD_DIR/bench-data/stats-1m and
# measures every /api/stats endpoint and /wrapped/{year}; see docs/PERFORMANCE.md.
set -euo pipefail
build="${1:-build}"
shift || true
cmake --build "$build" -j2 --target encored encore_stats_http_bench >/dev/null
exec "$build/bin/encore_stats_http_bench" --out "$build/stats-bench.md" "$@"
