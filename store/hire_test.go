package store

import (
	"errors"
	"fmt"
	"math"
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// hireFixture is a store with HR, a manager, two interviewers and a
// supervisor, and the seeded CSR job with a five-question kit (one question
// per category).
type hireFixture struct {
	s                            *Store
	hr, mgr, iv1, iv2, sup, qual Actor
	job                          models.JobDescription
	kit                          []models.Question
}

func newHireFixture(t *testing.T, s *Store) hireFixture {
	t.Helper()
	f := hireFixture{s: s}
	f.hr = ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	f.mgr = ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
	f.iv1 = ActorOf(mustUser(t, s, "iv1", nil, models.RoleSupervisor))
	f.iv2 = ActorOf(mustUser(t, s, "iv2", nil, models.RoleSupervisor))
	f.qual = ActorOf(mustUser(t, s, "qa", nil, models.RoleQuality))
	supAg := mustAgent(t, s, "S1", nil)
	f.sup = ActorOf(mustUser(t, s, "s1", &supAg.ID, models.RoleSupervisor))
	jobs, err := s.Recruitment().ListJobs(t.Context(), f.hr, false)
	if err != nil || len(jobs) == 0 {
		t.Fatalf("seeded jobs: %v %v", jobs, err)
	}
	f.job = jobs[0]
	if f.kit, err = s.Recruitment().AutoPickQuestions(t.Context(), f.hr, 1); err != nil || len(f.kit) != 5 {
		t.Fatalf("auto pick: %d %v", len(f.kit), err)
	}
	return f
}

// spread returns five 1–5 marks summing to sum (5..25).
func spread(sum int) []int {
	out := make([]int, 5)
	for i := range out {
		out[i] = sum / 5
		if i < sum%5 {
			out[i]++
		}
	}
	return out
}

// marking is one interviewer's marks of a candidate: their sum over the kit.
type marking struct {
	by  Actor
	sum int
}

// hire takes one candidate through the real pipeline: applied, interviewed
// by each interviewer with marks summing to sums[interviewer] over the kit
// (submitted), moved to offer and hired on hired as employee no.
func (f hireFixture) hire(t *testing.T, no string, hired models.Date, sums []marking, supervisor *uint) models.Agent {
	t.Helper()
	s := f.s
	c, err := s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Candidate " + no, Email: no + "@example.com", JobID: f.job.ID, AppliedOn: hired.AddDays(-60)})
	if err != nil {
		t.Fatalf("candidate %s: %v", no, err)
	}
	var who []uint
	for _, m := range sums {
		who = append(who, m.by.UserID)
	}
	var qids []uint
	for _, q := range f.kit {
		qids = append(qids, q.ID)
	}
	iv, err := s.Recruitment().ScheduleInterview(t.Context(), f.hr, NewInterview{CandidateID: c.ID, At: hired.AddDays(-30).Time().Add(10 * time.Hour), InterviewerIDs: who, QuestionIDs: qids})
	if err != nil {
		t.Fatalf("interview %s: %v", no, err)
	}
	for _, mk := range sums {
		a := mk.by
		for i, m := range spread(mk.sum) {
			if err := s.Recruitment().SaveScore(t.Context(), a, iv.ID, f.kit[i].ID, m, ""); err != nil {
				t.Fatalf("score %s: %v", no, err)
			}
		}
		if err := s.Recruitment().SubmitFeedback(t.Context(), a, iv.ID, models.Yes, ""); err != nil {
			t.Fatalf("submit %s: %v", no, err)
		}
	}
	v := c.Version
	for _, to := range []models.Stage{models.StageScreening, models.StageInterview, models.StageOffer} {
		if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, v, to, "", hired.AddDays(-20)); err != nil {
			t.Fatalf("move %s to %s: %v", no, to, err)
		}
		v++
	}
	ag, err := s.Recruitment().Hire(t.Context(), f.hr, c.ID, v, HireInput{EmployeeNo: no, HireDate: hired, SupervisorID: supervisor})
	if err != nil {
		t.Fatalf("hire %s: %v", no, err)
	}
	return ag
}

// snapshot stores a finalized evaluation of agent and year (components and
// annual in hundredths), as Finalize would.
func snapshot(t *testing.T, s *Store, agentID uint, year int, comps [4]int64, annual int64) {
	t.Helper()
	ev := models.Evaluation{AgentID: agentID, Year: year, Attendance: comps[0], Quality: comps[1], Weekly: comps[2], Supervisor: comps[3],
		Annual: annual, PolicyVersion: 1, InputsDigest: "test", FinalizedAt: time.Now().UTC(), FinalizedBy: 1, Version: 1}
	if err := s.db.Create(&ev).Error; err != nil {
		t.Fatalf("snapshot %d/%d: %v", agentID, year, err)
	}
}

// Rule (issue 13, quality of hire): for the agents hired through Sullam,
// the interview total (and per category) stands beside the first full
// year's annual score and components (the finalized snapshot; the hire
// year is not it, and a year not yet ended is pending). By job: the number
// of hires and the Pearson and Spearman correlations over the scored ones,
// with n; by interviewer, over their own marks, "too few to tell" under 8.
// Agents not hired through Sullam are left out. Managers and HR only.
func TestHireQuality(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
			f := newHireFixture(t, open(t, WithClock(clock.Now)))
			s := f.s
			ys := []int64{8000, 7800, 8500, 8300, 8800, 8600, 9200, 9000}
			var agents []models.Agent
			for i := range 8 {
				hired := models.MustDate("2024-03-01") // first full year 2025
				if i == 7 {
					hired = models.MustDate("2025-01-01") // hired on 1 January: 2025 is full
				}
				sums := []marking{{f.iv1, 15 + i}}
				if i < 3 {
					sums = append(sums, marking{f.iv2, 15 + i}) // the same marks: the candidate's total is unchanged
				}
				ag := f.hire(t, fmt.Sprintf("H%d", i), hired, sums, nil)
				agents = append(agents, ag)
				snapshot(t, s, ag.ID, 2025, [4]int64{9000, 8000, 7000, 6000}, ys[i])
			}
			snapshot(t, s, agents[0].ID, 2024, [4]int64{1000, 1000, 1000, 1000}, 1000) // the hire year: not the first full one
			pending := f.hire(t, "H8", models.MustDate("2026-03-01"), []marking{{f.iv1, 20}}, nil)
			other := mustAgent(t, s, "X1", nil) // not hired through Sullam
			snapshot(t, s, other.ID, 2025, [4]int64{5000, 5000, 5000, 5000}, 5000)

			for _, a := range []Actor{f.sup, f.qual, f.iv1} {
				if _, err := s.Recruitment().HireQuality(t.Context(), a); !errors.Is(err, models.ErrForbidden) {
					t.Errorf("%s reads the quality of hire: %v, want ErrForbidden", a.Username, err)
				}
			}
			if _, err := s.Recruitment().HireQuality(t.Context(), f.hr); err != nil {
				t.Fatalf("HR: %v", err)
			}
			q, err := s.Recruitment().HireQuality(t.Context(), f.mgr)
			if err != nil {
				t.Fatalf("manager: %v", err)
			}
			if len(q.Hires) != 9 {
				t.Fatalf("%d hires, want 9 (H0–H8, not X1)", len(q.Hires))
			}
			byNo := map[string]HireOutcome{}
			for _, h := range q.Hires {
				byNo[h.EmployeeNo] = h
			}
			h0 := byNo["H0"]
			if h0.Year != 2025 || !h0.HasAnnual || h0.Annual != 8000 || !h0.Finalized || h0.Interview != 6000 ||
				h0.Components != [4]scoring.Cents{9000, 8000, 7000, 6000} {
				t.Errorf("H0 %+v: want year 2025, annual 80.00 (not the 2024 snapshot), interview 60.00, components 90/80/70/60", h0)
			}
			// H1: iv1 and iv2 both mark 4,3,3,3,3: the first kit question's category 80 %, the others 60 %; total 64 %.
			h1 := byNo["H1"]
			if h1.Interview != 6400 || h1.ByCategory[f.kit[0].CategoryCode] != 8000 || h1.ByCategory[f.kit[1].CategoryCode] != 6000 ||
				h1.ByInterviewer[f.iv2.UserID] != 6400 {
				t.Errorf("H1 interview %v by category %v by interviewer %v; want 64.00, 80.00/60.00, iv2 64.00", h1.Interview, h1.ByCategory, h1.ByInterviewer)
			}
			if h7 := byNo["H7"]; h7.Year != 2025 || h7.Annual != 9000 {
				t.Errorf("H7 hired on 1 January 2025: year %d annual %v, want 2025 and 90.00", h7.Year, h7.Annual)
			}
			if h8 := byNo["H8"]; h8.Year != 2027 || h8.YearEnded || h8.HasAnnual || h8.AgentID != pending.ID {
				t.Errorf("H8 %+v: want 2027, pending", h8)
			}
			// X = 60, 64, …, 88 is linear in 60, 65, …, 95: Σdxdy=370,
			// Σdx²=1050, Σdy²=161.5 there; ranks differ by one at each pair.
			wantR, wantRho := 370/math.Sqrt(1050*161.5), 19.0/21
			if len(q.ByJob) != 1 {
				t.Fatalf("by job %+v, want one job", q.ByJob)
			}
			j := q.ByJob[0]
			if j.ID != f.job.ID || j.Hires != 9 || j.Correlation.N != 8 || j.Correlation.TooFew ||
				math.Abs(j.Correlation.Pearson-wantR) > 1e-9 || math.Abs(j.Correlation.Spearman-wantRho) > 1e-9 {
				t.Errorf("job %+v: want 9 hires, n=8, r=%.4f, ρ=%.4f", j, wantR, wantRho)
			}
			if len(q.ByInterviewer) != 2 {
				t.Fatalf("by interviewer %+v, want iv1 and iv2", q.ByInterviewer)
			}
			for _, g := range q.ByInterviewer {
				switch g.ID {
				case f.iv1.UserID:
					if g.Hires != 9 || g.Correlation.N != 8 || g.Correlation.TooFew || math.Abs(g.Correlation.Pearson-wantR) > 1e-9 {
						t.Errorf("iv1 %+v: want 9 hires, n=8, r=%.4f", g, wantR)
					}
				case f.iv2.UserID:
					// X 60,64,68 Y 80,78,85: Σdxdy=20, Σdx²=32, Σdy²=26
					if g.Hires != 3 || g.Correlation.N != 3 || !g.Correlation.TooFew || math.Abs(g.Correlation.Pearson-20/math.Sqrt(832)) > 1e-9 ||
						math.Abs(g.Correlation.Spearman-0.5) > 1e-9 {
						t.Errorf("iv2 %+v: want 3 hires, n=3, too few (r=%.4f, ρ=0.5)", g, 20/math.Sqrt(832))
					}
				default:
					t.Errorf("unexpected interviewer %+v", g)
				}
			}
		})
	}
}

// Rule (issue 13): the quality of hire is read with a bounded number of
// statements — the same for 2 hires as for 6 (no query per agent or per
// candidate), all with the same first full year.
func TestHireQualityQueriesBounded(t *testing.T) {
	statements := func(hires int) int {
		clock := &testClock{t: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}
		f := newHireFixture(t, newSQLite(t, WithClock(clock.Now)))
		for i := range hires {
			ag := f.hire(t, fmt.Sprintf("H%d", i), models.MustDate("2024-03-01"), []marking{{f.iv1, 15 + i}, {f.iv2, 20}}, nil)
			snapshot(t, f.s, ag.ID, 2025, [4]int64{9000, 8000, 7000, 6000}, int64(8000+100*i))
		}
		var n atomic.Int64 // the year's reads run on several goroutines
		count := func(*gorm.DB) { n.Add(1) }
		if err := f.s.db.Callback().Query().After("gorm:query").Register("test:count", count); err != nil {
			t.Fatal(err)
		}
		if err := f.s.db.Callback().Row().After("gorm:row").Register("test:count", count); err != nil {
			t.Fatal(err)
		}
		q, err := f.s.Recruitment().HireQuality(t.Context(), f.mgr)
		if err != nil {
			t.Fatal(err)
		}
		if len(q.Hires) != hires || len(q.ByJob) != 1 || q.ByJob[0].Correlation.N != hires || len(q.ByInterviewer) != 2 {
			t.Fatalf("%d hires: read %d hires, groups %+v / %+v", hires, len(q.Hires), q.ByJob, q.ByInterviewer)
		}
		return int(n.Load())
	}
	small, large := statements(2), statements(6)
	t.Logf("quality of hire statements: %d for 2 hires, %d for 6", small, large)
	if small != large {
		t.Errorf("the quality of hire issues %d statements for 2 hires but %d for 6", small, large)
	}
}
