#!/usr/bin/env bash
# The installed tree and the Debian packages, end to end:
#   cmake --install into a prefix: the files, the plugins (every real one, no example),
#     an edited config kept on reinstall;
#   cpack: encore and encore-dev, their contents, control files and computed dependencies,
#     and lintian;
#   the unit: systemd-analyze verify and the offline security score (systemd cannot boot
#     here, so the unit is checked as a file, not run);
#   the packaged encored started as the unit starts it (--config /etc/encore/encore.conf,
#     the data in a temporary folder), its imaging module, /metrics through promtool, and a
#     backup restored into a fresh data directory.
# Usage: package_test.sh BUILD_DIR
set -euo pipefail

BUILD=$(cd "$1" && pwd)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/encore-package-XXXXXX")
DAEMON_PID=
cleanup() {
  if [[ -n "$DAEMON_PID" ]]; then kill -9 "$DAEMON_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}
step() { echo "== $*"; }

for tool in cpack dpkg-deb lintian systemd-analyze promtool curl; do
  command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/install-deps.sh"
done

# Starts an encored and waits for its port; sets DAEMON_PID and PORT.
start_daemon() {
  local log=$1
  shift
  "$@" >"$log" 2>&1 &
  DAEMON_PID=$!
  for _ in $(seq 1 150); do
    PORT=$(sed -n 's#.*listening on http://[^:]*:\([0-9]*\).*#\1#p' "$log" | head -n 1)
    [[ -n "$PORT" ]] && return 0
    kill -0 "$DAEMON_PID" 2>/dev/null || break
    sleep 0.1
  done
  cat "$log" >&2
  fail "encored did not start: $*"
}
stop_daemon() {
  kill -TERM "$DAEMON_PID"
  wait "$DAEMON_PID" || fail "encored did not stop cleanly"
  DAEMON_PID=
}
plugin_ids() { curl -fsS "http://127.0.0.1:$PORT/api/plugins" | grep -o '"id":"[^"]*"' | sort | tr '\n' ' '; }

step "cmake --install into a prefix"
P=$WORK/prefix
cmake --install "$BUILD" --prefix "$P" >"$WORK/install.log"
for f in bin/encored lib/encore/encore_imaging.so lib/encore/plugins/spotify.so \
  lib/encore/plugins/lastfm.so lib/encore/plugins/spotify_export.so include/encore/plugin_api.h \
  include/encore/plugin.hpp \
  lib/cmake/EncorePluginAPI/EncorePluginAPIConfig.cmake lib/systemd/system/encore.service \
  lib/sysusers.d/encore.conf etc/encore/encore.conf share/doc/encore/README.md \
  share/doc/encore/OPERATIONS.md share/man/man8/encored.8.gz; do
  [[ -e "$P/$f" ]] || fail "cmake --install left out $f"
done
installed=$(cd "$P/lib/encore/plugins" && ls)
built=$(cd "$BUILD/lib/encore/plugins" && ls)
[[ "$installed" == "$built" ]] || fail "installed plugins: $installed; built: $built"
for f in hello testkit artkit; do
  [[ ! -e "$P/lib/encore/plugins/$f.so" ]] || fail "$f.so is installed"
done
grep -qx "ExecStart=$P/bin/encored --config $P/etc/encore/encore.conf" \
  "$P/lib/systemd/system/encore.service" || fail "the unit's ExecStart names another prefix"
echo "ENCORE_PORT = 9999" >>"$P/etc/encore/encore.conf"
cmake --install "$BUILD" --prefix "$P" >"$WORK/install.log"
grep -q "^ENCORE_PORT = 9999" "$P/etc/encore/encore.conf" || fail "a reinstall replaced the edited config"
[[ -e "$P/etc/encore/encore.conf.new" ]] || fail "no encore.conf.new beside the edited config"

step "cpack"
(cd "$BUILD" && cpack -G DEB -B "$WORK/packages" >"$WORK/cpack.log" 2>&1) || {
  cat "$WORK/cpack.log" >&2
  fail "cpack failed"
}
VERSION=$("$BUILD/bin/encored" --version | awk '{print $2}')
DEB=$WORK/packages/encore_${VERSION}_$(dpkg --print-architecture).deb
DEV=$WORK/packages/encore-dev_${VERSION}_all.deb
[[ -f "$DEB" && -f "$DEV" ]] || fail "expected $(basename "$DEB") and $(basename "$DEV"); got: $(ls "$WORK/packages")"

step "package contents and control files"
dpkg-deb -c "$DEB" | awk '{print $6}' | sed 's#^\./#/#' >"$WORK/encore.files"
for f in /usr/bin/encored /usr/lib/encore/encore_imaging.so /usr/lib/encore/plugins/spotify.so \
  /usr/lib/encore/plugins/lastfm.so /usr/lib/encore/plugins/spotify_export.so \
  /usr/lib/systemd/system/encore.service /usr/lib/sysusers.d/encore.conf /etc/encore/encore.conf \
  /usr/share/doc/encore/copyright /usr/share/doc/encore/changelog.gz \
  /usr/share/doc/encore/OPERATIONS.md /usr/share/man/man8/encored.8.gz; do
  grep -qx "$f" "$WORK/encore.files" || fail "encore lacks $f"
done
! grep -E '/include/|hello\.so|testkit\.so' "$WORK/encore.files" || fail "encore holds SDK or example files"
dpkg-deb -c "$DEV" | awk '{print $6}' | sed 's#^\./#/#' >"$WORK/dev.files"
for f in /usr/include/encore/plugin_api.h /usr/include/encore/plugin.hpp \
  /usr/lib/cmake/EncorePluginAPI/EncorePluginAPIConfig.cmake /usr/share/doc/encore-dev/copyright \
  /usr/share/doc/encore-dev/examples/hello_cpp/hello_cpp.cc; do
  grep -qx "$f" "$WORK/dev.files" || fail "encore-dev lacks $f"
done
! grep -E '/bin/|\.so$' "$WORK/dev.files" || fail "encore-dev holds binaries"
depends=$(dpkg-deb -f "$DEB" Depends)
for lib in libc6 libsqlite3-0 libvips42 libpoco; do
  [[ "$depends" == *"$lib"* ]] || fail "Depends lacks $lib (dpkg-shlibdeps): $depends"
done
dpkg-deb -e "$DEB" "$WORK/control"
grep -qx /etc/encore/encore.conf "$WORK/control/conffiles" || fail "encore.conf is not a conffile"
for script in postinst prerm postrm; do
  [[ -x "$WORK/control/$script" ]] || fail "$script missing or not executable"
  sh -n "$WORK/control/$script" || fail "$script: syntax"
done

step "lintian"
lintian --fail-on error "$DEB" "$DEV" | tee "$WORK/lintian.log" ||
  fail "lintian reports errors"

step "the unit: systemd-analyze verify and security"
ROOT=$WORK/root
dpkg-deb -x "$DEB" "$ROOT"
UNIT=$ROOT/usr/lib/systemd/system/encore.service
grep -qx "ExecStart=/usr/bin/encored --config /etc/encore/encore.conf" "$UNIT" || fail "ExecStart"
for line in Type=notify User=encore StateDirectory=encore Restart=on-failure ProtectSystem=strict \
  ProtectHome=yes PrivateTmp=yes NoNewPrivileges=yes MemoryDenyWriteExecute=yes \
  "RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX" SystemCallFilter=@system-service; do
  grep -qx "$line" "$UNIT" || fail "the unit lacks $line"
done
# verify resolves the unit's dependencies (sysinit.target, ...) inside the root: the host's
# units beside it, the package's own unit untouched.
cp -an /lib/systemd/system/. "$ROOT/usr/lib/systemd/system/"
systemd-analyze verify --man=no --root="$ROOT" encore.service >"$WORK/verify.log" 2>&1 || {
  cat "$WORK/verify.log" >&2
  fail "systemd-analyze verify"
}
! grep "encore\.service" "$WORK/verify.log" || fail "systemd-analyze verify warns about the unit"
systemd-analyze security --offline=true "$UNIT" >"$WORK/security.log" 2>&1 || true
exposure=$(sed -n 's/.*Overall exposure level for encore.service: \([0-9.]*\) .*/\1/p' "$WORK/security.log")
[[ -n "$exposure" ]] || {
  cat "$WORK/security.log" >&2
  fail "no exposure level"
}
echo "exposure: $exposure"
awk -v e="$exposure" 'BEGIN { exit !(e <= 2.0) }' || fail "exposure $exposure is above 2.0"

step "the packaged encored, as the unit starts it"
DATA=$WORK/data
start_daemon "$WORK/daemon.log" "$ROOT/usr/bin/encored" --config "$ROOT/etc/encore/encore.conf" \
  --data-dir "$DATA" --port 0
grep -q "plugins from $ROOT/usr/lib/encore/plugins" "$WORK/daemon.log" || fail "plugin dir: $(cat "$WORK/daemon.log")"
ids=$(plugin_ids)
[[ "$ids" == '"id":"lastfm" "id":"spotify" "id":"spotify_export" ' ]] || fail "plugins loaded: $ids"
URL=http://127.0.0.1:$PORT
curl -fsS "$URL/wrapped/2025/card.webp" -o "$WORK/card.webp" || fail "the Wrapped card (imaging module)"
[[ "$(head -c 4 "$WORK/card.webp")" == RIFF ]] || fail "the card is not WebP"
curl -fsS -X PUT -H 'Content-Type: application/json' -d '{"server.timezone":"Europe/Berlin"}' \
  "$URL/api/settings" >/dev/null || fail "PUT /api/settings"
curl -fsS "$URL/metrics" -o "$WORK/metrics.txt" || fail "GET /metrics"
promtool check metrics <"$WORK/metrics.txt" || fail "promtool check metrics"
grep -q '^encore_build_info{version="'"$VERSION"'"} 1$' "$WORK/metrics.txt" || fail "encore_build_info"
grep -q '^process_resident_memory_bytes ' "$WORK/metrics.txt" || fail "process metrics"

step "backup while running, restore into a fresh data directory"
"$ROOT/usr/bin/encored" backup "$WORK/encore-backup.db" --config "$ROOT/etc/encore/encore.conf" \
  --data-dir "$DATA" || fail "encored backup"
stop_daemon
mkdir -m 700 "$WORK/restored"
cp "$WORK/encore-backup.db" "$WORK/restored/encore.db"
start_daemon "$WORK/restored.log" "$ROOT/usr/bin/encored" --config "$ROOT/etc/encore/encore.conf" \
  --data-dir "$WORK/restored" --port 0
curl -fsS "http://127.0.0.1:$PORT/api/settings" | grep -q '"Europe/Berlin"' ||
  fail "the restored database lacks the setting made before the backup"
stop_daemon

# Installing the package for real changes the machine (a user, /usr, /etc, /var/lib), so it
# happens only where asked: CI sets ENCORE_TEST_INSTALL_PACKAGE=1 on its throwaway machine.
if [[ "${ENCORE_TEST_INSTALL_PACKAGE:-0}" == 1 ]]; then
  step "apt install the package, run it as the unit would, remove it"
  [[ $(id -u) == 0 ]] || fail "installing the package needs root"
  ! dpkg -s encore >/dev/null 2>&1 || fail "encore is already installed here; not touching it"
  apt-get install -y -q "$DEB" >"$WORK/apt.log" 2>&1 || {
    cat "$WORK/apt.log" >&2
    fail "apt-get install $(basename "$DEB")"
  }
  cleanup_install() { apt-get purge -y -q encore >/dev/null 2>&1 || true; }
  trap 'cleanup_install; cleanup' EXIT
  getent passwd encore >/dev/null || fail "postinst made no user encore"
  [[ "$(stat -c '%U %a' /var/lib/encore)" == "encore 700" ]] ||
    fail "/var/lib/encore is $(stat -c '%U %a' /var/lib/encore)"
  dpkg -L encore | grep -qx /usr/lib/encore/plugins/spotify.so || fail "dpkg -L encore"
  start_daemon "$WORK/installed.log" setpriv --reuid=encore --regid=encore --init-groups /usr/bin/encored \
    --config /etc/encore/encore.conf --port 0
  grep -q "data in /var/lib/encore, plugins from /usr/lib/encore/plugins" "$WORK/installed.log" ||
    fail "installed layout: $(cat "$WORK/installed.log")"
  ids=$(plugin_ids)
  [[ "$ids" == '"id":"lastfm" "id":"spotify" "id":"spotify_export" ' ]] || fail "plugins loaded: $ids"
  [[ "$(stat -c %U /var/lib/encore/encore.db)" == encore ]] || fail "encore.db is not the user's"
  stop_daemon
  apt-get purge -y -q encore >"$WORK/purge.log" 2>&1 || fail "apt-get purge encore"
  [[ ! -e /usr/bin/encored && -e /var/lib/encore/encore.db ]] ||
    fail "purge removed the data or left the binary"
  rm -rf /var/lib/encore
fi

echo "package test passed (exposure $exposure)"
