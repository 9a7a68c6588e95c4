package cli

import (
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/internal/testenv"
	"sullam/models"
	"sullam/store"
)

// outputCommands are the data commands whose outputs a copy of the
// database must reproduce byte for byte.
var outputCommands = [][]string{
	{"score", "--year", "2024"},
	{"score", "--year", "2025"},
	{"score", "--year", "2025", "--format", "json"},
	{"promotions", "--as-of", "2025-12-31"},
	{"promotions", "--as-of", "2027-03-01"},
	{"promotions", "--as-of", "2027-03-01", "--format", "json"},
}

// loadExamples imports the shared example data set into db (no accounts
// yet: the commands run as the command line).
func loadExamples(t *testing.T, db string) {
	t.Helper()
	testenv.NeedPath(t, examples)
	for _, k := range []string{"agents", "attendance", "audits", "weekly", "reviews"} {
		if code, _, stderr := run(t, db, nil, "import", k, filepath.Join(examples, k+".csv")); code != ExitOK {
			t.Fatalf("import %s: exit %d: %s", k, code, stderr)
		}
	}
}

// outputs runs outputCommands on db with env (the signed-in user).
func outputs(t *testing.T, db string, env map[string]string) []string {
	t.Helper()
	var out []string
	for _, args := range outputCommands {
		code, stdout, stderr := run(t, db, env, args...)
		if code != ExitOK || strings.Count(stdout, "\n") < 2 {
			t.Fatalf("%v on %s: exit %d, %d bytes: %s", args, db, code, len(stdout), stderr)
		}
		out = append(out, stdout)
	}
	return out
}

// sameOutputs fails t unless the outputs are equal byte for byte.
func sameOutputs(t *testing.T, want, got []string) {
	t.Helper()
	for i := range want {
		if want[i] != got[i] {
			t.Errorf("%v differs on the copy:\n%s\nvs\n%s", outputCommands[i], want[i], got[i])
		}
	}
}

// entriesOf counts the audit-log entries of command in db.
func entriesOf(t *testing.T, db, command string) int {
	t.Helper()
	n := 0
	for _, e := range commandEntries(t, db) {
		if e.EntityKey == command {
			n++
		}
	}
	return n
}

// Rule (issue 11, spec/cli.md `migrate --to`): the example data set loaded
// into a SQLite database and migrated into an empty PostgreSQL one gives the
// same score and promotions outputs, byte for byte; the migrate writes one
// audit-log entry in the source.
func TestMigrateToPostgresSameOutputs(t *testing.T) {
	pg := pgDatabase(t)
	src := filepath.Join(t.TempDir(), "desk.db")
	loadExamples(t, src)
	want := outputs(t, src, nil)
	code, _, stderr := run(t, src, nil, "migrate", "--to", pg)
	if code != ExitOK {
		t.Fatalf("migrate: exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "attendance_days: ") || strings.Contains(stderr, "postgres:postgres@") {
		t.Errorf("migrate's report names no table, or shows the password:\n%s", stderr)
	}
	sameOutputs(t, want, outputs(t, pg, nil))
	if n := entriesOf(t, src, "migrate"); n != 1 {
		t.Errorf("the source's audit log holds %d migrate entries, want 1", n)
	}
}

// Rule (issue 11, spec/cli.md `backup FILE`): from PostgreSQL, backup
// writes a Sullam SQLite file; opened with --db it gives the same score and
// promotions outputs, byte for byte; the backup writes one command entry.
func TestBackupFromPostgresSameOutputs(t *testing.T) {
	pg := pgDatabase(t)
	loadExamples(t, pg)
	want := outputs(t, pg, nil)
	file := filepath.Join(t.TempDir(), "from-pg.db")
	code, _, stderr := run(t, pg, nil, "backup", file)
	if code != ExitOK {
		t.Fatalf("backup: exit %d: %s", code, stderr)
	}
	sameOutputs(t, want, outputs(t, file, nil))
	if n := entriesOf(t, pg, "backup"); n != 1 {
		t.Errorf("the audit log holds %d backup entries, want 1", n)
	}
}

// tableRows counts the rows of every table of the SQLite file db.
func tableRows(t *testing.T, db string) map[string]int {
	t.Helper()
	h, err := sql.Open("sqlite3", "file:"+db+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	rows, err := h.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for rows.Next() {
		var n string
		rows.Scan(&n)
		names = append(names, n)
	}
	rows.Close()
	out := map[string]int{}
	for _, n := range names {
		var c int
		if err := h.QueryRow(`SELECT COUNT(*) FROM "` + n + `"`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		out[n] = c
	}
	return out
}

// Rule (issue 11): migrate into a database that holds anything is refused
// (exit 1) with a message naming what it holds, and the target is
// unchanged; migrate without --to is bad usage (exit 2).
func TestMigrateIntoNonEmptyRefused(t *testing.T) {
	testenv.NeedPath(t, examples)
	dir := t.TempDir()
	src := filepath.Join(dir, "desk.db")
	loadExamples(t, src)
	used := filepath.Join(dir, "used.db")
	if code, _, stderr := run(t, used, nil, "import", "agents", filepath.Join(examples, "agents.csv")); code != ExitOK {
		t.Fatalf("import into the target: %s", stderr)
	}
	before := tableRows(t, used)
	code, _, stderr := run(t, src, nil, "migrate", "--to", used)
	if code != ExitFail || !strings.Contains(stderr, "not empty") || !strings.Contains(stderr, "agents (") {
		t.Fatalf("migrate into a used database: exit %d: %s", code, stderr)
	}
	after := tableRows(t, used)
	for table, n := range before {
		if after[table] != n {
			t.Errorf("table %s of the refused target: %d rows, was %d", table, after[table], n)
		}
	}
	if code, _, _ := run(t, src, nil, "migrate"); code != ExitUsage {
		t.Errorf("migrate without --to: exit %d, want %d", code, ExitUsage)
	}
}

// Rule (issue 11, spec/cli.md "Signed in"): on a database with accounts,
// migrate needs a signed-in admin: without a user, or as hr or quality, it
// is refused (exit 1) and creates no target; as an admin (the demo's
// manager, made admin by demo) it copies, the accounts come along, and the
// manager's outputs on the copy equal those on the source.
func TestMigrateSignedInAdminOnly(t *testing.T) {
	db := demoDB(t)
	st := openStore(t, db)
	mgr, err := st.Accounts().SignIn(t.Context(), "manager", demoPassword)
	st.Close()
	if err != nil || !store.ActorOf(mgr).Has(models.RoleAdmin) {
		t.Fatalf("the demo's manager is not an admin (%v): this test needs one", err)
	}
	dir := t.TempDir()
	for _, env := range []map[string]string{nil, as("hr"), as("quality")} {
		target := filepath.Join(dir, "refused.db")
		code, _, stderr := run(t, db, env, "migrate", "--to", target)
		if code != ExitFail {
			t.Errorf("migrate as %q: exit %d, want 1: %s", env["SULLAM_USER"], code, stderr)
		}
		if _, err := os.Stat(target); !os.IsNotExist(err) {
			t.Errorf("a refused migrate as %q created the target: %v", env["SULLAM_USER"], err)
		}
	}
	copyDB := filepath.Join(dir, "copy.db")
	if code, _, stderr := run(t, db, as("manager"), "migrate", "--to", copyDB); code != ExitOK {
		t.Fatalf("migrate as manager (admin): exit %d: %s", code, stderr)
	}
	for _, args := range [][]string{{"score", "--year", "2025"}, {"promotions", "--as-of", "2026-06-30"}} {
		_, a, _ := run(t, db, as("manager"), args...)
		code, b, stderr := run(t, copyDB, as("manager"), args...)
		if code != ExitOK || a != b || strings.Count(a, "\n") < 2 {
			t.Errorf("%v as manager on the copy: exit %d, %s\n%s\nvs\n%s", args, code, stderr, a, b)
		}
	}
	// the refused sign-in ran no command; hr and quality were refused by the store
	var outcomes []string
	for _, e := range commandEntries(t, db) {
		if e.EntityKey == "migrate" {
			var detail struct{ Outcome string }
			json.Unmarshal([]byte(e.New), &detail)
			outcomes = append(outcomes, e.Username+":"+detail.Outcome)
		}
	}
	if got := strings.Join(outcomes, ","); got != "hr:refused,quality:refused,manager:ok" {
		t.Errorf("migrate entries in the audit log: %s; want hr:refused,quality:refused,manager:ok", got)
	}
}
