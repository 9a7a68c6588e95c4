package testenv

import (
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" database/sql driver
)

// PGEnv is the environment variable naming the PostgreSQL server the tests
// may create databases on (a URL with a user allowed to CREATE DATABASE and
// CREATE ROLE).
const PGEnv = "SULLAM_TEST_PG"

// HavePostgres reports whether a test PostgreSQL server is configured.
func HavePostgres() bool { return os.Getenv(PGEnv) != "" }

// PostgresDB creates an empty database named prefix_<random> on the
// SULLAM_TEST_PG server and returns its URL. When the test ends (after every
// cleanup registered later, such as closing the stores opened on it) the
// database is dropped, and with it every role whose name starts with
// rolePrefix(name)+"_" (roles are cluster-wide: Sullam's group roles and
// logins for that database), logins first. rolePrefix may be nil.
//
// Without SULLAM_TEST_PG the test is skipped, or failed in CI.
func PostgresDB(t testing.TB, prefix string, rolePrefix func(db string) string) string {
	t.Helper()
	base := os.Getenv(PGEnv)
	if base == "" {
		Unavailable(t, PGEnv+" is not set (a PostgreSQL server URL)")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("connect to %s: %v", PGEnv, err)
	}
	buf := make([]byte, 6)
	if _, err := rand.Read(buf); err != nil {
		t.Fatalf("random database name: %v", err)
	}
	name := prefix + "_" + hex.EncodeToString(buf)
	if _, err := admin.Exec("CREATE DATABASE " + name); err != nil {
		admin.Close()
		t.Fatalf("create database %s on %s: %v", name, PGEnv, err)
	}
	// Registered before the caller's cleanups, so it runs after them.
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"); err != nil {
			t.Logf("drop test database %s: %v", name, err)
		}
		if rolePrefix != nil {
			if _, err := admin.Exec(DropRolesSQL(rolePrefix(name))); err != nil {
				t.Logf("drop roles of %s: %v", name, err)
			}
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("parse %s: %v", PGEnv, err)
	}
	u.Path = "/" + name
	return u.String()
}

// DropRolesSQL is a statement dropping every role whose name starts with
// prefix_, the logins (…_u_…) before the group roles they belong to.
func DropRolesSQL(prefix string) string {
	lit := "'" + strings.ReplaceAll(prefix+"_", "'", "''") + "'"
	return fmt.Sprintf(`DO $$DECLARE r record; BEGIN FOR r IN SELECT rolname FROM pg_roles WHERE starts_with(rolname, %s) ORDER BY rolname LIKE '%%\_u\_%%' DESC LOOP EXECUTE format('DROP ROLE %%I', r.rolname); END LOOP; END$$`, lit)
}
