package store

import (
	"errors"
	"testing"

	"sullam/models"
)

// Rule (issue 17): CreateDemoUsers creates the demo accounts with the one
// demo password hashed once (one stored secret for all, on both
// databases), each able to sign in with it and not with another, with its
// roles and agent link; a name taken already is left out and reported, its
// account untouched; only an admin may call it.
func TestCreateDemoUsers(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			ctx := t.Context()
			ag := mustAgent(t, s, "E1", nil)
			mustUser(t, s, "taken", nil, models.RoleHR)
			agent := mustUser(t, s, "plain", &ag.ID, models.RoleAgent)
			const pw = "demo-password-1"
			ns := []NewUser{
				{Username: "taken", Password: pw, Roles: []models.Role{models.RoleManager}},
				{Username: "sup1", Password: pw, Roles: []models.Role{models.RoleSupervisor}, AgentID: &ag.ID},
				{Username: "boss", Password: pw, Roles: []models.Role{models.RoleManager}},
			}
			if _, err := s.Accounts().CreateDemoUsers(ctx, ActorOf(agent), ns); !errors.Is(err, models.ErrForbidden) {
				t.Fatalf("an agent creating demo accounts: %v, want ErrForbidden", err)
			}
			skipped, err := s.Accounts().CreateDemoUsers(ctx, SystemActor("demo"), ns)
			if err != nil {
				t.Fatal(err)
			}
			if len(skipped) != 1 || skipped[0] != "taken" {
				t.Errorf("skipped %v, want [taken]", skipped)
			}
			for _, n := range ns[1:] {
				u, err := s.Accounts().SignIn(ctx, n.Username, pw)
				if err != nil {
					t.Errorf("sign in as %s: %v", n.Username, err)
					continue
				}
				if !u.HasRole(n.Roles[0]) || (u.AgentID != nil) != (n.AgentID != nil) {
					t.Errorf("%s: roles %v, agent %v", n.Username, u.RoleList(), u.AgentID)
				}
				if _, err := s.Accounts().SignIn(ctx, n.Username, pw+"x"); !errors.Is(err, ErrSignInRefused) {
					t.Errorf("%s with a wrong password: %v, want refused", n.Username, err)
				}
			}
			if _, err := s.Accounts().SignIn(ctx, "taken", pw); !errors.Is(err, ErrSignInRefused) {
				t.Errorf("the taken account took the demo password: %v", err)
			}
			if _, err := s.Accounts().SignIn(ctx, "taken", "correct horse battery"); err != nil {
				t.Errorf("the taken account lost its password: %v", err)
			}
			if s.dialect != "postgres" {
				var hashes []string
				if err := s.db.Raw("SELECT DISTINCT password_hash FROM users WHERE username IN ('sup1', 'boss')").Scan(&hashes).Error; err != nil {
					t.Fatal(err)
				}
				if len(hashes) != 1 {
					t.Errorf("%d different hashes for the demo accounts, want 1", len(hashes))
				}
			}
		})
	}
}
