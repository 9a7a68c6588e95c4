package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"

	"sullam/internal/testenv"
	"sullam/models"
)

// pgRolesFixture is a PostgreSQL database set up by its owner with a small
// department: supervisor Sami (agent S1) leads A1 and A2, Salma (S2) leads
// A3; Ali is agent A1; Hana is HR; Root is admin; Omar (HR) is deactivated.
// Each of S1, A1, A2, S2 and A3 has one attendance day.
type pgRolesFixture struct {
	owner   *Store
	dsn     string // the owner's URL
	desk    string // the same database, no user or password
	agents  map[string]models.Agent
	users   map[string]models.User
	ctx     context.Context
	prefix  string
	dbname  string
	ownerDB *pgx.Conn
}

// newPGRolesFixture builds the fixture; without SULLAM_TEST_PG it skips (and
// fails in CI, where these checks must run).
func newPGRolesFixture(t *testing.T) *pgRolesFixture {
	t.Helper()
	if os.Getenv("SULLAM_TEST_PG") == "" {
		testenv.Unavailable(t, "SULLAM_TEST_PG is not set: the PostgreSQL role tests need a server")
	}
	ctx := context.Background()
	if c, err := pgx.Connect(ctx, os.Getenv("SULLAM_TEST_PG")); err != nil {
		testenv.Unavailable(t, "SULLAM_TEST_PG unreachable: "+err.Error())
	} else {
		c.Close(ctx)
	}
	f := &pgRolesFixture{dsn: newPostgresDSN(t), ctx: ctx, agents: map[string]models.Agent{}, users: map[string]models.User{}}
	s, err := Open(f.dsn)
	if err != nil {
		t.Fatalf("open as the owner: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	f.owner = s
	u, _ := url.Parse(f.dsn)
	f.dbname = strings.TrimPrefix(u.Path, "/")
	f.prefix = PGRolePrefix(f.dbname)
	u.User = nil
	f.desk = u.String()
	sys := SystemActor("test")
	f.agents["S1"] = mustAgent(t, s, "S1", nil)
	f.agents["S2"] = mustAgent(t, s, "S2", nil)
	s1, s2 := f.agents["S1"].ID, f.agents["S2"].ID
	f.agents["A1"] = mustAgent(t, s, "A1", &s1)
	f.agents["A2"] = mustAgent(t, s, "A2", &s1)
	f.agents["A3"] = mustAgent(t, s, "A3", &s2)
	for _, no := range []string{"S1", "A1", "A2", "S2", "A3"} {
		if err := s.db.Create(&models.AttendanceDay{AgentID: f.agents[no].ID, Date: models.MustDate("2026-03-01"), Status: models.Present}).Error; err != nil {
			t.Fatalf("attendance of %s: %v", no, err)
		}
	}
	f.users["root"] = mustUser(t, s, "root", nil, models.RoleAdmin)
	f.users["hana"] = mustUser(t, s, "hana", nil, models.RoleHR)
	f.users["sami"] = mustUser(t, s, "sami", &s1, models.RoleSupervisor)
	a1 := f.agents["A1"].ID
	f.users["ali"] = mustUser(t, s, "ali", &a1, models.RoleAgent)
	omar := mustUser(t, s, "omar", nil, models.RoleHR)
	if _, err := s.Accounts().UpdateUser(ctx, sys, UserUpdate{UserID: omar.ID, Version: omar.Version, Roles: omar.RoleList(), Active: false}); err != nil {
		t.Fatalf("deactivate omar: %v", err)
	}
	c, err := pgx.Connect(ctx, f.dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close(ctx) })
	f.ownerDB = c
	return f
}

// as connects to the database as the login of Sullam account name, with pw.
func (f *pgRolesFixture) as(name, pw string) (*pgx.Conn, error) {
	cfg, err := pgx.ParseConfig(f.dsn)
	if err != nil {
		return nil, err
	}
	cfg.User, cfg.Password = PGLoginName(f.prefix, name), pw
	return pgx.ConnectConfig(f.ctx, cfg)
}

func (f *pgRolesFixture) mustAs(t *testing.T, name string) *pgx.Conn {
	t.Helper()
	c, err := f.as(name, testPassword)
	if err != nil {
		t.Fatalf("connect as %s's login: %v", name, err)
	}
	t.Cleanup(func() { c.Close(f.ctx) })
	return c
}

// strings1 runs q and returns its one text column, sorted.
func strings1(t *testing.T, c *pgx.Conn, q string) []string {
	t.Helper()
	rows, err := c.Query(context.Background(), q)
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	out, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	sort.Strings(out)
	return out
}

// sqlState returns the SQLSTATE of a PostgreSQL error ("" for none).
func sqlState(err error) string {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code
	}
	return ""
}

const attendanceOwners = "SELECT a.employee_no FROM attendance_days d JOIN agents a ON a.id = d.agent_id"

// Rule (issue 11, row-level security): through their own login, with raw
// SQL, a supervisor selects only their team's agents and attendance (and
// their own record), an agent only their own; HR, whose scope is all,
// selects everyone.
func TestPGRolesRowsOfTeamAndSelf(t *testing.T) {
	f := newPGRolesFixture(t)
	for _, tc := range []struct {
		user string
		want []string
	}{
		{"sami", []string{"A1", "A2", "S1"}},
		{"ali", []string{"A1"}},
		{"hana", []string{"A1", "A2", "A3", "S1", "S2"}},
	} {
		c := f.mustAs(t, tc.user)
		if got := strings1(t, c, "SELECT employee_no FROM agents"); !slices.Equal(got, tc.want) {
			t.Errorf("%s selects agents %v, want %v", tc.user, got, tc.want)
		}
		// the join reads agents under the same policy: count the rows of
		// attendance_days alone too
		if got := strings1(t, c, attendanceOwners); !slices.Equal(got, tc.want) {
			t.Errorf("%s selects the attendance of %v, want %v", tc.user, got, tc.want)
		}
		var n int
		if err := c.QueryRow(f.ctx, "SELECT count(*) FROM attendance_days").Scan(&n); err != nil || n != len(tc.want) {
			t.Errorf("%s counts %d attendance days (%v), want %d", tc.user, n, err, len(tc.want))
		}
	}
	// An agent cannot write attendance, a supervisor cannot change another
	// team's row: refused or no row touched.
	ali := f.mustAs(t, "ali")
	if _, err := ali.Exec(f.ctx, "UPDATE attendance_days SET status = 'absent'"); sqlState(err) != "42501" {
		t.Errorf("agent updates attendance: %v, want permission denied (42501)", err)
	}
	sami := f.mustAs(t, "sami")
	if _, err := sami.Exec(f.ctx, "UPDATE agents SET full_name = 'x'"); sqlState(err) != "42501" {
		t.Errorf("supervisor edits agents: %v, want permission denied (42501)", err)
	}
	if _, err := sami.Exec(f.ctx, "DELETE FROM attendance_days"); sqlState(err) != "42501" {
		t.Errorf("supervisor deletes attendance: %v, want permission denied (42501)", err)
	}
}

// Rule (issue 11): the audit log is append-only for every desk role, admins
// included: INSERT yes; UPDATE, DELETE and TRUNCATE refused by PostgreSQL's
// grants. HR cannot make itself admin: no GRANT of a group role, no SET
// ROLE to it, no call of the function that changes logins.
func TestPGRolesAuditLogAndNoSelfPromotion(t *testing.T) {
	f := newPGRolesFixture(t)
	for _, name := range []string{"hana", "root"} {
		c := f.mustAs(t, name)
		if _, err := c.Exec(f.ctx, "INSERT INTO audit_logs (at, username, action, entity, entity_key) VALUES (now(), $1, 'test', 'test', 'k')", name); err != nil {
			t.Errorf("%s appends to the audit log: %v", name, err)
		}
		for _, q := range []string{"UPDATE audit_logs SET action = 'x'", "DELETE FROM audit_logs", "TRUNCATE audit_logs"} {
			if _, err := c.Exec(f.ctx, q); sqlState(err) != "42501" {
				t.Errorf("%s: %s: %v, want permission denied (42501)", name, q, err)
			}
		}
	}
	hana := f.mustAs(t, "hana")
	admin := PGGroupRole(f.prefix, models.RoleAdmin)
	login := PGLoginName(f.prefix, "hana")
	for _, q := range []string{
		"GRANT " + pgIdent(admin) + " TO " + pgIdent(login),
		"SET ROLE " + pgIdent(admin),
		"ALTER ROLE " + pgIdent(login) + " CREATEROLE",
		"SELECT public.sullam_set_login(" + "2, '" + login + "', NULL, true, 'admin')",
		"INSERT INTO user_roles (user_id, role) VALUES (2, 'admin')",
	} {
		if _, err := hana.Exec(f.ctx, q); err == nil {
			t.Errorf("hr: %s: accepted", q)
		}
	}
	// a role changes its own language, nobody else's account
	if tag, err := hana.Exec(f.ctx, "UPDATE users SET language = 'en'"); err != nil || tag.RowsAffected() != 1 {
		t.Errorf("hr sets the language of every account: %v, %d rows; want its own only", err, tag.RowsAffected())
	}
	if _, err := hana.Exec(f.ctx, "UPDATE users SET active = false WHERE username = 'root'"); sqlState(err) != "42501" {
		t.Errorf("hr deactivates root: %v, want permission denied (42501)", err)
	}
	var member bool
	if err := f.ownerDB.QueryRow(f.ctx, "SELECT pg_has_role($1, $2, 'MEMBER')", login, admin).Scan(&member); err != nil || member {
		t.Errorf("hana's login is a member of %s: %v %v", admin, member, err)
	}
}

// Rule (issue 11): on PostgreSQL no table keeps a password hash (PostgreSQL
// authenticates, with a SCRAM-SHA-256 secret), and a deactivated account's
// login cannot connect.
func TestPGRolesNoHashesAndDeactivatedLogin(t *testing.T) {
	f := newPGRolesFixture(t)
	cols := strings1(t, f.ownerDB, `SELECT table_name || '.' || column_name FROM information_schema.columns
		WHERE table_schema = 'public' AND (column_name ILIKE '%password%' OR column_name ILIKE '%hash%')`)
	if len(cols) != 0 {
		t.Errorf("password or hash columns on PostgreSQL: %v", cols)
	}
	var secret string
	if err := f.ownerDB.QueryRow(f.ctx, "SELECT rolpassword FROM pg_authid WHERE rolname = $1", PGLoginName(f.prefix, "hana")).Scan(&secret); err != nil || !strings.HasPrefix(secret, "SCRAM-SHA-256$4096:") {
		t.Errorf("hana's login secret %.20q (%v), want a SCRAM-SHA-256 secret", secret, err)
	}
	// an open connection of an account ends when it is deactivated
	hana := f.mustAs(t, "hana")
	hu := account(t, f.owner, f.users["hana"].ID)
	if _, err := f.owner.Accounts().UpdateUser(t.Context(), SystemActor("t"), UserUpdate{UserID: hu.ID, Version: hu.Version, Roles: hu.RoleList(), Active: false}); err != nil {
		t.Fatal(err)
	}
	if err := hana.Ping(f.ctx); err == nil {
		t.Error("a deactivated account's open connection still answers")
	}
	if _, err := f.as("omar", testPassword); sqlState(err) != "28000" {
		t.Errorf("deactivated omar connects: %v, want refused (28000)", err)
	}
	if _, err := f.as("hana", "wrong password!"); sqlState(err) != "28P01" {
		t.Errorf("wrong password connects: %v, want refused (28P01)", err)
	}
	if _, err := f.owner.Accounts().SignIn(t.Context(), "omar", testPassword); !errors.Is(err, ErrSignInRefused) {
		t.Errorf("store sign-in of deactivated omar: %v, want ErrSignInRefused", err)
	}
	// reactivated with a new password: the login follows the account
	omar := account(t, f.owner, mustFind(t, f.owner, "omar"))
	// (an Arabic password: the SCRAM secret is made as the driver signs in)
	const newPW = "كلمة سر طويلة Ⅻ"
	if _, err := f.owner.Accounts().UpdateUser(t.Context(), SystemActor("t"), UserUpdate{UserID: omar.ID, Version: omar.Version, Roles: []models.Role{models.RoleQuality}, Active: true, Password: newPW}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.owner.Accounts().SignIn(t.Context(), "omar", newPW); err != nil {
		t.Errorf("store sign-in of reactivated omar: %v", err)
	}
	c, err := f.as("omar", newPW)
	if err != nil {
		t.Fatalf("reactivated omar with the new password: %v", err)
	}
	defer c.Close(f.ctx)
	var q, h bool
	if err := c.QueryRow(f.ctx, "SELECT pg_has_role($1, 'MEMBER'), pg_has_role($2, 'MEMBER')",
		PGGroupRole(f.prefix, models.RoleQuality), PGGroupRole(f.prefix, models.RoleHR)).Scan(&q, &h); err != nil || !q || h {
		t.Errorf("omar's groups after the edit: quality %v, hr %v (%v); want quality only", q, h, err)
	}
}

func mustFind(t *testing.T, s *Store, username string) uint {
	t.Helper()
	var u models.User
	if err := s.db.Where("username = ?", username).First(&u).Error; err != nil {
		t.Fatal(err)
	}
	return u.ID
}

// Rule (issue 11): a desk's URL carries no user or password; the sign-in's
// name and password open the connection, as the account's own login. A
// wrong password, an unknown name and a deactivated account get the one
// answer ErrSignInRefused. A second sign-in on the same store acts as the
// second account, never through the first one's connections.
func TestPGRolesDeskSignIn(t *testing.T) {
	f := newPGRolesFixture(t)
	if !IsDeskURL(f.desk) || IsDeskURL(f.dsn) {
		t.Fatalf("IsDeskURL(%s) / (owner URL) wrong", f.desk)
	}
	s, err := Open(f.desk)
	if err != nil {
		t.Fatalf("open the desk URL: %v", err)
	}
	defer s.Close()
	if has, err := s.Accounts().HasUsers(t.Context()); !has || err != nil {
		t.Errorf("a desk before sign-in: HasUsers %v %v, want true (the sign-in screen)", has, err)
	}
	for _, c := range [][2]string{{"hana", "wrong password!"}, {"nobody", testPassword}, {"omar", testPassword}} {
		if _, err := s.Accounts().SignIn(t.Context(), c[0], c[1]); err != ErrSignInRefused {
			t.Errorf("desk sign-in %s: %v, want ErrSignInRefused", c[0], err)
		}
	}
	u, err := s.Accounts().SignIn(t.Context(), "sami", testPassword)
	if err != nil {
		t.Fatalf("desk sign-in of sami: %v", err)
	}
	var who string
	s.db.Raw("SELECT current_user").Scan(&who)
	if who != PGLoginName(f.prefix, "sami") {
		t.Errorf("desk connection is %q, want sami's login", who)
	}
	// the store's own query, through the supervisor's login
	var nos []string
	if err := s.db.Model(&models.Agent{}).Order("employee_no").Pluck("employee_no", &nos).Error; err != nil || !slices.Equal(nos, []string{"A1", "A2", "S1"}) {
		t.Errorf("sami's desk reads agents %v (%v), want [A1 A2 S1]", nos, err)
	}
	if u.Username != "sami" || !u.HasRole(models.RoleSupervisor) {
		t.Errorf("signed in as %+v", u)
	}
	if _, err := s.Accounts().SignIn(t.Context(), "ali", testPassword); err != nil {
		t.Fatalf("second sign-in on the desk: %v", err)
	}
	s.db.Raw("SELECT current_user").Scan(&who)
	if who != PGLoginName(f.prefix, "ali") {
		t.Errorf("after ali signed in the desk connects as %q", who)
	}
	nos = nil
	s.db.Model(&models.Agent{}).Pluck("employee_no", &nos)
	if !slices.Equal(nos, []string{"A1"}) {
		t.Errorf("ali's desk reads agents %v, want [A1]", nos)
	}
	// signed out: nothing more runs as ali, and ali's connections are gone
	s.Accounts().SignOut(t.Context())
	if err := s.db.Raw("SELECT 1").Scan(new(int)).Error; err == nil {
		t.Error("a desk store still queries after SignOut")
	}
	if sqlDB, err := s.db.DB(); err != nil || sqlDB.Stats().OpenConnections != 0 {
		t.Errorf("connections still open after SignOut: %+v %v", sqlDB.Stats(), err)
	}
	if has, _ := s.Accounts().HasUsers(t.Context()); !has {
		t.Error("a signed-out desk offers the first run")
	}
}

// Rule: pgTables lists exactly the tables of the schema, so that a new
// table cannot miss its grants (every table gets a decision).
func TestPGRolesTableListComplete(t *testing.T) {
	f := newPGRolesFixture(t)
	got := strings1(t, f.ownerDB, "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'")
	want := slices.Clone(pgTables)
	sort.Strings(want)
	if !slices.Equal(got, want) {
		t.Errorf("schema tables %v\npgTables %v", got, want)
	}
}

// Rule: the generated grants cover what the app does for each role. Each
// account signs in at a desk (its own login) and runs the reads of its
// screens: none is refused by PostgreSQL (a refusal of the Go access check,
// ErrForbidden, is the app's answer and allowed); and a supervisor's year
// scores read through their login equal those the owner's connection
// computes for them (row-level security hides nothing the matrix allows).
func TestPGRolesDeskAppReads(t *testing.T) {
	f := newPGRolesFixture(t)
	asOf := models.MustDate("2026-06-30")
	a1 := f.agents["A1"].ID
	reads := map[string]func(s *Store, a Actor) error{
		"HomeCounts": func(s *Store, a Actor) error { _, err := s.Evaluations().HomeCounts(t.Context(), a); return err },
		"Dashboard":  func(s *Store, a Actor) error { _, err := s.Evaluations().Dashboard(t.Context(), a, asOf); return err },
		"Inbox":      func(s *Store, a Actor) error { _, err := s.Evaluations().Inbox(t.Context(), a, asOf); return err },
		"ListAgents": func(s *Store, a Actor) error { _, err := s.ListAgents(t.Context(), a, AgentFilter{}); return err },
		"EvaluateYear": func(s *Store, a Actor) error {
			_, err := s.Evaluations().EvaluateYear(t.Context(), a, 2026, YearFilter{})
			return err
		},
		"AgentYears": func(s *Store, a Actor) error {
			_, err := s.Evaluations().AgentYears(t.Context(), a, a1, 2025, 2026)
			return err
		},
		"AttendanceYear": func(s *Store, a Actor) error { _, err := s.Work().AttendanceYear(t.Context(), a, a1, 2026); return err },
		"Promotions": func(s *Store, a Actor) error {
			_, err := s.Evaluations().Promotions(t.Context(), a, asOf, ReadinessFilter{})
			return err
		},
		"ListCandidates": func(s *Store, a Actor) error {
			_, err := s.Recruitment().ListCandidates(t.Context(), a, CandidateFilter{})
			return err
		},
		"ListJobs":        func(s *Store, a Actor) error { _, err := s.Recruitment().ListJobs(t.Context(), a, false); return err },
		"OpenWeeks":       func(s *Store, a Actor) error { _, err := s.Work().OpenWeeks(t.Context(), a); return err },
		"MyWeekly":        func(s *Store, a Actor) error { _, err := s.Work().MyWeeklyReports(t.Context(), a); return err },
		"RatingQueue":     func(s *Store, a Actor) error { _, err := s.Work().RatingQueue(t.Context(), a); return err },
		"ListUsers":       func(s *Store, a Actor) error { _, err := s.Accounts().ListUsers(t.Context(), a); return err },
		"AuditLog":        func(s *Store, a Actor) error { _, err := s.AuditLog(t.Context(), a, AuditFilter{}); return err },
		"ListAuditForms":  func(s *Store, a Actor) error { _, err := s.Work().ListAuditForms(t.Context(), a); return err },
		"ExportAgents":    func(s *Store, a Actor) error { _, err := s.ExportAgents(t.Context(), a); return err },
		"ExportCandidate": func(s *Store, a Actor) error { _, err := s.Recruitment().ExportCandidates(t.Context(), a); return err },
		"Policy":          func(s *Store, a Actor) error { _, err := s.Policy(t.Context()); return err },
	}
	desk, err := Open(f.desk)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	for _, name := range []string{"root", "hana", "sami", "ali"} {
		u, err := desk.Accounts().SignIn(t.Context(), name, testPassword)
		if err != nil {
			t.Fatalf("desk sign-in %s: %v", name, err)
		}
		a := ActorOf(u)
		for what, read := range reads {
			if err := read(desk, a); err != nil && !errors.Is(err, models.ErrForbidden) {
				t.Errorf("%s at a desk: %s: %v", name, what, err)
			}
		}
		if err := desk.Accounts().SetLanguage(t.Context(), a, "en"); err != nil {
			t.Errorf("%s at a desk: set language: %v", name, err)
		}
	}
	u, err := desk.Accounts().SignIn(t.Context(), "sami", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	viaLogin, err1 := desk.Evaluations().EvaluateYear(t.Context(), ActorOf(u), 2026, YearFilter{})
	viaOwner, err2 := f.owner.Evaluations().EvaluateYear(t.Context(), signIn(t, f.owner, "sami"), 2026, YearFilter{})
	if err1 != nil || err2 != nil || len(viaLogin) != len(viaOwner) || len(viaLogin) == 0 {
		t.Fatalf("sami's year: %d rows through the login (%v), %d through the owner (%v)", len(viaLogin), err1, len(viaOwner), err2)
	}
	for i := range viaLogin {
		l, _ := json.Marshal(viaLogin[i].Live)
		o, _ := json.Marshal(viaOwner[i].Live)
		if viaLogin[i].Agent.EmployeeNo != viaOwner[i].Agent.EmployeeNo || string(l) != string(o) {
			t.Errorf("row %d: %s %s through the login, %s %s through the owner", i, viaLogin[i].Agent.EmployeeNo, l, viaOwner[i].Agent.EmployeeNo, o)
		}
	}
}

// Rule: the generated grants cover the app's writes through each role's
// own login: an agent submits their weekly report, their supervisor rates
// it, HR corrects attendance; and row-level security keeps a supervisor's
// raw UPDATE off another team's report.
func TestPGRolesDeskWrites(t *testing.T) {
	f := newPGRolesFixture(t)
	desk, err := Open(f.desk)
	if err != nil {
		t.Fatal(err)
	}
	defer desk.Close()
	u, err := desk.Accounts().SignIn(t.Context(), "ali", testPassword)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := desk.Work().SubmitWeekly(t.Context(), ActorOf(u), WeeklyInput{TasksDone: "calls"})
	if err != nil {
		t.Fatalf("agent submits a weekly report at a desk: %v", err)
	}
	if u, err = desk.Accounts().SignIn(t.Context(), "sami", testPassword); err != nil {
		t.Fatal(err)
	}
	if _, err := desk.Work().RateWeekly(t.Context(), ActorOf(u), rep.ID, rep.Version, 4, "good"); err != nil {
		t.Errorf("supervisor rates their agent's report at a desk: %v", err)
	}
	if u, err = desk.Accounts().SignIn(t.Context(), "hana", testPassword); err != nil {
		t.Fatal(err)
	}
	seen := models.AttendanceDay{AgentID: f.agents["A3"].ID, Date: models.MustDate("2026-03-01"), Status: models.Present}
	if _, err := desk.Work().CorrectAttendance(t.Context(), ActorOf(u), AttendanceCorrection{AgentID: seen.AgentID, Date: seen.Date, Status: models.Absent, Reason: "sick note", Seen: &seen}); err != nil {
		t.Errorf("HR corrects attendance at a desk: %v", err)
	}
	// a report of Salma's team, written by the owner; Sami's login cannot touch it
	other := models.WeeklyReport{AgentID: f.agents["A3"].ID, WeekStart: rep.WeekStart, TasksDone: "x", SubmittedOn: rep.SubmittedOn, Version: 1}
	if err := f.owner.db.Create(&other).Error; err != nil {
		t.Fatal(err)
	}
	sami := f.mustAs(t, "sami")
	tag, err := sami.Exec(f.ctx, "UPDATE weekly_reports SET tasks_done = 'changed'")
	if err != nil || tag.RowsAffected() != 1 {
		t.Errorf("supervisor's raw UPDATE of every report: %v, %d rows; want 1 (their agent's only)", err, tag.RowsAffected())
	}
	var tasks string
	f.owner.db.Raw("SELECT tasks_done FROM weekly_reports WHERE id = ?", other.ID).Scan(&tasks)
	if tasks != "x" {
		t.Errorf("another team's report changed to %q", tasks)
	}
}

// Rule: the set-up is idempotent and re-running it (opening with the
// owner's URL, as `init` does) repairs it: a lost grant and a dropped policy
// come back, and an account without a login (a database from before the
// logins) gets one, without a password until one is set.
func TestPGRolesSetupRepairs(t *testing.T) {
	f := newPGRolesFixture(t)
	sup := PGGroupRole(f.prefix, models.RoleSupervisor)
	for _, q := range []string{
		"REVOKE SELECT ON agents FROM " + pgIdent(sup),
		"DROP POLICY sullam_supervisor_read ON attendance_days",
		"DELETE FROM sullam_logins WHERE user_id = " + fmt.Sprint(f.users["ali"].ID),
		"DROP ROLE " + pgIdent(PGLoginName(f.prefix, "ali")),
		"UPDATE app_meta SET value = 'an older set-up' WHERE key = 'pg_roles'",
	} {
		if _, err := f.ownerDB.Exec(f.ctx, q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	s, err := Open(f.dsn)
	if err != nil {
		t.Fatalf("open again as the owner: %v", err)
	}
	s.Close()
	var canRead bool
	var policies, logins int
	if err := f.ownerDB.QueryRow(f.ctx, "SELECT has_table_privilege($1, 'agents', 'SELECT')", sup).Scan(&canRead); err != nil || !canRead {
		t.Errorf("supervisors' read of agents not restored: %v %v", canRead, err)
	}
	if err := f.ownerDB.QueryRow(f.ctx, "SELECT count(*) FROM pg_policies WHERE tablename = 'attendance_days' AND policyname = 'sullam_supervisor_read'").Scan(&policies); err != nil || policies != 1 {
		t.Errorf("supervisors' attendance policy not restored: %d %v", policies, err)
	}
	if err := f.ownerDB.QueryRow(f.ctx, "SELECT count(*) FROM sullam_logins l JOIN pg_authid r ON r.rolname = l.login WHERE l.user_id = $1 AND r.rolpassword IS NULL", f.users["ali"].ID).Scan(&logins); err != nil || logins != 1 {
		t.Errorf("ali's login not recreated without a password: %d %v", logins, err)
	}
	if _, err := f.as("ali", testPassword); err == nil {
		t.Error("a recreated login without a password accepts the old password")
	}
	// the policies still hold after the repair
	if got := strings1(t, f.mustAs(t, "sami"), attendanceOwners); !slices.Equal(got, []string{"A1", "A2", "S1"}) {
		t.Errorf("after the repair sami reads the attendance of %v", got)
	}
}
