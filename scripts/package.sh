#!/usr/bin/env bash
# Builds the release packages into dist/:
#   scripts/package.sh linux     dist/Sullam-linux-amd64.tar.xz   (fyne package: the binary, the
#                                desktop entry, the icon and a Makefile: `sudo make install`)
#   scripts/package.sh windows   dist/Sullam-windows-amd64.zip    (cross-compiled with mingw-w64:
#                                Sullam.exe, the window, no console, icon and version resource
#                                by fyne package; sullam-cli.exe, the same program as a console
#                                program for the command line)
#   scripts/package.sh all       both
# The name, ID, version, build number and icon come from FyneApp.toml. Installs what it needs
# (Debian/Ubuntu packages, and the pinned fyne tool from the Go module proxy).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
FYNE_TOOLS_VERSION=v1.7.4 # fyne.io/tools, pinned
GOVERSIONINFO_VERSION=v1.7.0 # github.com/josephspurrier/goversioninfo, the one fyne.io/tools v1.7.4 uses

# fyne package runs without --release: --release adds -trimpath, so the cgo
# packages (GLFW, SQLite) would be compiled again (minutes on 2 cores)
# instead of coming from the cache that go build and go vet fill. The
# binaries keep their symbols (sullam-cli.exe is linked with -s -w).
fyne_tool() { # installs the pinned fyne tool when missing or another version, prints its path
  local bin
  bin="$(go env GOPATH)/bin/fyne"
  local have=""
  [ -x "$bin" ] && have=$("$bin" version 2>/dev/null || true)
  if [[ $have != *"cli version: $FYNE_TOOLS_VERSION"* ]]; then
    echo "installing fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION" >&2
    go install "fyne.io/tools/cmd/fyne@$FYNE_TOOLS_VERSION"
  fi
  echo "$bin"
}

version() { sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml; }

linux() {
  scripts/need-packages.sh gcc pkg-config libgl1-mesa-dev xorg-dev xz-utils
  local fyne
  fyne=$(fyne_tool)
  rm -f Sullam.tar.xz
  "$fyne" package --os linux
  mkdir -p dist
  mv Sullam.tar.xz dist/Sullam-linux-amd64.tar.xz
  echo "dist/Sullam-linux-amd64.tar.xz (version $(version))"
}

windows() {
  scripts/need-packages.sh gcc-mingw-w64-x86-64 zip
  local fyne stage
  fyne=$(fyne_tool)
  export CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC=x86_64-w64-mingw32-gcc
  stage=$(mktemp -d)
  trap 'rm -rf "$stage"' RETURN
  rm -f Sullam.exe
  # The window: -H windowsgui (no console), icon, manifest and version resource.
  "$fyne" package --os windows
  mv Sullam.exe "$stage/Sullam.exe"
  # The command line: the same program linked as a console program, so that
  # cmd.exe and PowerShell wait for it, show its output and get its exit status.
  # Its icon and version resource: a .syso made by goversioninfo (pinned, the
  # version fyne.io/tools uses), linked in by go build and removed after.
  local v build syso=rsrc_windows_amd64.syso
  v=$(version)
  build=$(sed -n 's/^Build *= *\([0-9]*\)/\1/p' FyneApp.toml)
  IFS=. read -r major minor patch <<<"${v%%[-+]*}"
  rm -f "$syso"
  trap 'rm -rf "$stage"; rm -f "$root/$syso"' RETURN
  echo '{}' >"$stage/versioninfo.json"
  GOOS= GOARCH= CGO_ENABLED=0 go run "github.com/josephspurrier/goversioninfo/cmd/goversioninfo@$GOVERSIONINFO_VERSION" \
    -64 -o "$syso" -icon assets/icon.ico -product-name Sullam -description "Sullam command line" \
    -original-name sullam-cli.exe -internal-name sullam-cli -product-version "$v" -file-version "${major:-0}.${minor:-0}.${patch:-0}.${build:-0}" \
    -ver-major "${major:-0}" -ver-minor "${minor:-0}" -ver-patch "${patch:-0}" -ver-build "${build:-0}" \
    -product-ver-major "${major:-0}" -product-ver-minor "${minor:-0}" -product-ver-patch "${patch:-0}" -product-ver-build "${build:-0}" \
    "$stage/versioninfo.json"
  # migrated_fynedo, as fyne package builds Sullam.exe (FyneApp.toml [Migrations] fyneDo).
  go build -tags migrated_fynedo -ldflags "-s -w" -o "$stage/sullam-cli.exe" .
  rm -f "$syso"
  cat >"$stage/README.txt" <<TXT
Sullam $(version) for Windows (64-bit)

Sullam.exe      the application: double-click it (or make a shortcut to it).
sullam-cli.exe  the command line, for cmd.exe or PowerShell, e.g.
                  sullam-cli.exe version
                  sullam-cli.exe import agents agents.csv
                  sullam-cli.exe score --year 2025 > scores.csv

The database is %AppData%\\fyne\\com.sullam.app\\sullam.db unless --db (or SULLAM_DB)
names another file or a postgres:// URL. A database on a network share (\\\\server\\share
or a mapped network drive) is refused: use PostgreSQL to share one database.
TXT
  sed -i 's/$/\r/' "$stage/README.txt"
  mkdir -p dist
  rm -f dist/Sullam-windows-amd64.zip
  (cd "$stage" && zip -q -9 "$root/dist/Sullam-windows-amd64.zip" Sullam.exe sullam-cli.exe README.txt)
  echo "dist/Sullam-windows-amd64.zip (version $(version))"
}

# fyne package adds 1 to FyneApp.toml's Build on every run: put the file back
# afterwards, so that FyneApp.toml stays the one place the version is set.
saved_meta=$(mktemp)
cp FyneApp.toml "$saved_meta"
trap 'cp "$saved_meta" FyneApp.toml; rm -f "$saved_meta"' EXIT

case "${1:-}" in
  linux) linux ;;
  windows) windows ;;
  all) linux; windows ;;
  *) echo "usage: scripts/package.sh linux|windows|all" >&2; exit 2 ;;
esac
