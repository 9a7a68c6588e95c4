package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"

	"sullam/models"
)

// Rule (spec/cli.md `export`): the audit-log export is for admins and
// managers only, enforced in the store: every other role gets ErrForbidden
// and the denial is logged; an admin and a manager get every row, oldest
// first. On SQLite and PostgreSQL.
func TestEachAuditLogAdminsAndManagersOnly(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			sup := mustAgent(t, s, "E1", nil)
			users := map[models.Role]models.User{}
			for _, r := range models.Roles {
				var agent *uint
				if r == models.RoleSupervisor || r == models.RoleAgent {
					agent = &sup.ID
				}
				users[r] = mustUser(t, s, "u-"+string(r), agent, r)
			}
			for r, u := range users {
				var ids []uint
				err := s.EachAuditLog(t.Context(), ActorOf(u), func(row models.AuditLog) error { ids = append(ids, row.ID); return nil })
				allowed := r == models.RoleAdmin || r == models.RoleManager
				switch {
				case allowed && err != nil:
					t.Errorf("%s: %v, want the audit log", r, err)
				case allowed && (len(ids) < len(users) || !isAscending(ids)):
					t.Errorf("%s: ids %v, want every row (a user creation each at least) oldest first", r, ids)
				case !allowed && (!errors.Is(err, models.ErrForbidden) || len(ids) != 0):
					t.Errorf("%s: err %v, %d rows; want ErrForbidden and no row", r, err, len(ids))
				}
			}
			denied, err := s.AuditLog(t.Context(), SystemActor("t"), AuditFilter{Action: "denied"})
			if err != nil || len(denied) != len(users)-2 {
				t.Errorf("denials logged: %d (%v), want %d", len(denied), err, len(users)-2)
			}
		})
	}
}

func isAscending(ids []uint) bool {
	for i := 1; i < len(ids); i++ {
		if ids[i] <= ids[i-1] {
			return false
		}
	}
	return true
}

// Rule (issue 11): a command's audit-log entry holds who, the command, its
// arguments and counts and its outcome, never a database password or an
// e-mail address found among the arguments, nor the text of its error. On
// SQLite and PostgreSQL.
func TestLogCommand(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) { testLogCommand(t, open(t)) })
	}
}

func testLogCommand(t *testing.T, s *Store) {
	u := mustUser(t, s, "mona", nil, models.RoleHR)
	a := ActorOf(u)
	entries := []CommandEntry{
		{Command: "export", Args: []string{"agents", "--out", "a.csv"}, Counts: map[string]int{"rows": 12}},
		{Command: "migrate", Args: []string{"--to", "postgres://sullam:s3cret@db/sullam"}},
		{Command: "migrate", Args: []string{"--to=postgres://sullam:s3cret@db/sullam"}},
		{Command: "candidate", Args: []string{"export", "layla@example.com", "--out", "x.json"}, Err: fmt.Errorf("candidate layla@example.com: %w", models.ErrForbidden)},
		{Command: "import", Args: []string{"candidates", "c.csv"}, Err: errors.New("line 4: email layla@example.com: bad")},
	}
	want := []string{
		`{"args":["agents","--out","a.csv"],"counts":{"rows":12},"outcome":"ok"}`,
		`{"args":["--to","postgres://sullam:***@db/sullam"],"counts":{},"outcome":"ok"}`,
		`{"args":["--to=postgres://sullam:***@db/sullam"],"counts":{},"outcome":"ok"}`,
		`{"args":["export","(e-mail address)","--out","x.json"],"counts":{},"outcome":"refused"}`,
		`{"args":["candidates","c.csv"],"counts":{},"outcome":"failed"}`,
	}
	for _, e := range entries {
		if err := s.LogCommand(t.Context(), a, e); err != nil {
			t.Fatal(err)
		}
	}
	rows, err := s.AuditLog(t.Context(), SystemActor("t"), AuditFilter{Action: "command"})
	if err != nil || len(rows) != len(entries) {
		t.Fatalf("%d command rows (%v), want %d", len(rows), err, len(entries))
	}
	for i, row := range rows {
		j := len(rows) - 1 - i // newest first
		if row.Username != "mona" || row.UserID == nil || *row.UserID != u.ID || row.EntityKey != entries[j].Command {
			t.Errorf("row %d: %+v, want mona's %s", j, row, entries[j].Command)
		}
		if !json.Valid([]byte(row.New)) || row.New != want[j] {
			t.Errorf("row %d: detail %s, want %s", j, row.New, want[j])
		}
		if strings.Contains(row.New, "s3cret") || strings.Contains(row.New, "layla") {
			t.Errorf("row %d keeps a secret or personal value: %s", j, row.New)
		}
	}
}

// Rule (issue 11): on a database with accounts, only an admin may load demo
// data, and only into a database with no agent and no candidate.
func TestDemoActor(t *testing.T) {
	s := newStore(t)
	hr := mustUser(t, s, "hr", nil, models.RoleHR, models.RoleManager, models.RoleQuality)
	admin := mustUser(t, s, "root", nil, models.RoleAdmin)
	if _, err := s.DemoActor(t.Context(), ActorOf(hr)); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("hr, manager and quality: err %v, want ErrForbidden", err)
	}
	a, err := s.DemoActor(t.Context(), ActorOf(admin))
	if err != nil || !a.System || a.Username != "demo:root" {
		t.Fatalf("admin: %+v %v, want the demo loader named after root", a, err)
	}
	mustAgent(t, s, "E1", nil)
	if _, err := s.DemoActor(t.Context(), ActorOf(admin)); !errors.Is(err, models.ErrAlreadyExists) {
		t.Errorf("admin on a database with agents: err %v, want ErrAlreadyExists", err)
	}
}
