package cli

import (
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/mattn/go-sqlite3"
)

// Rule (issue 10 item 3): while another program holds SQLite's write lock,
// `score` (a pure read) succeeds, and `import` exits 1 with "the database is
// busy …; try again" after the busy timeout, without a panic ("internal
// error") and writing nothing.
func TestBusyDatabaseCommands(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	agents := filepath.Join(dir, "agents.csv")
	head := "employee_no,full_name,hire_date,role,role_start_date,supervisor_no,team,status\n"
	os.WriteFile(agents, []byte(head+"E1,One,2020-01-05,csr,2020-01-05,,A,active\n"), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", agents); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	holder, err := sql.Open("sqlite3", "file:"+db+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	if _, err := holder.Exec("UPDATE agents SET team = 'B'"); err != nil {
		t.Fatal(err)
	}

	code, out, stderr := run(t, db, nil, "score", "--year", "2024")
	if code != ExitOK || strings.Contains(stderr, "internal error") || !strings.HasPrefix(out, "employee_no,") {
		t.Errorf("score while another writer holds the lock: exit %d, stderr %q", code, stderr)
	}
	code, _, stderr = run(t, db, nil, "promotions", "--as-of", "2025-12-31")
	if code != ExitOK {
		t.Errorf("promotions while another writer holds the lock: exit %d, stderr %q", code, stderr)
	}
	os.WriteFile(agents, []byte(head+"E2,Two,2020-01-05,csr,2020-01-05,,A,active\n"), 0o600)
	code, _, stderr = run(t, db, nil, "import", "agents", agents)
	if code != ExitFail || strings.Contains(stderr, "internal error") ||
		!strings.Contains(stderr, "the database is busy (another import or desk is writing); try again") {
		t.Errorf("import while busy: exit %d, stderr %q", code, stderr)
	}
	holder.Exec("ROLLBACK")
	_, out, _ = run(t, db, nil, "export", "agents")
	if strings.Contains(out, "E2") {
		t.Error("the refused import wrote E2")
	}
	// Rule (issue 11): every command is logged, the reads that ran beside the
	// writer too: their entries, spooled while the database was busy, are in
	// the log once a later command could write, in the order they ran.
	var got []string
	for _, e := range commandEntries(t, db) {
		got = append(got, e.EntityKey)
	}
	want := []string{"import", "score", "promotions", "import", "export"}
	if strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("command entries %v, want %v", got, want)
	}
	if _, err := os.Stat(db + ".audit-spool"); !os.IsNotExist(err) {
		t.Errorf("the audit spool is still there after a command could write: %v", err)
	}
}
