#!/usr/bin/env bash
# Tries the Windows package under Wine (CI runs it; run it from anywhere):
#  1. sullam-cli.exe on the example set (../shared/examples/small): init, the
#     five imports, score --year 2024 and 2025, promotions --as-of the two
#     dates, each output compared with the expected file (compare-csv.py);
#     a database on a network share refused; with no --db, the database made
#     in %AppData%;
#  2. Sullam.exe under Xvfb: its window must start and draw (a screenshot of
#     the screen with more than a few colours).
# Builds dist/Sullam-windows-amd64.zip first when it is missing (PACKAGE=1
# rebuilds it). Installs wine64, Xvfb and ImageMagick when missing. Keeps
# its work folder (databases, outputs, screenshot) when KEEP=1.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(readlink -f "${SHARED:-../shared}")
ex=$shared/examples/small
[ -d "$ex" ] || { echo "wine-check: no example set at $ex" >&2; exit 1; }
scripts/need-packages.sh gcc-mingw-w64-x86-64 wine wine64 xvfb xauth imagemagick unzip python3 libgl1 libgl1-mesa-dri
if [ "${PACKAGE:-0}" = 1 ] || ! [ -f dist/Sullam-windows-amd64.zip ]; then
  scripts/package.sh windows
fi
t=$(mktemp -d)
xpid=""
cleanup() {
  WINEPREFIX=$t/prefix wineserver -k 2>/dev/null || true
  if [ -n "$xpid" ]; then kill "$xpid" 2>/dev/null || true; wait "$xpid" 2>/dev/null || true; fi
  # Wine's processes may still be writing into the prefix for a moment after
  # -k; a failed removal of a temporary directory is not a failed check.
  if [ "${KEEP:-0}" = 1 ]; then echo "kept $t" >&2; else rm -rf "$t" 2>/dev/null || { sleep 2; rm -rf "$t" || true; }; fi
}
trap cleanup EXIT
export WINEPREFIX=$t/prefix WINEARCH=win64 WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LANG=en_US.UTF-8
unzip -q dist/Sullam-windows-amd64.zip -d "$t/app"
start=$(date +%s)
# One wineserver for every run below, started first (one per run raced:
# "recvmsg: Connection reset by peer").
mkdir -p "$WINEPREFIX"
wineserver -p
wineboot --init >/dev/null 2>&1 || true
# Debian 12's Wine 8.0 lacks bcryptprimitives.dll, which Go programs need
# (Windows 10 and 11 have it): put a stand-in into the prefix (never shipped).
x86_64-w64-mingw32-gcc -O2 -shared -o "$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll" \
  scripts/wine/bcryptprimitives.c -ladvapi32
echo "wine prefix ready in $(( $(date +%s) - start )) s"

# 1. The command line on the example set, through a Windows path (Z:\…).
db=$(winepath -w "$t/x.db")
cli() { wine "$t/app/sullam-cli.exe" --db "$db" "$@"; }
wine "$t/app/sullam-cli.exe" version | tr -d '\r'
cli init >"$t/log" 2>&1 || { echo "init failed:"; tail -5 "$t/log"; exit 1; }
for k in agents attendance audits weekly reviews; do
  cli import "$k" "$(winepath -w "$ex/$k.csv")" >"$t/log" 2>&1 || { echo "import $k failed:"; tail -5 "$t/log"; exit 1; }
done
fail=0
check() { # name, expected file, command arguments...
  local name=$1 exp=$2; shift 2
  cli "$@" >"$t/out.csv" 2>"$t/err" || { echo "$name: exit $?: $(tail -1 "$t/err")"; fail=1; return; }
  python3 "$shared/tools/compare-csv.py" "$exp" "$t/out.csv" | sed "s/^/wine $name: /" || fail=1
}
check "score 2024" "$ex/expected-score-2024.csv" score --year 2024
check "score 2025" "$ex/expected-score-2025.csv" score --year 2025
check "promotions 2025-12-31" "$ex/expected-promotions-2025-12-31.csv" promotions --as-of 2025-12-31
check "promotions 2027-03-01" "$ex/expected-promotions-2027-03-01.csv" promotions --as-of 2027-03-01
# A database on a network share is refused, naming PostgreSQL, and nothing is created.
if wine "$t/app/sullam-cli.exe" --db '\\fileserver\hr\sullam.db' init >"$t/out" 2>"$t/err"; then
  echo "wine: a database on \\\\fileserver\\hr was accepted"; fail=1
elif ! grep -q "network" "$t/err"; then
  echo "wine: the refusal of a network share does not say why: $(tail -1 "$t/err")"; fail=1
else
  echo "wine: a database on a network share is refused"
fi
# With no --db, the database is %AppData%\fyne\com.sullam.app\sullam.db.
if wine "$t/app/sullam-cli.exe" init >"$t/log" 2>&1 &&
  [ -n "$(find "$WINEPREFIX/drive_c/users" -path '*/AppData/Roaming/fyne/com.sullam.app/sullam.db' 2>/dev/null)" ]; then
  echo "wine: the default database is in %AppData%\\fyne\\com.sullam.app"
else
  echo "wine: no default database in %AppData%\\fyne\\com.sullam.app: $(tail -1 "$t/log")"; fail=1
fi
[ $fail = 0 ] || exit 1

# 2. The window: Sullam.exe under Xvfb must draw its first screen.
disp=:$(( RANDOM % 300 + 300 ))
Xvfb "$disp" -screen 0 1280x800x24 >"$t/xvfb.log" 2>&1 & xpid=$!
export DISPLAY=$disp
gui_db=$(winepath -w "$t/gui.db")
wine "$t/app/Sullam.exe" --db "$gui_db" >"$t/gui.log" 2>&1 &
# Poll (at most ~3 minutes: the first start also creates the database) until
# the screen shows the window.
. scripts/lib/window.sh
if wait_for_window "$disp" "$t/screen.png" 90; then
  echo "wine: Sullam.exe drew its window ($colours colours on the screen)"
else
  echo "wine: Sullam.exe did not draw a window ($colours colours); its output:"; tail -20 "$t/gui.log"
  exit 1
fi
echo "wine check passed in $(( $(date +%s) - start )) s"
