#!/usr/bin/env bash
# Tries the Linux package (CI runs it): unpacks dist/Sullam-linux-amd64.tar.xz,
# runs its `make install` into a temporary DESTDIR, checks that the desktop
# entry's Exec line names the installed program and its Icon the installed
# icon, runs the installed program's `version` (it must print FyneApp.toml's
# version), then starts the Exec line under Xvfb and checks that the window
# draws (a screenshot with more than a few colours). Builds the package first
# when missing (PACKAGE=1 rebuilds it).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-packages.sh make xz-utils xvfb xauth imagemagick libgl1 libgl1-mesa-dri
if [ "${PACKAGE:-0}" = 1 ] || ! [ -f dist/Sullam-linux-amd64.tar.xz ]; then
  scripts/package.sh linux
fi
export LANG=${LANG:-en_US.UTF-8}
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml)
t=$(mktemp -d)
xpid="" apid=""
cleanup() {
  # Stop the app and the X server and wait for them: the app keeps writing its
  # settings under $t (HOME) until it has exited, and removing the directory
  # while it does fails with "Directory not empty".
  if [ -n "$apid" ]; then kill "$apid" 2>/dev/null || true; wait "$apid" 2>/dev/null || true; fi
  if [ -n "$xpid" ]; then kill "$xpid" 2>/dev/null || true; wait "$xpid" 2>/dev/null || true; fi
  rm -rf "$t" 2>/dev/null || { sleep 1; rm -rf "$t" || true; }
}
trap cleanup EXIT
mkdir "$t/pkg" "$t/root"
tar -xJf dist/Sullam-linux-amd64.tar.xz -C "$t/pkg"
mk=$(find "$t/pkg" -maxdepth 2 -name Makefile | head -1)
[ -n "$mk" ] || { echo "linux package: no Makefile in dist/Sullam-linux-amd64.tar.xz"; exit 1; }
make -s -C "$(dirname "$mk")" install DESTDIR="$t/root" PREFIX=/usr/local
prefix=$t/root/usr/local
desktop=$prefix/share/applications/com.sullam.app.desktop
[ -f "$desktop" ] || { echo "linux package: no desktop entry at $desktop"; exit 1; }
exec_line=$(sed -n 's/^Exec=//p' "$desktop")
icon=$(sed -n 's/^Icon=//p' "$desktop")
prog=${exec_line%% *}
[ -x "$prefix/bin/$prog" ] || { echo "linux package: Exec=$exec_line, but $prefix/bin/$prog is not installed"; exit 1; }
[ -f "$prefix/share/pixmaps/$icon" ] || [ -f "$prefix/share/pixmaps/$icon.png" ] || { echo "linux package: Icon=$icon is not installed"; exit 1; }
got=$(PATH="$prefix/bin:$PATH" "$prog" version 2>/dev/null | sed -n 1p)
[ "$got" = "sullam $version" ] || { echo "linux package: '$prog version' printed '$got', want 'sullam $version'"; exit 1; }
echo "linux package: make install put $prog, its desktop entry (Exec=$exec_line) and icon in place; $got"
disp=:$(( RANDOM % 300 + 600 ))
Xvfb "$disp" -screen 0 1280x800x24 >"$t/xvfb.log" 2>&1 & xpid=$!
# The desktop entry's Exec line, as a launcher runs it (with the installed bin on PATH).
(cd "$t" && HOME=$t DISPLAY=$disp PATH="$prefix/bin:$PATH" exec $exec_line) >"$t/app.log" 2>&1 & apid=$!
. scripts/lib/window.sh
if wait_for_window "$disp" "$t/screen.png" 60; then
  echo "linux package: the desktop entry started the window ($colours colours on the screen)"
else
  echo "linux package: the window did not draw ($colours colours); its output:"; tail -20 "$t/app.log"
  exit 1
fi
