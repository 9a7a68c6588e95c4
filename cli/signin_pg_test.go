package cli

import (
	"net/url"
	"strings"
	"testing"

	"sullam/internal/testenv"
	"sullam/store"
)

// pgDatabase creates an empty database on the SULLAM_TEST_PG server, drops
// it and its roles after the test and returns its URL (skipped without
// SULLAM_TEST_PG, failed in CI).
func pgDatabase(t *testing.T) string {
	t.Helper()
	return testenv.PostgresDB(t, "sullam_cli_test", store.PGRolePrefix)
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

// Rule (issue 11): a desk's URL carries no user or password: SULLAM_USER
// and SULLAM_PASSWORD open the connection as the account's own login. A
// wrong password or a missing user is refused (exit 1), the admin's command
// runs and is logged under the admin's name.
func TestSignInOnPostgresDeskURL(t *testing.T) {
	db := pgDatabase(t)
	pw := "a long enough secret"
	if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": pw}, "init", "--admin", "root"); code != ExitOK {
		t.Fatalf("init --admin with the owner's URL: exit %d: %s", code, stderr)
	}
	u, err := url.Parse(db)
	if err != nil {
		t.Fatal(err)
	}
	u.User = nil
	desk := u.String()
	if code, _, stderr := run(t, desk, nil, "export", "jobs"); code != ExitFail || !strings.Contains(stderr, "SULLAM_USER") {
		t.Errorf("desk, no user: exit %d, %s; want 1", code, stderr)
	}
	if code, _, stderr := run(t, desk, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": "wrong password"}, "export", "jobs"); code != ExitFail || !strings.Contains(stderr, "wrong user name or password") {
		t.Errorf("desk, wrong password: exit %d, %s; want 1", code, stderr)
	}
	code, out, stderr := run(t, desk, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": pw}, "export", "audit-log")
	if code != ExitOK {
		t.Fatalf("desk, root export audit-log: exit %d: %s", code, stderr)
	}
	if strings.Count(out, ",command,command,init,") != 1 {
		t.Errorf("the audit log read through root's login lacks init:\n%s", out)
	}
	if code, out, stderr := run(t, db, map[string]string{"SULLAM_USER": "root", "SULLAM_PASSWORD": pw}, "export", "audit-log"); code != ExitOK || !strings.Contains(out, ",root,") || !strings.Contains(out, ",command,command,export,") {
		t.Errorf("the desk's export is not logged under root: exit %d %s\n%s", code, stderr, out)
	}
}
