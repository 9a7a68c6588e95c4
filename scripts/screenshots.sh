#!/usr/bin/env bash
# Makes the screenshots of every screen, for every role, in Arabic and English,
# at 1366×768: docs/screenshots/all/{ar,en}/ROLE-SCREEN.png. It runs the screen
# walker (ui/screens_walk_test.go) with Fyne's software renderer (`-tags ci`, no
# display needed) on a small demo data set; the walker also fails on a screen
# that widens the window, an English word in an Arabic screen or a raw
# translation key. Re-run after each change to a screen and commit the PNGs.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-packages.sh gcc
export LANG=${LANG:-en_US.UTF-8}
out=docs/screenshots/all
rm -rf "$out"
mkdir -p "$out"
SCREENSHOTS="$PWD/$out" go test -tags ci -count=1 -run '^TestWalkEveryScreen$' ./ui/ "$@"
echo "screenshots: $(find "$out" -name '*.png' | wc -l) files in $out"
