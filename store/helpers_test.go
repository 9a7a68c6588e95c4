package store

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"sullam/internal/testenv"
	"sullam/models"
)

// testClock is a settable clock for lockout tests.
type testClock struct{ t time.Time }

func (c *testClock) Now() time.Time { return c.t }

// backends returns the databases the store tests run against: a temporary
// SQLite file always, and PostgreSQL when SULLAM_TEST_PG is set to a URL of a
// server where the user may create databases.
func backends(t *testing.T) map[string]func(t *testing.T, opts ...Option) *Store {
	b := map[string]func(t *testing.T, opts ...Option) *Store{"sqlite": newSQLite}
	if os.Getenv("SULLAM_TEST_PG") != "" {
		b["postgres"] = newPostgres
	}
	return b
}

func newSQLite(t *testing.T, opts ...Option) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "test.db"), opts...)
	if err != nil {
		t.Fatalf("open sqlite: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newPostgresDSN creates a fresh, empty database on the SULLAM_TEST_PG server,
// dropped with its roles when the test ends (after the stores opened on it
// later are closed), and returns its URL.
func newPostgresDSN(t *testing.T) string {
	t.Helper()
	return testenv.PostgresDB(t, "sullam_test", PGRolePrefix)
}

// newPostgres opens a store on a fresh database of the SULLAM_TEST_PG server,
// closed and dropped after the test.
func newPostgres(t *testing.T, opts ...Option) *Store {
	t.Helper()
	s, err := Open(newPostgresDSN(t), opts...)
	if err != nil {
		t.Fatalf("open postgres: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// newStore opens a temporary SQLite store.
func newStore(t *testing.T, opts ...Option) *Store { return newSQLite(t, opts...) }

// mustAgent creates an agent through the system actor.
func mustAgent(t *testing.T, s *Store, no string, supervisor *uint) models.Agent {
	t.Helper()
	ag, err := s.SaveAgent(t.Context(), SystemActor("test"), models.Agent{EmployeeNo: no, FullName: "Agent " + no,
		HireDate: models.MustDate("2020-01-05"), Role: "csr", RoleStartDate: models.MustDate("2020-01-05"),
		SupervisorID: supervisor, Team: "A"})
	if err != nil {
		t.Fatalf("create agent %s: %v", no, err)
	}
	return ag
}

// mustUser creates a user through the system actor.
func mustUser(t *testing.T, s *Store, name string, agentID *uint, roles ...models.Role) models.User {
	t.Helper()
	u, err := s.Accounts().CreateUser(t.Context(), SystemActor("test"), NewUser{Username: name, Password: "correct horse battery", Roles: roles, AgentID: agentID})
	if err != nil {
		t.Fatalf("create user %s: %v", name, err)
	}
	u.Roles = nil
	for _, r := range roles {
		u.Roles = append(u.Roles, models.UserRole{UserID: u.ID, Role: r})
	}
	return u
}
