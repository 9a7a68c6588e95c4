package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/store"
)

// Rule (spec/cli.md `restore`): `sullam restore FILE` replaces the database
// with the backup and says where the old file is kept; it is refused (exit
// 1, a clear message, the database unchanged) while another process has the
// database open, and a file that is not a backup is refused.
func TestRestoreCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	agents := filepath.Join(dir, "agents.csv")
	os.WriteFile(agents, []byte("employee_no,full_name,hire_date,role,role_start_date,supervisor_no,team,status\nE1,One,2020-01-05,csr,2020-01-05,,A,active\n"), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", agents); code != 0 {
		t.Fatalf("import: %s", stderr)
	}
	backup := filepath.Join(dir, "b.db")
	if code, _, stderr := run(t, db, nil, "backup", backup); code != 0 {
		t.Fatalf("backup: %s", stderr)
	}
	os.WriteFile(agents, []byte("employee_no,full_name,hire_date,role,role_start_date,supervisor_no,team,status\nE2,Two,2020-01-05,csr,2020-01-05,,A,active\n"), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", agents); code != 0 {
		t.Fatalf("import: %s", stderr)
	}

	other, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	code, _, stderr := run(t, db, nil, "restore", backup)
	other.Close()
	if code != ExitFail || !strings.Contains(stderr, "has the database open") {
		t.Errorf("restore while open elsewhere: exit %d, %q", code, stderr)
	}
	if code, _, stderr := run(t, db, nil, "restore", agents); code != ExitFail || !strings.Contains(stderr, agents) {
		t.Errorf("restore from a CSV file: exit %d, %q", code, stderr)
	}
	if code, _, _ := run(t, db, nil, "restore"); code != ExitUsage {
		t.Errorf("restore without a file: exit %d, want 2", code)
	}
	code, _, stderr = run(t, db, nil, "restore", backup)
	if code != ExitOK || !strings.Contains(stderr, "kept as "+db+".before-restore-") {
		t.Fatalf("restore: exit %d, %q", code, stderr)
	}
	code, out, _ := run(t, db, nil, "export", "agents")
	if code != 0 || !strings.Contains(out, "E1") || strings.Contains(out, "E2") {
		t.Errorf("agents after the restore:\n%s", out)
	}
}
