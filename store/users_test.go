package store

import (
	"errors"
	"slices"
	"testing"
	"time"

	"sullam/models"
)

const testPassword = "correct horse battery"

// signIn signs name in with testPassword and returns its actor.
func signIn(t *testing.T, s *Store, name string) Actor {
	t.Helper()
	u, err := s.Accounts().SignIn(t.Context(), name, testPassword)
	if err != nil {
		t.Fatalf("sign in %s: %v", name, err)
	}
	return ActorOf(u)
}

// account reads a user row as stored, with its roles.
func account(t *testing.T, s *Store, id uint) models.User {
	t.Helper()
	var u models.User
	if err := s.db.Preload("Roles").First(&u, id).Error; err != nil {
		t.Fatal(err)
	}
	return u
}

// Rule: user management. An admin creates accounts (a duplicate name and a
// short password are refused, nothing written), edits roles, deactivates an
// account (its sign-in is then refused); a non-admin may not edit accounts.
func TestUserManagement(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			if _, err := s.Accounts().CreateFirstAdmin(t.Context(), NewUser{Username: "root", Password: testPassword}); err != nil {
				t.Fatal(err)
			}
			admin := signIn(t, s, "root")
			hr, err := s.Accounts().CreateUser(t.Context(), admin, NewUser{Username: "hana", FullName: "Hana", Password: testPassword, Roles: []models.Role{models.RoleHR}})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Accounts().CreateUser(t.Context(), admin, NewUser{Username: "hana", Password: testPassword}); !errors.Is(err, models.ErrAlreadyExists) {
				t.Errorf("duplicate name: %v, want ErrAlreadyExists", err)
			}
			if _, err := s.Accounts().CreateUser(t.Context(), admin, NewUser{Username: "omar", Password: "short"}); !errors.Is(err, ErrPasswordTooShort) {
				t.Errorf("short password: %v, want ErrPasswordTooShort", err)
			}
			if _, err := s.Accounts().CreateUser(t.Context(), signIn(t, s, "hana"), NewUser{Username: "omar", Password: testPassword}); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("created by HR: %v, want ErrForbidden", err)
			}
			var n int64
			s.db.Model(&models.User{}).Count(&n)
			if n != 2 {
				t.Fatalf("%d accounts after the refused creations, want 2", n)
			}
			// Edit roles: HR becomes HR + Quality.
			got, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: hr.Version, Roles: []models.Role{models.RoleHR, models.RoleQuality}, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			if !got.HasRole(models.RoleQuality) || !got.HasRole(models.RoleHR) || got.Version != hr.Version+1 {
				t.Errorf("after the edit: roles %v, version %d (was %d)", got.RoleList(), got.Version, hr.Version)
			}
			// A non-admin may not edit an account.
			if _, err := s.Accounts().UpdateUser(t.Context(), signIn(t, s, "hana"), UserUpdate{UserID: hr.ID, Version: got.Version, Roles: []models.Role{models.RoleAdmin}, Active: true}); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("HR grants itself admin: %v, want ErrForbidden", err)
			}
			// An edit from an old version is stale.
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: hr.Version, Roles: []models.Role{models.RoleHR}, Active: false}); !errors.Is(err, models.ErrStale) {
				t.Errorf("stale edit: %v, want ErrStale", err)
			}
			// Deactivate: sign-in refused.
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: got.Version, Roles: got.RoleList(), Active: false}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Accounts().SignIn(t.Context(), "hana", testPassword); !errors.Is(err, models.ErrBadPassword) {
				t.Errorf("sign-in of a deactivated account: %v, want ErrBadPassword", err)
			}
			var logged int64
			s.db.Model(&models.AuditLog{}).Where("action = ? AND entity = ? AND entity_key = ?", "update", "user", "hana").Count(&logged)
			if logged != 2 {
				t.Errorf("%d audit-log rows for the two edits, want 2", logged)
			}
		})
	}
}

// Rule: after 5 failed sign-ins in a row the account waits 15 minutes, even
// for the right password; the failures do not end the account's sessions.
func TestLockoutAfterFiveFailures(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clock.Now))
			mustUser(t, s, "hana", nil, models.RoleHR)
			session := signIn(t, s, "hana")
			for i := 1; i <= 4; i++ {
				if _, err := s.Accounts().SignIn(t.Context(), "hana", "wrong password!"); !errors.Is(err, models.ErrBadPassword) {
					t.Fatalf("failure %d: %v, want ErrBadPassword", i, err)
				}
			}
			// sign-in answers every refusal alike (ErrSignInRefused): the lock
			// shows as the right password refused, and in the account row
			if _, err := s.Accounts().SignIn(t.Context(), "hana", "wrong password!"); !errors.Is(err, ErrSignInRefused) {
				t.Fatalf("failure 5: %v, want ErrSignInRefused", err)
			}
			if _, err := s.Accounts().SignIn(t.Context(), "hana", testPassword); !errors.Is(err, ErrSignInRefused) {
				t.Fatalf("right password while locked: %v, want ErrSignInRefused", err)
			}
			var u models.User
			if err := s.db.Where("username = ?", "hana").First(&u).Error; err != nil || u.LockedUntil == nil {
				t.Fatalf("hana is not locked after 5 failures: %v %+v", err, u)
			}
			if _, err := s.Recruitment().ExportCandidates(t.Context(), session); err != nil {
				t.Errorf("an open session after someone else's failed sign-ins: %v", err)
			}
			clock.t = clock.t.Add(LockoutDuration + time.Second)
			if _, err := s.Accounts().SignIn(t.Context(), "hana", testPassword); err != nil {
				t.Fatalf("after the lockout: %v", err)
			}
		})
	}
}

// Rule: the last active admin may not deactivate themself nor drop their own
// admin role (ErrLastAdmin, an ErrForbidden; nothing changes); with another
// active admin both are allowed.
func TestLastAdminRule(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			root, err := s.Accounts().CreateFirstAdmin(t.Context(), NewUser{Username: "root", Password: testPassword})
			if err != nil {
				t.Fatal(err)
			}
			admin := signIn(t, s, "root")
			for what, up := range map[string]UserUpdate{
				"deactivate self":     {UserID: root.ID, Version: root.Version, Roles: []models.Role{models.RoleAdmin}, Active: false},
				"drop own admin role": {UserID: root.ID, Version: root.Version, Roles: []models.Role{models.RoleManager}, Active: true},
				"both at once":        {UserID: root.ID, Version: root.Version, Roles: nil, Active: false},
			} {
				_, err := s.Accounts().UpdateUser(t.Context(), admin, up)
				if !errors.Is(err, ErrLastAdmin) || !errors.Is(err, models.ErrForbidden) {
					t.Errorf("%s: %v, want ErrLastAdmin (ErrForbidden)", what, err)
				}
				if u := account(t, s, root.ID); !u.Active || !u.HasRole(models.RoleAdmin) || u.HasRole(models.RoleManager) || u.Version != root.Version {
					t.Fatalf("%s changed the account: active %v, roles %v, version %d", what, u.Active, u.RoleList(), u.Version)
				}
			}
			if has, _ := s.Accounts().HasAdmin(t.Context()); !has {
				t.Fatal("no admin left")
			}
			// A second admin: root may drop its admin role and the other may not.
			other, err := s.Accounts().CreateUser(t.Context(), admin, NewUser{Username: "nour", Password: testPassword, Roles: []models.Role{models.RoleAdmin}})
			if err != nil {
				t.Fatal(err)
			}
			// An inactive admin does not count.
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: other.ID, Version: other.Version, Roles: other.RoleList(), Active: false}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: root.ID, Version: root.Version, Roles: []models.Role{models.RoleManager}, Active: true}); !errors.Is(err, ErrLastAdmin) {
				t.Errorf("drop own admin role beside an inactive admin: %v, want ErrLastAdmin", err)
			}
			other = account(t, s, other.ID)
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: other.ID, Version: other.Version, Roles: other.RoleList(), Active: true}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: root.ID, Version: root.Version, Roles: []models.Role{models.RoleManager}, Active: true}); err != nil {
				t.Fatalf("drop own admin role beside another admin: %v", err)
			}
			nour := signIn(t, s, "nour")
			other = account(t, s, other.ID)
			if _, err := s.Accounts().UpdateUser(t.Context(), nour, UserUpdate{UserID: other.ID, Version: other.Version, Roles: other.RoleList(), Active: false}); !errors.Is(err, ErrLastAdmin) {
				t.Errorf("the new last admin deactivates themself: %v, want ErrLastAdmin", err)
			}
			r := account(t, s, root.ID)
			if _, err := s.Accounts().UpdateUser(t.Context(), nour, UserUpdate{UserID: root.ID, Version: r.Version, Roles: r.RoleList(), Active: false}); err != nil {
				t.Errorf("deactivate a non-admin: %v", err)
			}
		})
	}
}

// injectPasswordFailure makes every write of a password fail in the
// database, below the store: of the hash on SQLite, of the login's secret
// on PostgreSQL (which keeps no hash in its tables).
func injectPasswordFailure(t *testing.T, s *Store) {
	t.Helper()
	stmts := []string{`CREATE TRIGGER fail_password BEFORE UPDATE OF password_hash ON users BEGIN SELECT RAISE(ABORT, 'injected failure'); END`}
	if s.dialect == "postgres" {
		stmts = []string{
			`CREATE OR REPLACE FUNCTION public.sullam_set_login(p_user bigint, p_login text, p_secret text, p_can_login boolean, p_roles text) RETURNS void
			LANGUAGE plpgsql AS $$ BEGIN IF p_secret IS NOT NULL THEN RAISE EXCEPTION 'injected failure'; END IF; END $$`,
		}
	}
	for _, q := range stmts {
		if err := s.db.Exec(q).Error; err != nil {
			t.Fatal(err)
		}
	}
}

// Rule: an edit of an account is one transaction: when the password part
// fails, the roles and the active flag written before it are rolled back
// and the version stays.
func TestUpdateUserIsOneTransaction(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			mustUser(t, s, "root", nil, models.RoleAdmin)
			hr := mustUser(t, s, "hana", nil, models.RoleHR)
			admin := signIn(t, s, "root")
			injectPasswordFailure(t, s)
			_, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: hr.Version, Roles: []models.Role{models.RoleQuality}, Active: false, Password: "a new long password"})
			if err == nil {
				t.Fatal("the injected failure did not surface")
			}
			u := account(t, s, hr.ID)
			if !slices.Equal(u.RoleList(), []models.Role{models.RoleHR}) || !u.Active || u.Version != hr.Version {
				t.Errorf("after a failed password part: roles %v, active %v, version %d; want [hr], true, %d", u.RoleList(), u.Active, u.Version, hr.Version)
			}
			if _, err := s.Accounts().SignIn(t.Context(), "hana", testPassword); err != nil {
				t.Errorf("the old password no longer works: %v", err)
			}
		})
	}
}

// Rule: the first account is made only on a database without any account:
// once accounts exist, even with no admin among them, CreateFirstAdmin is
// refused (nobody at the desk can make themself admin).
func TestFirstAdminOnlyWithoutAccounts(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			mustUser(t, s, "hana", nil, models.RoleHR)
			if has, _ := s.Accounts().HasAdmin(t.Context()); has {
				t.Fatal("HasAdmin with only an HR account")
			}
			if _, err := s.Accounts().CreateFirstAdmin(t.Context(), NewUser{Username: "intruder", Password: testPassword}); !errors.Is(err, models.ErrAlreadyExists) {
				t.Fatalf("first admin beside an HR account: %v, want ErrAlreadyExists", err)
			}
			if _, err := s.Accounts().SignIn(t.Context(), "intruder", testPassword); err == nil {
				t.Fatal("the refused admin can sign in")
			}
		})
	}
}

// Rule: a session ends when its account is deactivated, loses a role or
// gets a new password: the next store call, read or write, fails with
// models.ErrSessionExpired and the store tells its listener. Changing the
// language does not end it; a new sign-in has the new rights only.
func TestSessionExpires(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			mustUser(t, s, "root", nil, models.RoleAdmin)
			hr := mustUser(t, s, "hana", nil, models.RoleHR, models.RoleQuality)
			admin := signIn(t, s, "root")
			var told []string
			s.Accounts().OnSessionExpired(func(a Actor) { told = append(told, a.Username) })

			session := signIn(t, s, "hana")
			if err := s.Accounts().SetLanguage(t.Context(), session, "en"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Recruitment().ExportCandidates(t.Context(), session); err != nil {
				t.Fatalf("a live session: %v", err)
			}
			// A role removed: the export that needs HR is refused.
			u, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: account(t, s, hr.ID).Version, Roles: []models.Role{models.RoleQuality}, Active: true})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Recruitment().ExportCandidates(t.Context(), session); !errors.Is(err, models.ErrSessionExpired) {
				t.Errorf("export candidates after losing HR: %v, want ErrSessionExpired", err)
			}
			if _, err := s.ImportAgents(session, ImportSource{File: "agents.csv"}, nil); !errors.Is(err, models.ErrSessionExpired) {
				t.Errorf("import agents after losing HR: %v, want ErrSessionExpired", err)
			}
			if len(told) != 2 || told[0] != "hana" {
				t.Errorf("listener told %v, want hana twice", told)
			}
			fresh := signIn(t, s, "hana")
			if _, err := s.Recruitment().ExportCandidates(t.Context(), fresh); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("export candidates signed in as Quality only: %v, want ErrForbidden", err)
			}
			// Deactivated.
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: u.Version, Roles: u.RoleList(), Active: false}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ListAgents(t.Context(), fresh, AgentFilter{}); !errors.Is(err, models.ErrSessionExpired) {
				t.Errorf("list agents after deactivation: %v, want ErrSessionExpired", err)
			}
			// A new password set by an admin ends the session; one's own
			// new password hands back the account to carry on with.
			u = account(t, s, hr.ID)
			if _, err := s.Accounts().UpdateUser(t.Context(), admin, UserUpdate{UserID: hr.ID, Version: u.Version, Roles: u.RoleList(), Active: true}); err != nil {
				t.Fatal(err)
			}
			session = signIn(t, s, "hana")
			if _, err := s.Accounts().SetPassword(t.Context(), admin, hr.ID, "reset by the admin"); err != nil {
				t.Fatal(err)
			}
			if _, err := s.ListAgents(t.Context(), session, AgentFilter{}); !errors.Is(err, models.ErrSessionExpired) {
				t.Errorf("list agents after a password reset: %v, want ErrSessionExpired", err)
			}
			self, err := s.Accounts().SetPassword(t.Context(), admin, admin.UserID, "the admin's new one")
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Accounts().ListUsers(t.Context(), admin); !errors.Is(err, models.ErrSessionExpired) {
				t.Errorf("the old actor after its own password change: %v, want ErrSessionExpired", err)
			}
			if _, err := s.Accounts().ListUsers(t.Context(), ActorOf(self)); err != nil {
				t.Errorf("the actor of the account handed back: %v", err)
			}
			// The command line's system actor has no session.
			if _, err := s.Accounts().ListUsers(t.Context(), SystemActor("op")); err != nil {
				t.Errorf("system actor: %v", err)
			}
		})
	}
}

// Rule: every store call of an ended session is refused with
// models.ErrSessionExpired, reads included: here a user holding every role
// but admin, whose password an admin reset after they signed in.
func TestEndedSessionRefusedEverywhere(t *testing.T) {
	s := newStore(t)
	mustUser(t, s, "root", nil, models.RoleAdmin)
	ag := mustAgent(t, s, "E1", nil)
	u := mustUser(t, s, "all", &ag.ID, models.RoleHR, models.RoleManager, models.RoleQuality, models.RoleSupervisor, models.RoleAgent)
	session := signIn(t, s, "all")
	if _, err := s.ListAgents(t.Context(), session, AgentFilter{}); err != nil {
		t.Fatalf("live session: %v", err)
	}
	if _, err := s.Accounts().SetPassword(t.Context(), signIn(t, s, "root"), u.ID, "reset by the admin"); err != nil {
		t.Fatal(err)
	}
	day := models.MustDate("2026-06-01")
	calls := map[string]func() error{
		"ListAgents":  func() error { _, err := s.ListAgents(t.Context(), session, AgentFilter{}); return err },
		"CountAgents": func() error { _, err := s.CountAgents(t.Context(), session, AgentFilter{}); return err },
		"Supervisors": func() error { _, err := s.Supervisors(t.Context(), session); return err },
		"Agent":       func() error { _, err := s.Agent(t.Context(), session, "E1"); return err },
		"AgentYears": func() error {
			_, err := s.Evaluations().AgentYears(t.Context(), session, ag.ID, 2025, 2025)
			return err
		},
		"AttendanceYear": func() error { _, err := s.Work().AttendanceYear(t.Context(), session, ag.ID, 2025); return err },
		"ListJobs":       func() error { _, err := s.Recruitment().ListJobs(t.Context(), session, false); return err },
		"ListQuestions":  func() error { _, err := s.Recruitment().ListQuestions(t.Context(), session, false); return err },
		"Categories":     func() error { _, err := s.Recruitment().ListQuestionCategories(t.Context(), session); return err },
		"ListCandidates": func() error {
			_, err := s.Recruitment().ListCandidates(t.Context(), session, CandidateFilter{})
			return err
		},
		"PipelineCounts":  func() error { _, err := s.Recruitment().PipelineCounts(t.Context(), session, 0); return err },
		"MyInterviews":    func() error { _, err := s.Recruitment().MyInterviews(t.Context(), session); return err },
		"ListReviews":     func() error { _, err := s.Work().ListReviews(t.Context(), session, 0); return err },
		"ListAuditForms":  func() error { _, err := s.Work().ListAuditForms(t.Context(), session); return err },
		"ListAudits":      func() error { _, err := s.Work().ListAudits(t.Context(), session, AuditListFilter{}); return err },
		"RatingQueue":     func() error { _, err := s.Work().RatingQueue(t.Context(), session); return err },
		"MyWeeklyReports": func() error { _, err := s.Work().MyWeeklyReports(t.Context(), session); return err },
		"EvaluateYear": func() error {
			_, err := s.Evaluations().EvaluateYear(t.Context(), session, 2025, YearFilter{})
			return err
		},
		"Promotions": func() error {
			_, err := s.Evaluations().Promotions(t.Context(), session, day, ReadinessFilter{})
			return err
		},
		"PromotionHistory": func() error { _, err := s.Evaluations().PromotionHistory(t.Context(), session, ag.ID); return err },
		"HomeCounts":       func() error { _, err := s.Evaluations().HomeCounts(t.Context(), session); return err },
		"Dashboard":        func() error { _, err := s.Evaluations().Dashboard(t.Context(), session, day); return err },
		"ExportAgents":     func() error { _, err := s.ExportAgents(t.Context(), session); return err },
		"EachAttendance": func() error {
			return s.EachAttendance(t.Context(), session, func(models.AttendanceRow) error { return nil })
		},
		"ExportAudits":     func() error { _, err := s.ExportAudits(t.Context(), session); return err },
		"ExportWeekly":     func() error { _, err := s.ExportWeekly(t.Context(), session); return err },
		"ExportReviews":    func() error { _, err := s.ExportReviews(t.Context(), session); return err },
		"ExportCandidates": func() error { _, err := s.Recruitment().ExportCandidates(t.Context(), session); return err },
		"ExportJobs":       func() error { _, err := s.Recruitment().ExportJobs(t.Context(), session); return err },
		"ExportQuestions":  func() error { _, err := s.Recruitment().ExportQuestions(t.Context(), session); return err },
		"SaveAgent":        func() error { _, err := s.SaveAgent(t.Context(), session, ag); return err },
		"ImportAgents": func() error {
			_, err := s.ImportAgents(session, ImportSource{File: "a.csv"}, nil)
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, models.ErrSessionExpired) {
			t.Errorf("%s: %v, want ErrSessionExpired", name, err)
		}
	}
}

// BenchmarkCheckSession measures the session check every access-checked
// store call of a signed-in user pays (one primary-key lookup).
func BenchmarkCheckSession(b *testing.B) {
	s, err := Open(b.TempDir() + "/bench.db")
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	u, err := s.Accounts().CreateUser(b.Context(), SystemActor("bench"), NewUser{Username: "hana", Password: testPassword, Roles: []models.Role{models.RoleHR}})
	if err != nil {
		b.Fatal(err)
	}
	a := ActorOf(u)
	for b.Loop() {
		if err := s.Accounts().CheckSession(b.Context(), a); err != nil {
			b.Fatal(err)
		}
	}
}

// TestUsersWithRole checks the rule that the list of accounts holding a
// role (the interviewers picker) has exactly the active holders, on both
// databases (PostgreSQL's users table has no password hash column).
func TestUsersWithRole(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			mustUser(t, s, "hr1", nil, models.RoleHR)
			mustUser(t, s, "q1", nil, models.RoleQuality)
			got, err := s.Accounts().UsersWithRole(t.Context(), models.RoleHR)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || got[0].Username != "hr1" || len(got[0].Roles) != 1 {
				t.Fatalf("UsersWithRole(hr) = %+v, want hr1 alone with its role", got)
			}
		})
	}
}
