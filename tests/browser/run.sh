#!/usr/bin/env bash
# Runs the browser tests: tests/browser/run.sh BUILD_DIR
# Needs node/npm and Debian's chromium (scripts/install-deps.sh installs them). The npm
# packages are installed from the lockfile into the build tree, not the source tree.
set -euo pipefail
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "$tool is missing: run scripts/install-deps.sh" >&2; exit 77; }
done
[[ -x "${ENCORE_CHROMIUM:-/usr/bin/chromium}" ]] || { echo "chromium is missing: run scripts/install-deps.sh" >&2; exit 77; }
here="$(cd "$(dirname "$0")" && pwd)"
build="$(cd "$1" && pwd)"
work="$build/browser-tests"
mkdir -p "$work"
cp "$here/package.json" "$here/package-lock.json" "$here"/*.mjs "$work/"
if ! cmp -s "$here/package-lock.json" "$work/node_modules/.package-lock.json.installed" 2>/dev/null; then
  (cd "$work" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$here/package-lock.json" "$work/node_modules/.package-lock.json.installed"
fi
export ENCORE_BUILD_DIR="$build"
export ENCORE_FIXTURES_DIR="$(cd "$here/../fixtures" && pwd)"
export ENCORE_ARTIFACTS_DIR="$build/browser-artifacts"
cd "$work"
exec node --test pages.test.mjs
