#!/usr/bin/env bash
# Speed benchmark (README "Speed"): generates a large demo data set, exports it
# to CSV, then times `sullam import` of each file into a fresh database,
# `score --year` of the last full year and `promotions`, against the sqlite3
# shell doing the same work in SQL (issue 17): each import against the
# "schema floor" (the CSV file loaded into Sullam's own tables, same keys
# and indexes), `score --year` against one SQL pass computing the year's
# four components for every agent, `promotions` against YEARS such passes.
# The pass is checked against `score --year`'s figures, agent by agent.
# Prints a table with wall and CPU times and both ratios.
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
#   PG=postgres://… FROM=/tmp/sullam-screens-10000x7.db scripts/bench.sh screens
#                                       # PG filled from that demo file instead
#
# The screens mode fills a demo database once and keeps it under /tmp
# (/tmp/sullam-screens-AGENTSxYEARS.db, with .pw and .asof beside it: the
# demo accounts' password and the demo's date; on PostgreSQL, PG names the
# database, filled when it holds no agent), then runs the store's
# BenchmarkScreens on it (BENCHTIME, default 3x): time, CPU time and
# statements per screen; then the window's home, board and evaluations
# screens (ui benchmarks BenchmarkManagerDashboardScreen, BenchmarkBoardScreen,
# BenchmarkEvaluationsScreen: until the data is shown and the window drawn).
# Delete the files to build it again. With FROM (a demo file the
# screens mode made, its .pw and .asof beside it), the empty database PG
# is filled by copying a copy of FROM (`migrate --to`, timed) instead of by
# a demo, then opened once with PG, the owner's URL (which gives each
# account its login), and the demo accounts' logins get FROM's password
# (psql; PostgreSQL keeps no password hashes). On PostgreSQL the screens
# are then also timed as desks run them (BenchmarkDeskScreens: each account
# its own login, under row-level security; PG without its user and password).
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
  if [ -n "${PG:-}" ] && [ -n "${FROM:-}" ]; then
    meta=${FROM%.db}-pg
  fi
  if [ ! -s "$meta.asof" ] && [ -n "${PG:-}" ] && [ -n "${FROM:-}" ]; then
    command -v psql >/dev/null || scripts/need-packages.sh postgresql-client
    bin=$(mktemp /tmp/sullam-bin.XXXXXX)
    go build -o "$bin" .
    src=$(mktemp /tmp/sullam-from.XXXXXX)
    cp "$FROM" "$src"
    shown=$(echo "$PG" | sed -E 's#://([^:@/]*):[^@/]*@#://\1:***@#')
    echo "filling $shown: migrate --to from a copy of $FROM (once)" >&2
    SULLAM_USER=manager SULLAM_PASSWORD=$(cat "${FROM%.db}.pw") /usr/bin/time -f 'migrate --to: %e s wall, %U s user, %S s system, %M KB peak memory' "$bin" --db "$src" migrate --to "$PG" >/dev/null
    rm -f "$src" "$src-wal" "$src-shm" "$src.lock"
    # the owner's open gives each account its login (init then stops at
    # the sign-in: the accounts have no password yet)
    "$bin" --db "$PG" init >/dev/null 2>&1 || true
    logins=$(psql -X -A -t -q "$PG" -c "SELECT count(*) FROM sullam_logins")
    [ "$logins" -gt 0 ] || { echo "no login was made in $shown" >&2; exit 1; }
    echo "select format('ALTER ROLE %I PASSWORD %L', login, :'pw') from sullam_logins \\gexec" |
      psql -X -q "$PG" -v ON_ERROR_STOP=1 -v pw="$(cat "${FROM%.db}.pw")" >/dev/null
    echo "$logins logins given the demo password" >&2
    rm -f "$bin"
    cp "${FROM%.db}.pw" "$meta.pw"
    cp "${FROM%.db}.asof" "$meta.asof"
  fi
  if [ ! -s "$meta.asof" ]; then
    bin=$(mktemp /tmp/sullam-bin.XXXXXX)
    go build -o "$bin" .
    pw=$(head -c 18 /dev/urandom | base64)
    echo "filling $db: demo --agents $AGENTS --years $YEARS --seed $SEED (once)" >&2
    [ -n "${PG:-}" ] || rm -f "$db" "$db-wal" "$db-shm"
    SULLAM_PASSWORD=$pw /usr/bin/time -f 'demo: %e s wall, %U s user, %S s system, %M KB peak memory' "$bin" --db "$db" demo --agents "$AGENTS" --years "$YEARS" --seed "$SEED" >/dev/null
    rm -f "$bin"
    echo "$pw" >"$meta.pw"
    date +%F >"$meta.asof"
  fi
  echo "BenchmarkScreens on $(echo "$db" | sed -E 's#://([^:@/]*):[^@/]*@#://\1:***@#') as of $(cat "$meta.asof"); $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  SULLAM_BENCH_DB=$db SULLAM_BENCH_PASSWORD=$(cat "$meta.pw") SULLAM_BENCH_ASOF=$(cat "$meta.asof") \
    go test -tags ci -count=1 -run '^$' -bench BenchmarkScreens -benchtime "${BENCHTIME:-3x}" -timeout 60m ./store
  echo "the window's big screens, until their data is shown and the window drawn (1366x768, Arabic, Fyne's software painter); load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
  SULLAM_BENCH_DB=$db SULLAM_BENCH_PASSWORD=$(cat "$meta.pw") SULLAM_BENCH_ASOF=$(cat "$meta.asof") \
    go test -tags ci -count=1 -run '^$' -bench 'Screen$' -benchtime "${BENCHTIME:-3x}" -timeout 60m ./ui/home ./ui/promotions ./ui/evaluation
  if [ -n "${PG:-}" ]; then
    desk=$(echo "$PG" | sed -E 's#://[^@/]*@#://#')
    echo "BenchmarkDeskScreens on the same database through desks; load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
    SULLAM_BENCH_DESK=$desk SULLAM_BENCH_PASSWORD=$(cat "$meta.pw") SULLAM_BENCH_ASOF=$(cat "$meta.asof") \
      go test -tags ci -count=1 -run '^$' -bench BenchmarkDeskScreens -benchtime "${BENCHTIME:-3x}" -timeout 60m ./store
  fi
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
cp "$w/B.db" "$w/F-empty.db"
for k in $kinds; do
  run "import-$k" "$S" --db "$w/B.db" import "$k" "$w/$k.csv"
  [ "$k" != agents ] || cp "$w/B.db" "$w/F-agents.db"
done
run score "$S" --db "$w/B.db" score --year "$year"
run promotions "$S" --db "$w/B.db" promotions --as-of "$asof"
run version "$S" --db "$w/B.db" version

# The references (issue 17), each run by the sqlite3 shell in one process:
# - an import against the "schema floor": the same CSV file loaded with
#   .import into a temporary table, then moved with INSERT … SELECT, in one
#   transaction, into Sullam's own tables (same keys, same indexes, employee
#   numbers resolved to agents) of a copy of the database as it was before
#   Sullam's import of that file: what the schema itself costs, with no
#   parsing in Go, no check and no error report;
# - `score --year` against one SQL pass computing the year's four
#   components (spec/scoring.md) for every agent over the raw tables of
#   B.db, the database Sullam just scored (pass_sql below);
# - `promotions` against YEARS such passes, one per year, in one process.
echo "reference: sqlite3 schema floor of each import, SQL passes" >&2
# items CODE...: the audit form's item codes or the competency codes
items() { sqlite3 "$w/F-agents.db" "SELECT code FROM $1 ORDER BY sort"; }
floor_sql() { # the SQL that moves temp.t (the CSV) into Sullam's tables
  case $1 in
  agents)
    echo "INSERT INTO agents(employee_no, full_name, hire_date, role, role_start_date, team, status, email, phone, created_at, updated_at, version)
      SELECT employee_no, full_name, hire_date, role, role_start_date, NULLIF(team,''), status, NULLIF(email,''), NULLIF(phone,''), datetime('now'), datetime('now'), 1 FROM temp.t;
    INSERT INTO role_histories(agent_id, role, start_date, created_at) SELECT id, role, role_start_date, datetime('now') FROM agents;
    UPDATE agents SET supervisor_id = (SELECT s.id FROM temp.t JOIN agents s ON s.employee_no = t.supervisor_no WHERE t.employee_no = agents.employee_no);" ;;
  attendance)
    echo "INSERT INTO attendance_days(agent_id, date, status, late_minutes, early_leave_minutes)
      SELECT a.id, t.date, t.status, t.late_minutes, t.early_leave_minutes FROM temp.t JOIN agents a ON a.employee_no = t.employee_no;" ;;
  weekly)
    echo "INSERT INTO weekly_reports(agent_id, week_start, submitted_on, rating, interactions, summary, created_at, updated_at, version)
      SELECT a.id, t.week_start, t.submitted_on, NULLIF(t.rating,''), NULLIF(t.interactions,''), t.summary, datetime('now'), datetime('now'), 1
      FROM temp.t JOIN agents a ON a.employee_no = t.employee_no;" ;;
  audits) # ids reserved above the largest, as Sullam does: id = base + rowid
    echo "CREATE TEMP TABLE base AS SELECT IFNULL(MAX(id), 0) AS b FROM audits;
    INSERT INTO audits(id, ref, agent_id, form_id, audit_date, channel, auditor, notes, created_at, updated_at, version)
      SELECT base.b + t.rowid, t.audit_ref, a.id, f.id, t.audit_date, t.channel, NULLIF(t.auditor,''), NULLIF(t.notes,''), datetime('now'), datetime('now'), 1
      FROM temp.t JOIN agents a ON a.employee_no = t.employee_no JOIN audit_forms f ON f.code = t.form_code, base;"
    echo "INSERT INTO audit_results(audit_id, item_id, answer)"
    local u=""
    for c in $(items audit_form_items); do
      echo "$u SELECT base.b + t.rowid, i.id, t.$c FROM temp.t JOIN audit_forms f ON f.code = t.form_code JOIN audit_form_items i ON i.form_id = f.id AND i.code = '$c', base WHERE t.$c <> ''"
      u="UNION ALL"
    done
    echo ";" ;;
  reviews)
    echo "CREATE TEMP TABLE base AS SELECT IFNULL(MAX(id), 0) AS b FROM reviews;
    INSERT INTO reviews(id, agent_id, review_date, period, reviewer_id, comments, created_at, updated_at, version)
      SELECT base.b + t.rowid, a.id, t.review_date, t.period, r.id, t.comments, datetime('now'), datetime('now'), 1
      FROM temp.t JOIN agents a ON a.employee_no = t.employee_no LEFT JOIN agents r ON r.employee_no = t.reviewer_no, base;"
    echo "INSERT INTO review_ratings(review_id, competency_code, rating)"
    local u=""
    for c in $(items competencies); do
      echo "$u SELECT base.b + t.rowid, '$c', t.$c FROM temp.t, base WHERE t.$c <> ''"
      u="UNION ALL"
    done
    echo ";" ;;
  esac
}
# pass_sql Y: one pass over the raw tables giving the four components of year
# Y for every agent (spec/scoring.md §1–4, default policy), as `score` prints
# them. A and W are computed exactly in integers and rounded half up to the
# cent; Q and S are means of fractions with different denominators, computed
# in floating point (a result exactly on a half cent may round differently).
pass_sql() {
  local y=$1 n=$(($1 + 1))
  cat <<SQL
WITH att AS (
  SELECT agent_id, SUM(status IN ('present','absent')) AS sch, SUM(status = 'present') AS pre,
    SUM(status = 'present' AND late_minutes <= 15 AND early_leave_minutes <= 15) AS pun
  FROM attendance_days WHERE date BETWEEN '$y-01-01' AND '$y-12-31' GROUP BY agent_id),
aud AS (
  SELECT agent_id, COUNT(*) AS n, AVG(sc) AS q FROM (
    SELECT au.agent_id,
      CASE WHEN SUM(i.critical AND r.answer = 'fail') > 0 THEN 0.0
        ELSE 100.0 * SUM(CASE WHEN r.answer = 'pass' THEN i.weight ELSE 0 END)
          / SUM(CASE WHEN r.answer IN ('pass','fail') THEN i.weight ELSE 0 END) END AS sc
    FROM audits au JOIN audit_results r ON r.audit_id = au.id JOIN audit_form_items i ON i.id = r.item_id
    WHERE au.audit_date BETWEEN '$y-01-01' AND '$y-12-31' GROUP BY au.id)
  GROUP BY agent_id),
wk AS (
  SELECT DISTINCT agent_id, date(date, '-6 days', 'weekday 0') AS ws FROM attendance_days
  WHERE date BETWEEN '$y-01-01' AND '$n-01-06' AND status IN ('present','absent') AND ws BETWEEN '$y-01-01' AND '$y-12-31'),
wsub AS (
  SELECT wk.agent_id, COUNT(*) AS e, SUM(w.submitted_on <= date(wk.ws, '+7 days')) AS ont,
    SUM(w.submitted_on > date(wk.ws, '+7 days')) AS late
  FROM wk LEFT JOIN weekly_reports w ON w.agent_id = wk.agent_id AND w.week_start = wk.ws GROUP BY wk.agent_id),
wrat AS (
  SELECT agent_id, COUNT(rating) AS nr, SUM(rating) AS sr FROM weekly_reports
  WHERE week_start BETWEEN '$y-01-01' AND '$y-12-31' GROUP BY agent_id),
rev AS (
  SELECT agent_id, AVG(sc) AS s FROM (
    SELECT rv.agent_id, 100.0 * SUM(c.weight * rr.rating) / (5.0 * SUM(c.weight)) AS sc
    FROM reviews rv JOIN review_ratings rr ON rr.review_id = rv.id JOIN competencies c ON c.code = rr.competency_code
    WHERE rv.review_date BETWEEN '$y-01-01' AND '$y-12-31' GROUP BY rv.id)
  GROUP BY agent_id)
SELECT ag.employee_no, $y AS year,
  CASE WHEN att.sch >= 20 THEN (SELECT printf('%d.%02d', c / 100, c % 100) FROM (SELECT
    (200 * (80 * att.pre * att.pre + 20 * att.pun * att.sch) + att.sch * MAX(att.pre, 1)) / (2 * att.sch * MAX(att.pre, 1)) AS c)) END AS attendance,
  CASE WHEN aud.n >= 4 THEN printf('%.2f', aud.q) END AS quality,
  CASE WHEN wsub.e >= 4 AND wrat.nr > 0 THEN (SELECT printf('%d.%02d', c / 100, c % 100) FROM (SELECT
    (200 * (30 * (2 * IFNULL(wsub.ont, 0) + IFNULL(wsub.late, 0)) * wrat.nr + 8 * wrat.sr * wsub.e) + wsub.e * wrat.nr) / (2 * wsub.e * wrat.nr) AS c)) END AS weekly,
  CASE WHEN rev.s IS NOT NULL THEN printf('%.2f', rev.s) END AS supervisor
FROM agents ag LEFT JOIN att ON att.agent_id = ag.id LEFT JOIN aud ON aud.agent_id = ag.id
  LEFT JOIN wsub ON wsub.agent_id = ag.id LEFT JOIN wrat ON wrat.agent_id = ag.id LEFT JOIN rev ON rev.agent_id = ag.id
ORDER BY ag.employee_no;
SQL
}
# The floors: each on a copy of Sullam's database as it was before that
# import (an empty schema for agents; the agents only for the others).
for k in $kinds; do
  base=$w/F-agents.db
  [ "$k" = agents ] && base=$w/F-empty.db
  cp "$base" "$w/F-$k-run.db"
  { echo ".import --csv --schema temp $w/$k.csv t"; echo "BEGIN;"; floor_sql "$k"; echo "COMMIT;"; } >"$w/floor-$k.sql"
  run "ref-import-$k" sqlite3 -bail "$w/F-$k-run.db" ".read $w/floor-$k.sql"
done
pass_sql "$year" >"$w/pass.sql"
run ref-score sqlite3 -bail -csv -header "$w/B.db" ".read $w/pass.sql"
: >"$w/passes.sql"
for ((y = year - YEARS + 1; y <= year; y++)); do pass_sql "$y" >>"$w/passes.sql"; done
run ref-promotions sqlite3 -bail -csv "$w/B.db" ".read $w/passes.sql"

# The check: the pass gives the figures `score` printed, agent by agent.
check=$(sqlite3 -bail :memory: ".import --csv $w/score.out s" ".import --csv $w/ref-score.out r" \
  "SELECT COUNT(*), SUM(s.attendance IS NOT r.attendance), SUM(s.quality IS NOT r.quality),
     SUM(s.weekly IS NOT r.weekly), SUM(s.supervisor IS NOT r.supervisor),
     SUM(s.attendance <> '') + SUM(s.quality <> '') + SUM(s.weekly <> '') + SUM(s.supervisor <> '')
   FROM s JOIN r USING (employee_no)")
IFS='|' read -r n_cmp d_att d_q d_w d_s n_fig <<<"$check"
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
  row "import $k" "$(lines "$w/$k.csv")" "import-$k" "schema floor" "ref-import-$k"
done
row "score --year $year" "$(lines "$w/score.out")" score "one SQL pass" ref-score
row "promotions --as-of $asof" "$(lines "$w/promotions.out")" promotions "$YEARS SQL passes" ref-promotions
att=$(lines "$w/attendance.csv")
echo
echo "attendance import: $((att * 100 / T[import-attendance])) rows/s (schema floor: $((att * 100 / T[ref-import-attendance])) rows/s)"
echo "check of the SQL pass against score --year $year: $n_cmp agents, $n_fig figures; differing: attendance $d_att, quality $d_q, weekly $d_w, supervisor $d_s"
echo "demo generation and load: $(sec "${T[demo]}") s"
if [ "$d_att" != 0 ] || [ "$d_w" != 0 ] || [ "$n_cmp" = 0 ]; then
  echo "the SQL pass and score --year disagree where both are exact (attendance, weekly): see $w (KEEP=1)" >&2
  exit 1
fi
