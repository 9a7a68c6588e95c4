package store

import (
	"errors"
	"testing"
	"time"

	"sullam/models"
)

// allRated rates every active competency r.
func allRated(t *testing.T, s *Store, r int) map[string]int {
	t.Helper()
	comps, err := s.Competencies(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]int{}
	for _, c := range comps {
		out[c.Code] = r
	}
	return out
}

// Rule (issue 13, probation; spec/scoring.md §4 is silent on it): a
// probation review is stored marked as such, and does not count in the
// annual supervisor score S — with an ordinary review rated 4 everywhere
// (80.00) and a probation review rated 2 (40.00) in the same year, S is
// 80.00, not their mean 60.00. Nor does it settle the year's review due in
// the supervisor's inbox. At most one probation review per agent, dated on
// or after the hire date.
func TestProbationReviewExcludedFromAnnual(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clock.Now))
			s1 := mustAgent(t, s, "S1", nil)
			a1 := mustAgent(t, s, "A1", &s1.ID) // hired 2020-01-05
			sup := ActorOf(mustUser(t, s, "s1", &s1.ID, models.RoleSupervisor))
			sys := SystemActor("test")

			rv, err := s.Work().SaveReview(t.Context(), sup, ReviewInput{AgentID: a1.ID, Period: "probation", Date: models.MustDate("2026-04-01"), Ratings: allRated(t, s, 2), Probation: true})
			if err != nil {
				t.Fatalf("probation review: %v", err)
			}
			var stored models.Review
			if err := s.db.First(&stored, rv.ID).Error; err != nil || !stored.Probation {
				t.Fatalf("stored review %+v %v, want probation", stored, err)
			}
			in, err := s.Evaluations().Inbox(t.Context(), sup, models.MustDate("2026-11-25"))
			if err != nil || len(in.ReviewsDue) != 1 || in.ReviewsDue[0].ID != a1.ID {
				t.Errorf("inbox reviews due %+v %v: a probation review does not settle the year's review", in.ReviewsDue, err)
			}
			years, err := s.Evaluations().EvaluateYear(t.Context(), sys, 2026, YearFilter{AgentID: a1.ID})
			if err != nil || len(years) != 1 {
				t.Fatal(years, err)
			}
			if c := years[0].Live.Components[3]; c.Sufficient {
				t.Errorf("with only a probation review S is %v, want insufficient (no review counted)", c.Score)
			}
			if _, err := s.Work().SaveReview(t.Context(), sup, ReviewInput{AgentID: a1.ID, Period: "2026-Q2", Date: models.MustDate("2026-05-01"), Ratings: allRated(t, s, 4)}); err != nil {
				t.Fatal(err)
			}
			years, err = s.Evaluations().EvaluateYear(t.Context(), sys, 2026, YearFilter{AgentID: a1.ID})
			if err != nil {
				t.Fatal(err)
			}
			if c := years[0].Live.Components[3]; !c.Sufficient || c.Score != 8000 {
				t.Errorf("S = %v (sufficient %v), want 80.00: the probation review (40.00) left out", c.Score, c.Sufficient)
			}

			if _, err := s.Work().SaveReview(t.Context(), sup, ReviewInput{AgentID: a1.ID, Date: models.MustDate("2026-06-01"), Ratings: allRated(t, s, 3), Probation: true}); !errors.Is(err, models.ErrAlreadyExists) {
				t.Errorf("second probation review: %v, want ErrAlreadyExists", err)
			}
			a2 := mustAgent(t, s, "A2", &s1.ID)
			if _, err := s.Work().SaveReview(t.Context(), sup, ReviewInput{AgentID: a2.ID, Date: models.MustDate("2019-12-31"), Ratings: allRated(t, s, 3), Probation: true}); !errors.Is(err, models.ErrInvalid) {
				t.Errorf("probation review before the hire date: %v, want ErrInvalid", err)
			}
		})
	}
}

// Rule (issue 13): the candidate-to-agent timeline shows applied →
// interviewed (the first interview held) → hired → probation review due at
// hire + 90 days (overdue once that date has passed), then done on the
// probation review's date.
func TestHireTimeline(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
			f := newHireFixture(t, open(t, WithClock(clock.Now)))
			s := f.s
			supAg, err := s.Agent(t.Context(), SystemActor("test"), "S1")
			if err != nil {
				t.Fatal(err)
			}
			ag := f.hire(t, "N1", models.MustDate("2026-03-01"), []marking{{f.iv1, 20}}, &supAg.ID)
			tl, err := s.Recruitment().HireTimeline(t.Context(), f.hr, *ag.CandidateID)
			if err != nil {
				t.Fatal(err)
			}
			want := HireTimeline{Applied: models.MustDate("2025-12-31"), Interviewed: models.MustDate("2026-01-30"), Hired: models.MustDate("2026-03-01"),
				AgentID: ag.ID, EmployeeNo: "N1", ProbationDue: models.MustDate("2026-05-30"), ProbationOverdue: true}
			if tl != want {
				t.Fatalf("timeline %+v, want %+v", tl, want)
			}
			if _, err := s.Work().SaveReview(t.Context(), f.sup, ReviewInput{AgentID: ag.ID, Date: models.MustDate("2026-05-28"), Ratings: allRated(t, s, 4), Probation: true}); err != nil {
				t.Fatal(err)
			}
			tl, err = s.Recruitment().HireTimeline(t.Context(), f.hr, *ag.CandidateID)
			if err != nil || tl.ProbationDone != models.MustDate("2026-05-28") || tl.ProbationOverdue {
				t.Errorf("after the probation review: %+v %v, want done on 2026-05-28, not overdue", tl, err)
			}
			// A candidate not yet interviewed nor hired has only applied.
			c, err := s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Late Comer", Email: "late@example.com", JobID: f.job.ID, AppliedOn: models.MustDate("2026-11-30")})
			if err != nil {
				t.Fatal(err)
			}
			if tl, err := s.Recruitment().HireTimeline(t.Context(), f.hr, c.ID); err != nil || tl != (HireTimeline{Applied: models.MustDate("2026-11-30")}) {
				t.Errorf("new candidate's timeline %+v %v", tl, err)
			}
			if _, err := s.Recruitment().HireTimeline(t.Context(), f.qual, c.ID); !errors.Is(err, models.ErrForbidden) {
				t.Errorf("quality reads a candidate's timeline: %v, want ErrForbidden", err)
			}
		})
	}
}

// Rule (issue 13, to-do inbox): a supervisor's inbox lists the new members
// of their team whose probation review (hire + 90 days) is due within 14
// days or overdue, until it is written; not those hired too recently, nor
// those hired over a year ago, nor another supervisor's.
func TestInboxProbationDue(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clock.Now))
			sys := SystemActor("test")
			s1, s2 := mustAgent(t, s, "S1", nil), mustAgent(t, s, "S2", nil)
			sup := ActorOf(mustUser(t, s, "s1", &s1.ID, models.RoleSupervisor))
			hired := func(no, date string, supervisor uint) models.Agent {
				t.Helper()
				ag, err := s.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: no, FullName: "Agent " + no, HireDate: models.MustDate(date), Role: "csr",
					RoleStartDate: models.MustDate(date), SupervisorID: &supervisor, Team: "A"})
				if err != nil {
					t.Fatal(err)
				}
				return ag
			}
			overdue := hired("N1", "2026-08-01", s1.ID) // due 2026-10-30: overdue
			soon := hired("N2", "2026-09-15", s1.ID)    // due 2026-12-14: within 14 days
			hired("N3", "2026-09-30", s1.ID)            // due 2026-12-29: not yet
			hired("N4", "2025-11-01", s1.ID)            // hired over a year ago
			hired("N5", "2026-08-01", s2.ID)            // another team
			mustAgent(t, s, "A1", &s1.ID)               // hired 2020
			due := func() []string {
				t.Helper()
				in, err := s.Evaluations().Inbox(t.Context(), sup, models.MustDate("2026-12-02"))
				if err != nil {
					t.Fatal(err)
				}
				var out []string
				for _, ag := range in.ProbationDue {
					out = append(out, ag.EmployeeNo)
				}
				return out
			}
			if got := due(); len(got) != 2 || got[0] != overdue.EmployeeNo || got[1] != soon.EmployeeNo {
				t.Fatalf("probation reviews due %v, want [N1 N2]", got)
			}
			if _, err := s.Work().SaveReview(t.Context(), sup, ReviewInput{AgentID: overdue.ID, Date: models.MustDate("2026-12-01"), Ratings: allRated(t, s, 4), Probation: true}); err != nil {
				t.Fatal(err)
			}
			if got := due(); len(got) != 1 || got[0] != soon.EmployeeNo {
				t.Errorf("after N1's probation review: %v, want [N2]", got)
			}
		})
	}
}
