#!/usr/bin/env bash
# Installs the Debian 12 packages Encore builds and tests with; a no-op when they are present.
#   scripts/install-deps.sh           build + test dependencies
#   scripts/install-deps.sh --test    also the tools of the package test
#   scripts/install-deps.sh --bench   also the tools the benchmarks compare against
set -euo pipefail

packages=(
  build-essential cmake pkg-config ccache clang
  libpoco-dev libsqlite3-dev libvips-dev libwebp-dev nlohmann-json3-dev
  libboost-dev libgtest-dev libgmock-dev libbenchmark-dev tzdata
  libglib2.0-dev libicu-dev libpango1.0-dev zlib1g-dev chromium
  # The Wrapped card's fonts (web/pages/wrapped_card.h): Latin, Greek and Cyrillic; Chinese,
  # Japanese and Korean (5 MB, against 91 MB for fonts-noto-cjk); emoji.
  fonts-dejavu-core fonts-wqy-microhei fonts-noto-color-emoji
)
# The browser tests drive Debian's chromium from Node (playwright-core, installed from the
# lockfile by tests/browser/run.sh). A Node that is already there (with its npm) is kept.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [[ "${1:-}" == "--test" ]]; then
  # cpack's dependency scan (file; dpkg-shlibdeps comes with build-essential), lintian, the
  # unit's offline checks (systemd-analyze), promtool and curl. promtool comes only with
  # Debian's prometheus, whose server a machine with systemd starts; on a workstation
  # `sudo systemctl disable --now prometheus` stops it.
  packages+=(file lintian systemd prometheus curl)
fi
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(sqlite3 libvips-tools wrk nginx-light procps time curl)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "Installing missing packages: ${missing[*]}"
sudo_cmd=()
[[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
