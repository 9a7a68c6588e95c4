package store_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/demo"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// reimportStores returns, per backend (SQLite always, PostgreSQL when
// SULLAM_TEST_PG is set), a function opening a new empty store.
func reimportStores(t *testing.T) map[string]func(t *testing.T) *store.Store {
	opener := func(dsn func(t *testing.T) string) func(t *testing.T) *store.Store {
		return func(t *testing.T) *store.Store {
			st, err := store.Open(dsn(t))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}
	}
	m := map[string]func(t *testing.T) *store.Store{
		"sqlite": opener(func(t *testing.T) string { return filepath.Join(t.TempDir(), "re.db") }),
	}
	if os.Getenv("SULLAM_TEST_PG") != "" {
		m["postgres"] = opener(store.NewPostgresDSN)
	}
	return m
}

// loadSmallDemo fills st with the demo data of 12 agents over one year and
// returns it.
func loadSmallDemo(t *testing.T, st *store.Store) *demo.Data {
	t.Helper()
	d, err := demo.Generate(demo.Options{Agents: 12, Years: 1, Seed: 3, Today: models.MustDate("2026-06-15")})
	if err != nil {
		t.Fatalf("generate demo data: %v", err)
	}
	if err := demo.Load(t.Context(), st, store.SystemActor("test"), d, nil); err != nil {
		t.Fatalf("load demo data: %v", err)
	}
	return d
}

// wantUnchanged fails unless res reports n rows, all unchanged.
func wantUnchanged(t *testing.T, what string, res models.ImportResult, err error, n int) {
	t.Helper()
	if err != nil || res != (models.ImportResult{Unchanged: n}) || n == 0 {
		t.Errorf("%s: %+v, %v; want all %d rows unchanged", what, res, err, n)
	}
}

// exported gathers what the exports of every kind hold, to compare a store before and after.
func exported(t *testing.T, st *store.Store) map[string]int {
	t.Helper()
	a := store.SystemActor("test")
	n := map[string]int{}
	ag, err1 := st.ExportAgents(t.Context(), a)
	au, err2 := st.ExportAudits(t.Context(), a)
	we, err3 := st.ExportWeekly(t.Context(), a)
	rv, err4 := st.ExportReviews(t.Context(), a)
	ca, err5 := st.Recruitment().ExportCandidates(t.Context(), a)
	att := 0
	err6 := st.EachAttendance(t.Context(), a, func(models.AttendanceRow) error { att++; return nil })
	if err := errors.Join(err1, err2, err3, err4, err5, err6); err != nil {
		t.Fatalf("export: %v", err)
	}
	n["agents"], n["audits"], n["weekly"], n["reviews"], n["candidates"], n["attendance"] = len(ag), len(au), len(we), len(rv), len(ca), att
	return n
}

// Rule (issue 12, spec import-formats "Natural keys and re-import"): every
// kind imported again is found by its natural key: the same file twice
// reports every row unchanged and stores nothing twice, and so does
// importing what an export of each kind gives back (agents, attendance,
// audits, weekly, reviews, candidates, jobs, questions).
func TestReimportIsUnchanged(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			d := loadSmallDemo(t, st)
			a := store.SystemActor("test")
			src := store.ImportSource{File: "again.csv"}
			before := exported(t, st)

			res, err := st.ImportAgents(a, src, d.Agents)
			wantUnchanged(t, "agents again", res, err, len(d.Agents))
			res, err = st.ImportAttendance(a, src, d.Attendance, nil)
			wantUnchanged(t, "attendance again", res, err, len(d.Attendance))
			res, err = st.ImportAudits(a, src, d.Audits)
			wantUnchanged(t, "audits again", res, err, len(d.Audits))
			res, err = st.ImportWeekly(a, src, d.Weekly)
			wantUnchanged(t, "weekly again", res, err, len(d.Weekly))
			res, err = st.ImportReviews(a, src, d.Reviews)
			wantUnchanged(t, "reviews again", res, err, len(d.Reviews))

			agents, _ := st.ExportAgents(t.Context(), a)
			res, err = st.ImportAgents(a, src, agents)
			wantUnchanged(t, "agents exported", res, err, len(agents))
			var att []models.AttendanceRow
			st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error { att = append(att, r); return nil })
			res, err = st.ImportAttendance(a, src, att, nil)
			wantUnchanged(t, "attendance exported", res, err, len(att))
			audits, _ := st.ExportAudits(t.Context(), a)
			res, err = st.ImportAudits(a, src, audits)
			wantUnchanged(t, "audits exported", res, err, len(audits))
			weekly, _ := st.ExportWeekly(t.Context(), a)
			res, err = st.ImportWeekly(a, src, weekly)
			wantUnchanged(t, "weekly exported", res, err, len(weekly))
			reviews, _ := st.ExportReviews(t.Context(), a)
			res, err = st.ImportReviews(a, src, reviews)
			wantUnchanged(t, "reviews exported", res, err, len(reviews))
			cands, _ := st.Recruitment().ExportCandidates(t.Context(), a)
			res, err = st.Recruitment().ImportCandidates(a, src, cands)
			wantUnchanged(t, "candidates exported", res, err, len(cands))
			jobs, _ := st.Recruitment().ExportJobs(t.Context(), a)
			res, err = st.Recruitment().ImportJobs(a, src, jobs)
			wantUnchanged(t, "jobs exported", res, err, len(jobs))
			qs, _ := st.Recruitment().ExportQuestions(t.Context(), a)
			res, err = st.Recruitment().ImportQuestions(a, src, qs)
			wantUnchanged(t, "questions exported", res, err, len(qs))

			if after := exported(t, st); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("stored rows before %v, after the imports %v", before, after)
			}
		})
	}
}

// Rule (issue 12): a file row whose key is stored with other values updates
// the stored row in place (counted as updated, nothing added): a corrected
// review rating replaces the old one, so the supervisor score changes
// instead of averaging in a second review; likewise an attendance status,
// a weekly rating, an audit answer, an agent's name and a candidate's
// notes. The update is in the audit log with old → new.
func TestReimportUpdatesChangedRows(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			d := loadSmallDemo(t, st)
			a := store.SystemActor("test")
			src := store.ImportSource{File: "fix.csv"}
			before := exported(t, st)
			wantUpdated := func(what string, res models.ImportResult, err error) {
				t.Helper()
				if err != nil || res != (models.ImportResult{Updated: 1}) {
					t.Fatalf("%s: %+v, %v; want 1 updated", what, res, err)
				}
			}

			// a review: every rating to 1
			var rv models.ReviewRow
			for _, x := range d.Reviews {
				if _, _, ok := supervisorScore(t, st, x.EmployeeNo, x.Review.ReviewDate.Year); ok {
					rv = x
					break
				}
			}
			if rv.EmployeeNo == "" {
				t.Fatal("no agent of the demo data has a supervisor score")
			}
			year := rv.Review.ReviewDate.Year
			oldScore, oldN, _ := supervisorScore(t, st, rv.EmployeeNo, year)
			fixed := rv
			fixed.Ratings = map[string]int{}
			for code := range rv.Ratings {
				fixed.Ratings[code] = 1
			}
			res, err := st.ImportReviews(a, src, []models.ReviewRow{fixed})
			wantUpdated("review", res, err)
			reviews, _ := st.ExportReviews(t.Context(), a)
			for _, r := range reviews {
				if r.EmployeeNo == rv.EmployeeNo && r.Review.ReviewDate == rv.Review.ReviewDate {
					for code, v := range r.Ratings {
						if v != 1 {
							t.Errorf("review %s %s: %s stored as %d, want 1", rv.EmployeeNo, rv.Review.ReviewDate, code, v)
						}
					}
				}
			}
			if score, n, _ := supervisorScore(t, st, rv.EmployeeNo, year); score >= oldScore || n != oldN {
				t.Errorf("supervisor score of %s %d: %v from %d reviews, was %v from %d; want lower, same number of reviews",
					rv.EmployeeNo, year, score, n, oldScore, oldN)
			}

			// an attendance day: another status
			day := d.Attendance[0]
			day.Day.Status = map[models.AttendanceStatus]models.AttendanceStatus{models.Present: models.Absent}[day.Day.Status]
			if day.Day.Status == "" {
				day.Day.Status = models.Present
			}
			res, err = st.ImportAttendance(a, src, []models.AttendanceRow{day}, nil)
			wantUpdated("attendance", res, err)
			st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error {
				if r.EmployeeNo == day.EmployeeNo && r.Day.Date == day.Day.Date && r.Day.Status != day.Day.Status {
					t.Errorf("attendance %s %s stored as %s, want %s", day.EmployeeNo, day.Day.Date, r.Day.Status, day.Day.Status)
				}
				return nil
			})

			// a weekly report: another rating
			wk := d.Weekly[0]
			r := 1
			if wk.Report.Rating != nil && *wk.Report.Rating == 1 {
				r = 2
			}
			wk.Report.Rating = &r
			res, err = st.ImportWeekly(a, src, []models.WeeklyRow{wk})
			wantUpdated("weekly", res, err)
			weekly, _ := st.ExportWeekly(t.Context(), a)
			for _, w := range weekly {
				if w.EmployeeNo == wk.EmployeeNo && w.Report.WeekStart == wk.Report.WeekStart && (w.Report.Rating == nil || *w.Report.Rating != r) {
					t.Errorf("weekly %s %s: rating %v, want %d", wk.EmployeeNo, wk.Report.WeekStart, w.Report.Rating, r)
				}
			}

			// an audit: one answer flipped
			au := d.Audits[0]
			au.Answers = map[string]models.Answer{}
			var flipped string
			for code, v := range d.Audits[0].Answers {
				au.Answers[code] = v
				if flipped == "" && v == models.Pass {
					flipped = code
					au.Answers[code] = models.NA
				}
			}
			res, err = st.ImportAudits(a, src, []models.AuditRow{au})
			wantUpdated("audit", res, err)
			audits, _ := st.ExportAudits(t.Context(), a)
			for _, x := range audits {
				if x.Audit.Ref == au.Audit.Ref && x.Answers[flipped] != models.NA {
					t.Errorf("audit %s: %s stored as %q, want na", au.Audit.Ref, flipped, x.Answers[flipped])
				}
			}

			// an agent's name, a candidate's notes
			ag := d.Agents[1]
			ag.Agent.FullName += " (مصحح)"
			res, err = st.ImportAgents(a, src, []models.AgentRow{ag})
			wantUpdated("agent", res, err)
			if got, _ := st.Agent(t.Context(), a, ag.Agent.EmployeeNo); got.FullName != ag.Agent.FullName {
				t.Errorf("agent %s named %q, want %q", ag.Agent.EmployeeNo, got.FullName, ag.Agent.FullName)
			}
			cands, _ := st.Recruitment().ExportCandidates(t.Context(), a)
			var c models.CandidateRow
			for _, x := range cands {
				if x.Candidate.Email != "" {
					c = x
					break
				}
			}
			c.Candidate.Notes += " — corrected"
			res, err = st.Recruitment().ImportCandidates(a, src, []models.CandidateRow{c})
			wantUpdated("candidate", res, err)

			if after := exported(t, st); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("stored rows before %v, after the updates %v: an update added or lost rows", before, after)
			}
			logs, err := st.AuditLog(t.Context(), a, store.AuditFilter{Action: "update"})
			if err != nil {
				t.Fatal(err)
			}
			entities := map[string]bool{}
			for _, l := range logs {
				entities[l.Entity] = true
				if l.Entity == "attendance" && (!strings.Contains(l.Old, "status") || !strings.Contains(l.New, string(day.Day.Status))) {
					t.Errorf("attendance update logged as %s → %s, want the status old → new", l.Old, l.New)
				}
			}
			for _, e := range []string{"review", "attendance", "weekly_report", "audit", "agent", "candidate"} {
				if !entities[e] {
					t.Errorf("no audit-log update of a %s", e)
				}
			}
		})
	}
}

// supervisorScore returns an agent's live supervisor component of a year
// (ok false when insufficient) and the number of the year's reviews stored.
func supervisorScore(t *testing.T, st *store.Store, no string, year int) (scoring.Cents, int, bool) {
	t.Helper()
	a := store.SystemActor("test")
	ag, err := st.Agent(t.Context(), a, no)
	if err != nil {
		t.Fatal(err)
	}
	ys, err := st.Evaluations().AgentYears(t.Context(), a, ag.ID, year, year)
	if err != nil || len(ys) != 1 {
		t.Fatalf("year %d of %s: %v", year, no, err)
	}
	reviews, _ := st.ExportReviews(t.Context(), a)
	n := 0
	for _, r := range reviews {
		if r.EmployeeNo == no && r.Review.ReviewDate.Year == year {
			n++
		}
	}
	c := ys[0].Live.Components[3]
	return c.Score, n, c.Sufficient
}

// Rule (spec import-formats: "Rows of a finalized year are never changed by
// an import"): a file with a row that would change or add to an agent's
// finalized year (attendance, audits, weekly, reviews) is refused whole,
// naming the year and how to reopen it, and nothing of it is written, not
// even its good rows; the same rows unchanged are accepted.
func TestReimportRefusesFinalizedYear(t *testing.T) {
	for name, open := range reimportStores(t) {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			d := loadSmallDemo(t, st)
			a := store.SystemActor("test")
			src := store.ImportSource{File: "late.csv"}
			const year = 2025
			if res, err := st.Evaluations().FinalizeAll(t.Context(), a, year, ""); err != nil || res.Finalized == 0 {
				t.Fatalf("finalize %d: %+v, %v; want some finalized", year, res, err)
			}
			ys, err := st.Evaluations().EvaluateYear(t.Context(), a, year, store.YearFilter{})
			if err != nil {
				t.Fatal(err)
			}
			final, notFinal := "", ""
			for _, y := range ys {
				if y.Snapshot != nil && final == "" {
					final = y.Agent.EmployeeNo
				}
				if y.Snapshot == nil && notFinal == "" {
					notFinal = y.Agent.EmployeeNo
				}
			}
			before := exported(t, st)
			// the same rows, unchanged, are no change to a finalized year
			res, err := st.ImportAttendance(a, src, d.Attendance, nil)
			wantUnchanged(t, "attendance again after finalizing", res, err, len(d.Attendance))

			refused := func(what string, err error) {
				t.Helper()
				var ie *models.ImportError
				if !errors.As(err, &ie) || len(ie.Rows) != 1 || ie.Rows[0].Line != 7 ||
					!strings.Contains(ie.Rows[0].Reason, fmt.Sprintf("the %d evaluation of %s is finalized", year, final)) ||
					!strings.Contains(ie.Rows[0].Reason, "reopen") {
					t.Errorf("%s: %v; want line 7 refused, naming %d and how to reopen it", what, err, year)
				}
			}
			var day models.AttendanceRow
			for _, r := range d.Attendance {
				if r.EmployeeNo == final && r.Day.Date.Year == year {
					day = r
					break
				}
			}
			day.Line, day.Day.LateMinutes = 7, day.Day.LateMinutes+13
			good := models.AttendanceRow{Line: 8, EmployeeNo: notFinal, Day: models.AttendanceDay{Date: models.MustDate("2026-06-14"), Status: models.Present}}
			_, err = st.ImportAttendance(a, src, []models.AttendanceRow{day, good}, nil)
			refused("attendance", err)

			for _, r := range d.Weekly {
				if r.EmployeeNo == final && r.Report.WeekStart.Year == year {
					r.Line, r.Report.Summary = 7, r.Report.Summary+" (late edit)"
					_, err = st.ImportWeekly(a, src, []models.WeeklyRow{r})
					refused("weekly", err)
					break
				}
			}
			for _, r := range d.Audits {
				if r.EmployeeNo == final && r.Audit.AuditDate.Year == year {
					r.Line, r.Audit.Notes = 7, r.Audit.Notes+" (late edit)"
					_, err = st.ImportAudits(a, src, []models.AuditRow{r})
					refused("audits", err)
					// a new audit dated in the finalized year adds to it
					r.Audit.Ref += "-NEW"
					_, err = st.ImportAudits(a, src, []models.AuditRow{r})
					refused("a new audit", err)
					break
				}
			}
			for _, r := range d.Reviews {
				if r.EmployeeNo == final && r.Review.ReviewDate.Year == year {
					r.Line, r.Review.Comments = 7, r.Review.Comments+" (late edit)"
					_, err = st.ImportReviews(a, src, []models.ReviewRow{r})
					refused("reviews", err)
					break
				}
			}
			if after := exported(t, st); fmt.Sprint(after) != fmt.Sprint(before) {
				t.Errorf("stored rows before %v, after the refused files %v", before, after)
			}
			n := 0
			st.EachAttendance(t.Context(), a, func(r models.AttendanceRow) error {
				if r.EmployeeNo == final && r.Day.Date == day.Day.Date && r.Day.LateMinutes == day.Day.LateMinutes {
					n++
				}
				return nil
			})
			if n != 0 {
				t.Errorf("the refused attendance change was stored")
			}
		})
	}
}
