#!/usr/bin/env bash
# Builds and starts Sullam's window. Installs what the build needs first:
# gcc (SQLite through cgo) and the X11/OpenGL headers Fyne's GLFW driver needs.
# Arguments are passed to sullam, e.g. scripts/run.sh --db my.db
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-packages.sh gcc pkg-config libgl1-mesa-dev xorg-dev
go build -o sullam .
exec ./sullam "$@"
