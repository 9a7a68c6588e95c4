#!/usr/bin/env bash
# Speed benchmark (README "Speed"): generates a large demo data set, exports it
# to CSV, then times `sullam import` of each file into a fresh database,
# `score --year` of the last full year and `promotions`, against the sqlite3
# shell loading the same CSV files into plain tables and running one SQL
# aggregate over the attendance. Prints a table with the ratios.
#
#   scripts/bench.sh                    # 2,000 agents, 7 years, seed 1
#   AGENTS=500 YEARS=3 scripts/bench.sh # a quicker run
#   KEEP=1 scripts/bench.sh             # keep the work folder (databases, CSV)
#   SULLAM_BIN=/tmp/old scripts/bench.sh # time that binary instead of building one
#
#   scripts/bench.sh screens            # the data behind each screen (issue 17):
#                                       # 10,000 agents, 7 years, seed 1
#   AGENTS=1000 scripts/bench.sh screens
#   PG=postgres://… scripts/bench.sh screens  # the same on a PostgreSQL database
#
# The screens mode fills a demo database once and keeps it under /tmp
# (/tmp/sullam-screens-AGENTSxYEARS.db, with .pw and .asof beside it: the
# demo accounts' password and the demo's date; on PostgreSQL, PG names the
# database, filled when it holds no agent), then runs the store's
# BenchmarkScreens on it (BENCHTIME, default 3x): time and statements per
# screen. Delete the files to build it again.
#
# Run from the project root. Needs go, sqlite3 (installed when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" = screens ]; then
  AGENTS=${AGENTS:-10000}
  YEARS=${YEARS:-7}
  SEED=${SEED:-1}
  export LANG=en_US.UTF-8
  [ -x /usr/bin/time ] || scripts/need-packages.sh time
  db=${PG:-/tmp/sullam-screens-${AGENTS}x${YEARS}.db}
  meta=/tmp/sullam-screens-${AGENTS}x${YEARS}${PG:+-pg}
  if [ ! -s "$meta.asof" ]; then
    bin=$(mktemp /tmp/sullam-bin.XXXXXX)
    go build -o "$bin" .
    pw=$(head -c 18 /dev/urandom | base64)
    echo "filling $db: demo --agents $AGENTS --years $YEARS --seed $SEED (once)" >&2
    [ -n "${PG:-}" ] || rm -f "$db" "$db-wal" "$db-shm"
    SULLAM_PASSWORD=$pw /usr/bin/time -f 'demo: %e s wall, %M KB peak memory' "$bin" --db "$db" demo --agents "$AGENTS" --years "$YEARS" --seed "$SEED" >/dev/null
    rm -f "$bin"
    echo "$pw" >"$meta.pw"
    date +%F >"$meta.asof"
  fi
  echo "BenchmarkScreens on $db as of $(cat "$meta.asof"); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  SULLAM_BENCH_DB=$db SULLAM_BENCH_PASSWORD=$(cat "$meta.pw") SULLAM_BENCH_ASOF=$(cat "$meta.asof") \
    go test -tags ci -count=1 -run '^$' -bench BenchmarkScreens -benchtime "${BENCHTIME:-3x}" -timeout 60m ./store
  exit
fi
AGENTS=${AGENTS:-2000}
YEARS=${YEARS:-7}
SEED=${SEED:-1}
export LANG=en_US.UTF-8
command -v sqlite3 >/dev/null || scripts/need-packages.sh sqlite3
[ -x /usr/bin/time ] || scripts/need-packages.sh time

w=$(mktemp -d /tmp/sullam-bench.XXXXXX)
if [ "${KEEP:-}" = 1 ]; then
  echo "work folder: $w" >&2
else
  trap 'rm -rf "$w"' EXIT
fi

# run LABEL CMD...: runs CMD (stdout and stderr to $w/LABEL.*), stores its
# wall time in T[LABEL] and its CPU time (user + system, every thread) in
# C[LABEL], both in hundredths of a second; stops the script when CMD fails.
declare -A T C
run() {
  local label=$1
  shift
  if ! /usr/bin/time -f '%e %U %S' -o "$w/$label.time" "$@" >"$w/$label.out" 2>"$w/$label.err"; then
    echo "$label failed:" >&2
    tail -5 "$w/$label.err" >&2
    exit 1
  fi
  local e u s
  read -r e u s <"$w/$label.time"
  T[$label]=$((10#${e/./}))
  C[$label]=$((10#${u/./} + 10#${s/./}))
}
sec() { printf '%d.%02d' $(($1 / 100)) $(($1 % 100)); }
ratio() { # a b → a/b with 1 decimal
  [ "$2" -gt 0 ] || { echo "-"; return; }
  local r=$((($1 * 10 + $2 / 2) / $2))
  printf '%d.%d×' $((r / 10)) $((r % 10))
}
lines() { echo $(($(wc -l <"$1") - 1)); }

S=${SULLAM_BIN:-}
if [ -z "$S" ]; then
  echo "building" >&2
  go build -o "$w/sullam" .
  S="$w/sullam"
fi

echo "generating demo data: $AGENTS agents, $YEARS years, seed $SEED" >&2
# A.db has the demo accounts, so the exports sign in (spec/cli.md "Signed
# in"): as the demo manager, who sees every agent, with a password made for
# this run. B.db has no account: its commands need no sign-in.
bench_pw=$(head -c 18 /dev/urandom | base64)
SULLAM_PASSWORD=$bench_pw run demo "$S" --db "$w/A.db" demo --agents "$AGENTS" --years "$YEARS" --seed "$SEED"
kinds="agents attendance audits weekly reviews"
for k in $kinds; do
  SULLAM_USER=manager SULLAM_PASSWORD=$bench_pw run "export-$k" "$S" --db "$w/A.db" export "$k" --out "$w/$k.csv"
done

load0=$(cut -d' ' -f1-3 /proc/loadavg)
year=$(($(date +%Y) - 1))
asof=$(date +%F)
echo "sullam: import into a fresh database, score --year $year, promotions --as-of $asof" >&2
run init "$S" --db "$w/B.db" init
for k in $kinds; do
  run "import-$k" "$S" --db "$w/B.db" import "$k" "$w/$k.csv"
done
run score "$S" --db "$w/B.db" score --year "$year"
run promotions "$S" --db "$w/B.db" promotions --as-of "$asof"
run version "$S" --db "$w/B.db" version

echo "reference: sqlite3 .import of the same files and one aggregate" >&2
for k in $kinds; do
  run "ref-import-$k" sqlite3 "$w/R.db" ".import --csv $w/$k.csv $k"
done
# The attendance part of score: one aggregate over the year, per employee.
agg="SELECT employee_no, SUM(status='present'), SUM(status IN ('present','absent')),
  SUM(status='present' AND CAST(late_minutes AS INT)<=15 AND CAST(early_leave_minutes AS INT)<=15)
  FROM attendance WHERE date BETWEEN '$year-01-01' AND '$year-12-31' GROUP BY employee_no"
run ref-score sqlite3 "$w/R.db" "$agg"
# The attendance part of promotions: the same aggregate per employee and year, every year.
aggall="SELECT employee_no, substr(date,1,4) AS y, SUM(status='present'), SUM(status IN ('present','absent')),
  SUM(status='present' AND CAST(late_minutes AS INT)<=15 AND CAST(early_leave_minutes AS INT)<=15)
  FROM attendance GROUP BY employee_no, y"
run ref-promotions sqlite3 "$w/R.db" "$aggall"

row() { # step rows label ref-label
  printf '| %-30s | %9s | %7s | %7s | %-24s | %6s | %6s | %6s | %6s |\n' "$1" "$2" "$(sec "${T[$3]}")" "$(sec "${C[$3]}")" \
    "$4" "$(sec "${T[$5]}")" "$(sec "${C[$5]}")" "$(ratio "${T[$3]}" "${T[$5]}")" "$(ratio "${C[$3]}" "${C[$5]}")"
}
echo
echo "Sullam benchmark: $AGENTS agents, $YEARS years, seed $SEED; $(nproc) cores; $(date +%F)"
echo "load average before: $load0; after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "startup (sullam version): $(sec "${T[version]}") s wall; times in seconds, wall and CPU (user + system)"
echo
printf '| %-30s | %9s | %7s | %7s | %-24s | %6s | %6s | %6s | %6s |\n' step rows wall CPU reference "wall" CPU "× wall" "× CPU"
echo "|--------------------------------|----------:|--------:|--------:|--------------------------|-------:|-------:|-------:|-------:|"
for k in $kinds; do
  row "import $k" "$(lines "$w/$k.csv")" "import-$k" "sqlite3 .import" "ref-import-$k"
done
row "score --year $year" "$(lines "$w/score.out")" score "aggregate of the year" ref-score
row "promotions --as-of $asof" "$(lines "$w/promotions.out")" promotions "aggregate of every year" ref-promotions
att=$(lines "$w/attendance.csv")
echo
echo "attendance import: $((att * 100 / T[import-attendance])) rows/s (sqlite3 .import: $((att * 100 / T[ref-import-attendance])) rows/s)"
echo "demo generation and load: $(sec "${T[demo]}") s"
