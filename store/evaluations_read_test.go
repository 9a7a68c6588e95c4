package store

import (
	"strings"
	"testing"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// Rule: a score read never swallows an error. A stored row whose date does
// not parse (written below the app, here by raw SQL) makes every score read
// of its year fail with an error naming the read, instead of scoring the
// year without the row. SQLite only: PostgreSQL's date type refuses such a
// value on insert.
func TestScoreReadsSurfaceMalformedDates(t *testing.T) {
	for name, c := range map[string]struct {
		// corrupt writes a malformed date into one row of the fixture.
		corrupt string
		want    string
	}{
		// audits and weekly reports are read from their per agent-year
		// summaries (issue 17): the malformed row's summary is refreshed
		// as any write refreshes it, and the read of the summary refuses it
		"audit date":  {"UPDATE audits SET audit_date = '2026-02-30'", "read audit summar"},
		"review date": {"UPDATE reviews SET review_date = '2026-02-30'", "read review summar"},
		"weekly date": {"UPDATE weekly_reports SET submitted_on = '2026-02-30'", "read weekly summar"},
		// the score reads attendance from its per agent-year summary
		// (issue 17), not from the days: a malformed summary is the case
		"attendance summary": {"UPDATE attendance_summaries SET present_minutes = '2026-02-30'", "read attendance summar"},
	} {
		t.Run(name, func(t *testing.T) {
			f := newWorkFixture(t, time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC))
			sys := SystemActor("test")
			form := latestForm(t, f.s, f.quality, scoring.DefaultAuditFormCode)
			if _, err := f.s.Work().EnterAudit(t.Context(), f.quality, NewAudit{AgentID: f.a1.ID, FormID: form.ID, Date: models.MustDate("2026-03-02"),
				Channel: models.Phone, Auditor: "QA", Answers: allAnswers(form, models.Pass)}); err != nil {
				t.Fatal(err)
			}
			comps, err := f.s.Competencies(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			ratings := map[string]int{}
			for _, c := range comps {
				ratings[c.Code] = 4
			}
			if _, err := f.s.Work().SaveReview(t.Context(), f.sup1, ReviewInput{AgentID: f.a1.ID, Period: "2026-Q1", Date: models.MustDate("2026-03-02"), Ratings: ratings}); err != nil {
				t.Fatal(err)
			}
			if err := f.s.db.Exec("INSERT INTO weekly_reports (agent_id, week_start, submitted_on, version) VALUES (?, '2026-03-01', '2026-03-02', 1)", f.a1.ID).Error; err != nil {
				t.Fatal(err)
			}
			if err := f.s.db.Exec("INSERT INTO attendance_days (agent_id, date, status, late_minutes, early_leave_minutes) VALUES (?, '2026-03-02', 'present', 0, 0)", f.a1.ID).Error; err != nil {
				t.Fatal(err)
			}
			// the days written below the app: their summaries made as the
			// migration or RebuildSummaries makes them
			if _, err := f.s.rebuildSummaries(f.s.db); err != nil {
				t.Fatal(err)
			}
			// Before the corruption every read succeeds.
			if _, err := f.s.Evaluations().EvaluateYear(t.Context(), sys, 2026, YearFilter{}); err != nil {
				t.Fatalf("sound data: %v", err)
			}
			if err := f.s.db.Exec(c.corrupt).Error; err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(c.corrupt, "_summaries") { // a raw row: its summary made again
				if _, err := f.s.rebuildSummaries(f.s.db); err != nil {
					t.Fatal(err)
				}
			}
			reads := map[string]func() error{
				"EvaluateYear": func() error {
					_, err := f.s.Evaluations().EvaluateYear(t.Context(), sys, 2026, YearFilter{})
					return err
				},
				"AgentYears": func() error {
					_, err := f.s.Evaluations().AgentYears(t.Context(), sys, f.a1.ID, 2026, 2026)
					return err
				},
				"Promotions": func() error {
					_, err := f.s.Evaluations().Promotions(t.Context(), sys, models.MustDate("2027-06-01"), ReadinessFilter{})
					return err
				},
			}
			for read, call := range reads {
				err := call()
				if err == nil {
					t.Errorf("%s: no error with a malformed date", read)
					continue
				}
				if !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), "2026-02-30") {
					t.Errorf("%s: error %q does not name the read (%q) and the bad value", read, err, c.want)
				}
			}
		})
	}
}
