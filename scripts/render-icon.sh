#!/usr/bin/env bash
# Renders the app icon assets/icon.svg to the PNG that FyneApp.toml names
# (assets/icon.png, 512 px: fyne package makes Sullam.exe's icon and the Linux
# icon from it; the window uses it too), and to assets/icon.ico (256, 64, 48,
# 32 and 16 px, each rendered from the SVG) for sullam-cli.exe's resource. Run from anywhere after changing the
# SVG, then commit both files: builds use the committed PNG, not the renderer.
# SIZE=1024 scripts/render-icon.sh renders a larger one.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-packages.sh librsvg2-bin imagemagick
size=${SIZE:-512}
rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio assets/icon.svg --output assets/icon.png.tmp
mv assets/icon.png.tmp assets/icon.png
echo "assets/icon.png: ${size}x${size}"
t=$(mktemp -d)
trap 'rm -rf "$t"' EXIT
pngs=()
for s in 256 64 48 32 16; do
  rsvg-convert --width $s --height $s --keep-aspect-ratio assets/icon.svg --output "$t/$s.png"
  pngs+=("$t/$s.png")
done
convert "${pngs[@]}" assets/icon.ico
echo "assets/icon.ico: 256, 64, 48, 32, 16 px"
