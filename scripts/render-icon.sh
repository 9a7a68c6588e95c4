#!/usr/bin/env bash
# Renders the app icon assets/icon.svg to the PNG that FyneApp.toml names
# (assets/icon.png, 512 px: fyne package makes the Windows .ico and the Linux
# icons from it; the window uses it too). Run from anywhere after changing the
# SVG, then commit both files: builds use the committed PNG, not the renderer.
# SIZE=1024 scripts/render-icon.sh renders a larger one.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-packages.sh librsvg2-bin
size=${SIZE:-512}
rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio assets/icon.svg --output assets/icon.png.tmp
mv assets/icon.png.tmp assets/icon.png
echo "assets/icon.png: ${size}x${size}"
