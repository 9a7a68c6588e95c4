package cli

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// pgDatabase creates an empty database on the SULLAM_TEST_PG server, drops
// it after the test and returns its URL; it skips the test without
// SULLAM_TEST_PG.
func pgDatabase(t *testing.T) string {
	t.Helper()
	base := os.Getenv("SULLAM_TEST_PG")
	if base == "" {
		t.Skip("SULLAM_TEST_PG is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	b := make([]byte, 6)
	rand.Read(b)
	name := "sullam_cli_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create database: %v", err)
	}
	t.Cleanup(func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	return u.String()
}

// Rule (spec/cli.md "Signed in"), on PostgreSQL: a new database needs no
// sign-in; once `init --admin` made an account, a command without a user or
// with a wrong password is refused (exit 1), the admin's command runs, and
// each command that ran wrote one audit-log entry.
func TestSignInOnPostgres(t *testing.T) {
	db := pgDatabase(t)
	pw := "a long enough secret"
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": pw}, "init", "--admin", "root"); code != ExitOK {
		t.Fatalf("init --admin: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, db, nil, "export", "jobs"); code != ExitFail || !strings.Contains(stderr, "SULLAM_USER") {
		t.Errorf("no user: exit %d, %s; want 1", code, stderr)
	}
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": "wrong password"}, "export", "jobs"); code != ExitFail || !strings.Contains(stderr, "wrong user name or password") {
		t.Errorf("wrong password: exit %d, %s; want 1", code, stderr)
	}
	code, out, stderr := run(t, db, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": pw}, "export", "audit-log")
	if code != ExitOK {
		t.Fatalf("root export audit-log: exit %d: %s", code, stderr)
	}
	// init (as the command line, before any account) is logged; the refused
	// sign-ins ran no command.
	if n := strings.Count(out, ",command,command,init,"); n != 1 {
		t.Errorf("audit log holds %d entries of init, want 1:\n%s", n, out)
	}
	if strings.Contains(out, ",command,command,export,") {
		t.Errorf("a refused sign-in wrote a command entry:\n%s", out)
	}
}
