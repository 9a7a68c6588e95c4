package demo

import (
	"bytes"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	_ "github.com/mattn/go-sqlite3"

	"sullam/importer"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// today is the fixed reference date of the tests.
var today = models.MustDate("2026-03-18")

func mustGenerate(t testing.TB, o Options) *Data {
	t.Helper()
	d, err := Generate(o)
	if err != nil {
		t.Fatalf("generate: %v", err)
	}
	return d
}

// digest hashes every generated row, maps in sorted key order (not the
// password: a random one is made for each call that gives none).
func digest(d *Data) string {
	h := sha256.New()
	w := func(format string, args ...any) { fmt.Fprintf(h, format, args...) }
	w("%s %s\n", d.Today, d.From)
	for _, r := range d.Agents {
		w("A %d %+v %s %v\n", r.Line, r.Agent, r.SupervisorNo, sortedKeys(r.Present))
	}
	for _, r := range d.Attendance {
		w("T %d %s %+v\n", r.Line, r.EmployeeNo, r.Day)
	}
	for _, r := range d.Audits {
		w("Q %d %s %s %+v", r.Line, r.EmployeeNo, r.FormCode, r.Audit)
		writeMap(h, r.Answers)
	}
	for _, r := range d.Weekly {
		w("W %d %s %s %s %s %s %s %s", r.Line, r.EmployeeNo, r.Report.WeekStart, r.Report.SubmittedOn, r.Report.Summary,
			r.Report.TasksDone, r.Report.Issues, r.Report.Suggestions)
		if r.Report.Rating != nil {
			w(" r%d", *r.Report.Rating)
		}
		if r.Report.Interactions != nil {
			w(" i%d", *r.Report.Interactions)
		}
		w("\n")
	}
	for _, r := range d.Reviews {
		w("S %d %s %s %+v", r.Line, r.EmployeeNo, r.ReviewerNo, r.Review)
		writeMap(h, r.Ratings)
	}
	for _, c := range d.Candidates {
		w("C %+v %s %s %+v\n", c.Candidate, c.JobCode, c.HiredEmployeeNo, c.History)
		if iv := c.Interview; iv != nil {
			w("I %s %s %v\n", iv.ScheduledAt.UTC(), iv.Location, iv.QuestionCodes)
			for _, who := range iv.Interviewers {
				w("  %s %s %s", who.Username, who.Recommendation, who.Notes)
				if who.SubmittedAt != nil {
					w(" %s", who.SubmittedAt.UTC())
				}
				writeMap(h, who.Scores)
			}
		}
	}
	for _, u := range d.Users {
		w("U %+v\n", u)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func writeMap[V any](h hash.Hash, m map[string]V) {
	for _, k := range sortedKeys(m) {
		fmt.Fprintf(h, " %s=%v", k, m[k])
	}
	fmt.Fprintln(h)
}

func TestGenerateIsReproducible(t *testing.T) {
	o := Options{Agents: 40, Years: 3, Seed: 7, Today: today}
	a, b := digest(mustGenerate(t, o)), digest(mustGenerate(t, o))
	if a != b {
		t.Fatalf("same seed, different data: %s vs %s", a, b)
	}
	o.Seed = 8
	if c := digest(mustGenerate(t, o)); c == a {
		t.Fatalf("seeds 7 and 8 gave the same data")
	}
	o.Seed = 7
	o.Today = today.AddDays(1)
	if c := digest(mustGenerate(t, o)); c == a {
		t.Fatalf("another reference date gave the same data")
	}
}

func TestGenerateRefusesBadOptions(t *testing.T) {
	for name, o := range map[string]Options{
		"no today":       {Agents: 40, Years: 3},
		"too few agents": {Agents: 3, Years: 3, Today: today},
		"too many years": {Agents: 40, Years: 99, Today: today},
		"short password": {Agents: 40, Years: 3, Today: today, DemoPassword: "short"},
	} {
		if _, err := Generate(o); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}

// TestGeneratedRowsAreValid checks every row against the rules the
// importer and the store enforce.
func TestGeneratedRowsAreValid(t *testing.T) {
	for _, o := range []Options{
		{Agents: 60, Years: 5, Seed: 1, Today: today},
		{Agents: 60, Years: 5, Seed: 2, Today: today},
		{Agents: 250, Years: 5, Seed: 3, Today: today}, // with a customer experience manager
		{Agents: MinAgents, Years: 1, Seed: 4, Today: models.MustDate("2026-01-01")},
		{Agents: 25, Years: 2, Seed: 5, Today: models.MustDate("2025-12-31")},
		{Agents: 30, Years: MaxYears, Seed: 6, Today: models.MustDate("2024-02-29")},
	} {
		t.Run(fmt.Sprintf("%d-%d-%d-%s", o.Agents, o.Years, o.Seed, o.Today), func(t *testing.T) {
			d := mustGenerate(t, o)
			if len(d.Agents) != o.Agents {
				t.Errorf("%d agents, want %d", len(d.Agents), o.Agents)
			}
			if len(d.Attendance) == 0 || len(d.Audits) == 0 || len(d.Weekly) == 0 || len(d.Reviews) == 0 || len(d.Candidates) == 0 {
				t.Errorf("empty kind: %d attendance, %d audits, %d weekly, %d reviews, %d candidates",
					len(d.Attendance), len(d.Audits), len(d.Weekly), len(d.Reviews), len(d.Candidates))
			}
			checkRows(t, d)
		})
	}
}

// TestRowsPassTheImporter writes every generated row as the CSV files of
// spec/import-formats.md and parses them back with the importer: no row may
// be refused.
func TestRowsPassTheImporter(t *testing.T) {
	d := mustGenerate(t, Options{Agents: 60, Years: 5, Seed: 1, Today: today})
	agents := make([]models.Agent, len(d.Agents))
	ids := map[string]uint{}
	for i, r := range d.Agents {
		ids[r.Agent.EmployeeNo] = uint(i + 1)
	}
	supNo := map[uint]string{}
	for i, r := range d.Agents {
		agents[i] = r.Agent
		agents[i].ID = uint(i + 1)
		if r.SupervisorNo != "" {
			id := ids[r.SupervisorNo]
			agents[i].SupervisorID = &id
			supNo[id] = r.SupervisorNo
		}
	}
	var items, comps []string
	for _, it := range scoring.DefaultAuditForm() {
		items = append(items, it.Code)
	}
	for _, c := range scoring.DefaultCompetencies() {
		comps = append(comps, c.Code)
	}
	tables := []struct {
		kind   models.ImportKind
		header []string
		rows   [][]string
		want   int
	}{}
	add := func(kind models.ImportKind, header []string, rows [][]string) {
		tables = append(tables, struct {
			kind   models.ImportKind
			header []string
			rows   [][]string
			want   int
		}{kind, header, rows, len(rows)})
	}
	h, r := importer.AgentsTable(agents, supNo)
	add(models.KindAgents, h, r)
	h, r = importer.AttendanceTable(d.Attendance)
	add(models.KindAttendance, h, r)
	h, r = importer.AuditsTable(d.Audits, items)
	add(models.KindAudits, h, r)
	h, r = importer.WeeklyTable(d.Weekly)
	add(models.KindWeekly, h, r)
	h, r = importer.ReviewsTable(d.Reviews, comps)
	add(models.KindReviews, h, r)
	for _, tb := range tables {
		var buf bytes.Buffer
		if err := importer.WriteCSV(&buf, tb.header, tb.rows); err != nil {
			t.Fatalf("%s: write: %v", tb.kind, err)
		}
		table, err := importer.ReadTable(string(tb.kind)+".csv", &buf, int64(buf.Len()))
		if err != nil {
			t.Fatalf("%s: read: %v", tb.kind, err)
		}
		rows, errs := importer.Parse(tb.kind, table)
		for i, e := range errs {
			if i == 5 {
				t.Errorf("%s: … %d bad rows in all", tb.kind, len(errs))
				break
			}
			t.Errorf("%s: %s", tb.kind, e)
		}
		if n := reflect.ValueOf(rows).Len(); n != tb.want {
			t.Errorf("%s: %d rows parsed, want %d", tb.kind, n, tb.want)
		}
	}
}

func checkRows(t *testing.T, d *Data) {
	t.Helper()
	ladder := map[string]bool{}
	for _, s := range scoring.DefaultPolicy().Ladder {
		ladder[s.Code] = true
	}
	agents := map[string]models.Agent{}
	errorf := t.Errorf
	for _, r := range d.Agents {
		ag := r.Agent
		if _, dup := agents[ag.EmployeeNo]; dup {
			errorf("agent %s twice", ag.EmployeeNo)
		}
		agents[ag.EmployeeNo] = ag
		if !ladder[ag.Role] {
			errorf("agent %s: role %q", ag.EmployeeNo, ag.Role)
		}
		if ag.RoleStartDate.Before(ag.HireDate) {
			errorf("agent %s: role start %s before hire %s", ag.EmployeeNo, ag.RoleStartDate, ag.HireDate)
		}
		if !ag.HireDate.Before(d.Today) {
			errorf("agent %s: hired %s, not before today", ag.EmployeeNo, ag.HireDate)
		}
		if ag.FullName == "" || ag.Status != models.Active && ag.Status != models.Inactive {
			errorf("agent %s: name %q status %q", ag.EmployeeNo, ag.FullName, ag.Status)
		}
		if !strings.HasPrefix(ag.Phone, "+9665") || len(ag.Phone) != 13 {
			errorf("agent %s: phone %q", ag.EmployeeNo, ag.Phone)
		}
	}
	for _, r := range d.Agents {
		if r.SupervisorNo == "" {
			continue
		}
		if _, ok := agents[r.SupervisorNo]; !ok || r.SupervisorNo == r.Agent.EmployeeNo {
			errorf("agent %s: supervisor %q", r.Agent.EmployeeNo, r.SupervisorNo)
		}
	}
	employed := func(no string, day models.Date) bool {
		ag, ok := agents[no]
		return ok && !day.Before(ag.HireDate) && day.Before(d.Today)
	}

	type key struct {
		no string
		d  models.Date
	}
	seen := map[key]bool{}
	for _, r := range d.Attendance {
		k := key{r.EmployeeNo, r.Day.Date}
		if seen[k] {
			errorf("attendance %s %s twice", k.no, k.d)
		}
		seen[k] = true
		if !employed(r.EmployeeNo, r.Day.Date) {
			errorf("attendance %s %s: not employed", k.no, k.d)
		}
		if !slices.Contains(models.AttendanceStatuses, r.Day.Status) || r.Day.LateMinutes < 0 || r.Day.EarlyLeaveMinutes < 0 {
			errorf("attendance %s %s: %+v", k.no, k.d, r.Day)
		}
		if wd := r.Day.Date.Weekday(); wd == time.Friday || wd == time.Saturday {
			errorf("attendance %s %s: a weekend day", k.no, k.d)
		}
	}

	items := scoring.DefaultAuditForm()
	refs := map[string]bool{}
	for _, r := range d.Audits {
		if refs[r.Audit.Ref] {
			errorf("audit ref %s twice", r.Audit.Ref)
		}
		refs[r.Audit.Ref] = true
		if !employed(r.EmployeeNo, r.Audit.AuditDate) || r.FormCode != scoring.DefaultAuditFormCode ||
			!slices.Contains(models.Channels, r.Audit.Channel) {
			errorf("audit %s: %+v", r.Audit.Ref, r)
		}
		if len(r.Answers) != len(items) {
			errorf("audit %s: %d answers", r.Audit.Ref, len(r.Answers))
		}
		answers := make([]models.Answer, len(items))
		for i, it := range items {
			answers[i] = r.Answers[it.Code]
		}
		if _, err := scoring.AuditScore(items, answers); err != nil {
			errorf("audit %s: %v", r.Audit.Ref, err)
		}
	}

	weeks := map[key]bool{}
	for _, r := range d.Weekly {
		rep := r.Report
		k := key{r.EmployeeNo, rep.WeekStart}
		if weeks[k] {
			errorf("weekly %s %s twice", k.no, k.d)
		}
		weeks[k] = true
		if rep.WeekStart.Weekday() != time.Sunday {
			errorf("weekly %s %s: not a Sunday", k.no, k.d)
		}
		if rep.SubmittedOn.Before(rep.WeekStart) || !rep.SubmittedOn.Before(d.Today) {
			errorf("weekly %s %s: submitted %s", k.no, k.d, rep.SubmittedOn)
		}
		if rep.Rating != nil && (*rep.Rating < 1 || *rep.Rating > 5) {
			errorf("weekly %s %s: rating %d", k.no, k.d, *rep.Rating)
		}
		if rep.Interactions != nil && *rep.Interactions < 0 {
			errorf("weekly %s %s: interactions %d", k.no, k.d, *rep.Interactions)
		}
		if _, ok := agents[r.EmployeeNo]; !ok {
			errorf("weekly %s: no such agent", r.EmployeeNo)
		}
	}

	comps := scoring.DefaultCompetencies()
	for _, r := range d.Reviews {
		if !employed(r.EmployeeNo, r.Review.ReviewDate) {
			errorf("review %s %s: not employed", r.EmployeeNo, r.Review.ReviewDate)
		}
		if _, ok := agents[r.ReviewerNo]; !ok || r.ReviewerNo == r.EmployeeNo {
			errorf("review %s %s: reviewer %q", r.EmployeeNo, r.Review.ReviewDate, r.ReviewerNo)
		}
		if len(r.Ratings) != len(comps) {
			errorf("review %s %s: %d ratings", r.EmployeeNo, r.Review.ReviewDate, len(r.Ratings))
		}
		for _, c := range comps {
			if v := r.Ratings[c.Code]; v < 1 || v > 5 {
				errorf("review %s %s: %s = %d", r.EmployeeNo, r.Review.ReviewDate, c.Code, v)
			}
		}
	}

	users := map[string]bool{}
	for _, u := range d.Users {
		if users[u.Username] {
			errorf("user %s twice", u.Username)
		}
		users[u.Username] = true
		if _, ok := agents[u.EmployeeNo]; u.EmployeeNo != "" && !ok {
			errorf("user %s: agent %s", u.Username, u.EmployeeNo)
		}
	}
	for _, c := range d.Candidates {
		if len(c.History) == 0 || c.History[0].To != models.StageApplied || c.History[0].On != c.Candidate.AppliedOn {
			errorf("candidate %s: history %+v", c.Candidate.FullName, c.History)
		}
		for i := 1; i < len(c.History); i++ {
			if c.History[i].From != c.History[i-1].To || c.History[i].On.Before(c.History[i-1].On) {
				errorf("candidate %s: history %+v", c.Candidate.FullName, c.History)
			}
		}
		if !c.History[len(c.History)-1].On.Before(d.Today) {
			errorf("candidate %s: a stage change on or after today", c.Candidate.FullName)
		}
		if iv := c.Interview; iv != nil {
			for _, who := range iv.Interviewers {
				if !users[who.Username] {
					errorf("candidate %s: interviewer %s has no account", c.Candidate.FullName, who.Username)
				}
				if who.SubmittedAt != nil && len(who.Scores) != len(iv.QuestionCodes) {
					errorf("candidate %s: %s scored %d of %d", c.Candidate.FullName, who.Username, len(who.Scores), len(iv.QuestionCodes))
				}
			}
		}
	}
}

// TestLoadGivesEveryStatus loads a demo into a temporary database and
// checks that the promotion board shows every status, for several seeds
// and reference dates.
func TestLoadGivesEveryStatus(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a database")
	}
	cases := []struct {
		seed  uint64
		today models.Date
	}{
		{1, today}, {0, today}, {42, today},
		{1, models.MustDate("2026-01-04")}, {7, models.MustDate("2025-12-31")}, {3, models.MustDate("2027-08-15")},
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("seed%d-%s", c.seed, c.today), func(t *testing.T) {
			d := mustGenerate(t, Options{Agents: 40, Years: 4, Seed: c.seed, Today: c.today})
			st, _ := loadTemp(t, d)
			a := store.SystemActor("t")
			board, err := st.Evaluations().Promotions(t.Context(), a, c.today, store.ReadinessFilter{})
			if err != nil {
				t.Fatal(err)
			}
			count := map[models.ReadinessStatus]int{}
			overdue := 0
			for _, r := range board {
				count[r.Readiness.Status]++
				if r.Readiness.Overdue {
					overdue++
				}
			}
			t.Logf("%v, overdue %d, active %d of %d", count, overdue, len(board), len(d.Agents))
			for _, s := range []models.ReadinessStatus{models.Ready, models.NotReady, models.InsufficientData, models.NotEligible} {
				if count[s] == 0 {
					t.Errorf("no agent is %s", s)
				}
			}
			if overdue == 0 {
				t.Errorf("no agent is overdue")
			}
			if len(board) == len(d.Agents) {
				t.Errorf("no inactive agent")
			}
		})
	}
}

// loadTemp loads d into a new temporary SQLite database.
func loadTemp(t *testing.T, d *Data) (*store.Store, string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "d.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	var steps []string
	if err := Load(t.Context(), st, store.SystemActor("t"), d, func(s string) { steps = append(steps, s) }); err != nil {
		t.Fatalf("load: %v", err)
	}
	if len(steps) == 0 {
		t.Errorf("no progress reported")
	}
	return st, path
}

// TestLoadWritesEverything checks the accounts and the recruitment data,
// and that a second load is refused.
func TestLoadWritesEverything(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a database")
	}
	d := mustGenerate(t, Options{Agents: 60, Years: 3, Seed: 1, Today: today, DemoPassword: "another-demo-pw"})
	st, path := loadTemp(t, d)
	a := store.SystemActor("t")

	if err := Load(t.Context(), st, a, d, nil); !errors.Is(err, models.ErrAlreadyExists) {
		t.Errorf("second load: %v, want ErrAlreadyExists", err)
	}
	for _, u := range d.Users {
		got, err := st.Accounts().SignIn(t.Context(), u.Username, "another-demo-pw")
		if err != nil {
			t.Errorf("sign in as %s: %v", u.Username, err)
			continue
		}
		for _, r := range u.Roles {
			if !got.HasRole(r) {
				t.Errorf("%s lacks role %s", u.Username, r)
			}
		}
		if (got.AgentID != nil) != (u.EmployeeNo != "") {
			t.Errorf("%s: agent link %v for employee %q", u.Username, got.AgentID, u.EmployeeNo)
		}
	}
	// A supervisor account sees exactly their team.
	for _, u := range d.Users {
		if !slices.Contains(u.Roles, models.RoleSupervisor) {
			continue
		}
		got, _ := st.Accounts().SignIn(t.Context(), u.Username, "another-demo-pw")
		team, err := st.ListAgents(t.Context(), store.ActorOf(got), store.AgentFilter{})
		if err != nil || len(team) == 0 {
			t.Errorf("%s sees %d agents: %v", u.Username, len(team), err)
		}
		for _, ag := range team {
			if ag.SupervisorID == nil || *ag.SupervisorID != *got.AgentID {
				t.Errorf("%s sees %s, not in the team", u.Username, ag.EmployeeNo)
			}
		}
		break
	}

	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	count := func(q string) int {
		t.Helper()
		var n int
		if err := db.QueryRow(q).Scan(&n); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		return n
	}
	interviews, scores, submitted, hired := 0, 0, 0, 0
	for _, c := range d.Candidates {
		if c.HiredEmployeeNo != "" {
			hired++
		}
		if c.Interview != nil {
			interviews++
			for _, who := range c.Interview.Interviewers {
				scores += len(who.Scores)
				if who.SubmittedAt != nil {
					submitted++
				}
			}
		}
	}
	for q, want := range map[string]int{
		"SELECT COUNT(*) FROM candidates":                                           len(d.Candidates),
		"SELECT COUNT(*) FROM interviews":                                           interviews,
		"SELECT COUNT(*) FROM interview_scores":                                     scores,
		"SELECT COUNT(*) FROM interview_assignments WHERE submitted_at IS NOT NULL": submitted,
		"SELECT COUNT(*) FROM agents WHERE candidate_id IS NOT NULL":                hired,
		"SELECT COUNT(*) FROM candidates WHERE agent_id IS NOT NULL":                hired,
		"SELECT COUNT(*) FROM users":                                                len(d.Users),
		"SELECT COUNT(*) FROM candidates c WHERE c.stage <> (SELECT s.\"to\" FROM stage_changes s WHERE s.candidate_id = c.id ORDER BY s.id DESC LIMIT 1)":                       0,
		"SELECT COUNT(*) FROM interview_scores s WHERE NOT EXISTS (SELECT 1 FROM interview_questions q WHERE q.interview_id = s.interview_id AND q.question_id = s.question_id)": 0,
	} {
		if got := count(q); got != want {
			t.Errorf("%s = %d, want %d", q, got, want)
		}
	}
	if interviews == 0 || scores == 0 || hired == 0 {
		t.Errorf("interviews %d, scores %d, hired %d: want some of each", interviews, scores, hired)
	}

	// LoadDemoRecruitment is all or nothing.
	before := count("SELECT COUNT(*) FROM candidates")
	bad := []store.DemoCandidate{d.Candidates[0], {JobCode: "NOPE", Candidate: models.Candidate{FullName: "x", AppliedOn: today}}}
	bad[0].HiredEmployeeNo = ""
	if err := st.LoadDemoRecruitment(t.Context(), a, bad); err == nil {
		t.Errorf("unknown job: no error")
	}
	if got := count("SELECT COUNT(*) FROM candidates"); got != before {
		t.Errorf("a failed recruitment load wrote %d candidates", got-before)
	}
}

// TestLoadAfterFirstRun loads the demo after the first-run screen created
// an admin whose name is also a demo account's: that account is left out.
func TestLoadAfterFirstRun(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a database")
	}
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "manager", Password: "admin-password-1"}); err != nil {
		t.Fatal(err)
	}
	d := mustGenerate(t, Options{Agents: 20, Years: 2, Seed: 1, Today: today})
	var steps []string
	if err := Load(t.Context(), st, store.SystemActor("demo"), d, func(s string) { steps = append(steps, s) }); err != nil {
		t.Fatalf("load: %v", err)
	}
	if !slices.ContainsFunc(steps, func(s string) bool { return strings.Contains(s, "not created") && strings.Contains(s, "manager") }) {
		t.Errorf("the skipped account is not reported: %q", steps)
	}
	if u, err := st.Accounts().SignIn(t.Context(), "manager", "admin-password-1"); err != nil || !u.HasRole(models.RoleAdmin) {
		t.Errorf("the admin changed: %v", err)
	}
	if _, err := st.Accounts().SignIn(t.Context(), "hr", d.Password); err != nil {
		t.Errorf("sign in as hr: %v", err)
	}
}

// BenchmarkGenerate measures the generation of a large demo.
func BenchmarkGenerate(b *testing.B) {
	for b.Loop() {
		mustGenerate(b, Options{Agents: 5000, Years: 5, Seed: 1, Today: today})
	}
}
