package cli

import (
	"bytes"
	"database/sql"
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/internal/testenv"
	"sullam/store"
)

// run runs a command line against db and returns the exit status, stdout and stderr.
func run(t *testing.T, db string, env map[string]string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb, Getenv: func(k string) string { return env[k] }}
	inv, err := Parse(append([]string{"--db", db}, args...), e)
	if err != nil {
		return ExitUsage, "", err.Error()
	}
	code := Run(inv, e)
	return code, out.String(), errb.String()
}

const examples = "../../shared/examples/small"

// Rule (spec/cli.md, examples/README.md): importing the example data set and
// running score and promotions gives exactly the expected files (the reasons
// column must name the same components).
func TestExamplesEndToEnd(t *testing.T) {
	testenv.NeedPath(t, examples)
	db := filepath.Join(t.TempDir(), "x.db")
	for _, k := range []string{"agents", "attendance", "audits", "weekly", "reviews"} {
		if code, _, stderr := run(t, db, nil, "import", k, filepath.Join(examples, k+".csv")); code != 0 {
			t.Fatalf("import %s: exit %d: %s", k, code, stderr)
		}
	}
	for _, tc := range []struct {
		file string
		args []string
	}{
		{"expected-score-2024.csv", []string{"score", "--year", "2024"}},
		{"expected-score-2025.csv", []string{"score", "--year", "2025"}},
		{"expected-promotions-2025-12-31.csv", []string{"promotions", "--as-of", "2025-12-31"}},
		{"expected-promotions-2027-03-01.csv", []string{"promotions", "--as-of", "2027-03-01"}},
	} {
		code, out, stderr := run(t, db, nil, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, stderr)
		}
		want, _ := os.ReadFile(filepath.Join(examples, tc.file))
		compareCSV(t, tc.file, string(want), out)
	}
}

func compareCSV(t *testing.T, name, want, got string) {
	t.Helper()
	w, err := csv.NewReader(strings.NewReader(want)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	g, err := csv.NewReader(strings.NewReader(got)).ReadAll()
	if err != nil {
		t.Fatalf("%s: output is not CSV: %v", name, err)
	}
	if len(w) != len(g) {
		t.Fatalf("%s: %d rows, want %d", name, len(g), len(w))
	}
	reasons := -1
	for i, h := range w[0] {
		if h == "reasons" {
			reasons = i
		}
	}
	for i := range w {
		for j := range w[i] {
			a, b := w[i][j], g[i][j]
			if j == reasons && i > 0 {
				a, b = componentNames(a), componentNames(b)
			}
			if a != b {
				t.Errorf("%s line %d column %s: got %q, want %q", name, i+1, w[0][j], g[i][j], w[i][j])
			}
		}
	}
}

func componentNames(s string) string {
	var out []string
	for _, p := range strings.Split(s, ";") {
		if p == "" {
			continue
		}
		out = append(out, strings.TrimSpace(strings.SplitN(p, ":", 2)[0]))
	}
	return strings.Join(out, ";")
}

// Rule: a wrong command or wrong flags exit 2 (bad usage).
func TestBadUsageExits2(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	for _, args := range [][]string{{"frobnicate"}, {"score"}, {"score", "--year", "x"}, {"promotions", "--as-of", "2025-13-01"}, {"import", "nope", "f.csv"}, {"import", "agents"}, {"score", "--year", "2024", "--format", "xml"}} {
		if code, _, _ := run(t, db, nil, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}

// Rule: `init --admin NAME` with SULLAM_PASSWORD creates an admin who can sign in;
// a second admin through init is refused (exit 1); a short password is refused.
func TestInitAdmin(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": "short"}, "init", "--admin", "root"); code != ExitFail {
		t.Fatalf("short password: exit %d (%s), want 1", code, stderr)
	}
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": "a long enough secret"}, "init", "--admin", "root"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	st, err := store.Open(db)
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.Accounts().SignIn(t.Context(), "root", "a long enough secret")
	st.Close()
	if err != nil || len(u.Roles) != 1 || u.Roles[0].Role != "admin" {
		t.Fatalf("sign in as the new admin: %v %+v", err, u)
	}
	// signed in as root (the database has an account now), so that the
	// refusal is the second admin's, not the sign-in's
	code, _, stderr := run(t, db, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": "a long enough secret"}, "init", "--admin", "other")
	if code != ExitFail || !strings.Contains(stderr, "an admin already exists") {
		t.Errorf("second admin: exit %d (%s), want 1: an admin already exists", code, stderr)
	}
}

// Rule: a file with bad rows anywhere exits 1, writes nothing, and names every
// bad line; junk bytes, an empty file and a truncated XLSX exit 1 without a panic.
func TestBadFilesExit1AndWriteNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	good := "employee_no,full_name,hire_date,role,role_start_date\nE1,أحمد,2022-01-01,csr,2022-01-01\n"
	os.WriteFile(filepath.Join(dir, "agents.csv"), []byte(good), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", filepath.Join(dir, "agents.csv")); code != 0 {
		t.Fatalf("good agents: exit %d: %s", code, stderr)
	}
	bad := "employee_no,date,status,late_minutes\n" +
		"E1,2024-01-01,present,0\n" +
		"E9,2024-01-02,present,0\n" + // unknown agent
		"E1,2024-01-03,present,0\n" +
		"E1,2024-13-04,present,0\n" + // bad date
		"E1,2024-01-05,sick,0\n" // bad status
	os.WriteFile(filepath.Join(dir, "att.csv"), []byte(bad), 0o600)
	code, _, stderr := run(t, db, nil, "import", "attendance", filepath.Join(dir, "att.csv"))
	if code != ExitFail {
		t.Fatalf("bad attendance: exit %d, want 1", code)
	}
	// every bad row, of the file's format and of the database (line 3),
	// in one report
	for _, line := range []string{"line 3", "line 5", "line 6"} {
		if !strings.Contains(stderr, line) {
			t.Errorf("errors do not name %s:\n%s", line, stderr)
		}
	}
	// Fix the format errors: the unknown agent (line 3) is still reported and nothing is written.
	bad2 := "employee_no,date,status\nE1,2024-01-01,present\nE9,2024-01-02,present\nE1,2024-01-03,present\n"
	os.WriteFile(filepath.Join(dir, "att2.csv"), []byte(bad2), 0o600)
	code, _, stderr = run(t, db, nil, "import", "attendance", filepath.Join(dir, "att2.csv"))
	if code != ExitFail || !strings.Contains(stderr, "line 3") {
		t.Fatalf("unknown agent: exit %d, stderr %s", code, stderr)
	}
	if _, out, _ := run(t, db, nil, "score", "--year", "2024"); strings.Count(out, "\n") != 1 {
		t.Errorf("something was written by a refused import: %q", out)
	}
	for name, content := range map[string][]byte{
		"junk.csv":   {0xff, 0xfe, 0x00, 0x01, 'a', ',', 'b'},
		"empty.csv":  {},
		"trunc.xlsx": []byte("PK\x03\x04\x14\x00\x00\x00\x08\x00"),
		"junk.xlsx":  []byte("this is not a spreadsheet"),
	} {
		p := filepath.Join(dir, name)
		os.WriteFile(p, content, 0o600)
		if code, _, stderr := run(t, db, nil, "import", "attendance", p); code != ExitFail || strings.Contains(stderr, "internal error") {
			t.Errorf("%s: exit %d, stderr %q; want 1 and a clear error", name, code, stderr)
		}
	}
}

// Rule: a SQLite copy of a shared server (backup or migrate from
// PostgreSQL, which keeps no password hashes) can be used again: no account
// can sign in, so `init --admin NAME` runs without a sign-in and gives the
// existing admin NAME a password; other commands still need a sign-in, and
// once an account has a password init is refused again.
func TestInitRevivesAdminOfServerCopy(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": "a long enough secret"}, "init", "--admin", "root"); code != 0 {
		t.Fatalf("init: exit %d: %s", code, stderr)
	}
	// What a backup from PostgreSQL holds: the accounts without hashes.
	raw, err := sql.Open("sqlite3", db)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := raw.Exec(`UPDATE users SET password_hash = ''`); err != nil {
		t.Fatal(err)
	}
	raw.Close()
	if code, _, _ := run(t, db, nil, "score", "--year", "2025"); code == ExitOK {
		t.Fatal("a command ran without a sign-in on a database with accounts")
	}
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": "a new long secret"}, "init", "--admin", "root"); code != ExitOK {
		t.Fatalf("init on the server copy: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": "a new long secret"}, "export", "audit-log"); code != ExitOK {
		t.Fatalf("the revived admin cannot sign in: exit %d: %s", code, stderr)
	}
	if code, _, _ := run(t, db, map[string]string{"SULLAM_PASSWORD": "another long secret"}, "init", "--admin", "root"); code == ExitOK {
		t.Error("init reset the password of a database whose admin can sign in")
	}
}
