#!/usr/bin/env bash
# Runs every test. Needs only gcc (SQLite through cgo): `-tags ci` gives Fyne a
# software driver, so no X11/OpenGL headers and no display are needed.
# Set SULLAM_TEST_PG=postgres://user:pass@host/db to run the store tests
# against PostgreSQL too (.ci/run does).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/need-packages.sh gcc
export LANG=${LANG:-en_US.UTF-8}
go vet -tags ci ./...
go test -tags ci -count=1 -timeout 30m ./... "$@"
