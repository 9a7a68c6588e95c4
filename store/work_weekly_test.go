package store

import (
	"errors"
	"testing"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// Rule (issue 13, spec §3): an agent may file a new report for this week or
// any past week of the current year with no report yet, never a future
// week, a week of another year or a date that is not a Sunday; a past week
// is stored with today as submitted_on, so it is late after week_start + 7;
// OpenWeeks lists exactly the weeks still open, this week first.
func TestWeeklyPastWeekRules(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)} // a Wednesday
			s := open(t, WithClock(clock.Now))
			sup := mustAgent(t, s, "S1", nil)
			ag := mustAgent(t, s, "A1", &sup.ID)
			other := mustAgent(t, s, "A2", &sup.ID)
			agent := ActorOf(mustUser(t, s, "a1", &ag.ID, models.RoleAgent))
			agent2 := ActorOf(mustUser(t, s, "a2", &other.ID, models.RoleAgent))

			weeks, err := s.Work().OpenWeeks(t.Context(), agent)
			if err != nil {
				t.Fatal(err)
			}
			// 2026-01-04 (the first Sunday of 2026) to 2026-11-22: 47 weeks.
			if len(weeks) != 47 || weeks[0] != (WeekChoice{WeekStart: models.MustDate("2026-11-22")}) ||
				weeks[1] != (WeekChoice{WeekStart: models.MustDate("2026-11-15"), Late: true}) ||
				weeks[46].WeekStart != models.MustDate("2026-01-04") {
				t.Fatalf("open weeks: %d, first %+v, last %+v", len(weeks), weeks[:2], weeks[len(weeks)-1])
			}

			for _, bad := range []string{"2026-11-29", "2026-11-24", "2025-12-28"} {
				_, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate(bad), TasksDone: "x"})
				if !errors.Is(err, models.ErrInvalid) {
					t.Errorf("week %s: %v, want ErrInvalid", bad, err)
				}
			}
			rep, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-11-08"), TasksDone: "old week"})
			if err != nil {
				t.Fatal(err)
			}
			if rep.WeekStart.String() != "2026-11-08" || rep.SubmittedOn.String() != "2026-11-25" || rep.AgentID != ag.ID {
				t.Errorf("past-week report %+v", rep)
			}
			if _, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-11-08"), TasksDone: "again"}); !errors.Is(err, models.ErrAlreadyExists) {
				t.Errorf("second report of 2026-11-08: %v, want ErrAlreadyExists", err)
			}
			// The other agent's same week is their own, and still open to them.
			if _, err := s.Work().SubmitWeekly(t.Context(), agent2, WeeklyInput{WeekStart: models.MustDate("2026-11-08"), TasksDone: "mine"}); err != nil {
				t.Errorf("another agent's same week: %v", err)
			}
			weeks, err = s.Work().OpenWeeks(t.Context(), agent)
			if err != nil {
				t.Fatal(err)
			}
			if len(weeks) != 46 {
				t.Errorf("after filing 2026-11-08: %d open weeks, want 46", len(weeks))
			}
			for _, w := range weeks {
				if w.WeekStart == models.MustDate("2026-11-08") {
					t.Errorf("2026-11-08 still open")
				}
			}
		})
	}
}

// Rule: on a Sunday the default week (zero WeekStart, and the first of
// OpenWeeks) is the week just ended, on time; once it is filed the default
// is the new week.
func TestWeeklySundayDefaultsToWeekJustEnded(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC)} // a Sunday
			s := open(t, WithClock(clock.Now))
			ag := mustAgent(t, s, "A1", nil)
			agent := ActorOf(mustUser(t, s, "a1", &ag.ID, models.RoleAgent))
			weeks, err := s.Work().OpenWeeks(t.Context(), agent)
			if err != nil || len(weeks) < 2 || weeks[0] != (WeekChoice{WeekStart: models.MustDate("2026-11-22")}) || weeks[1].WeekStart != models.MustDate("2026-11-29") {
				t.Fatalf("Sunday open weeks %+v %v", weeks[:2], err)
			}
			rep, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{TasksDone: "last week"})
			if err != nil || rep.WeekStart.String() != "2026-11-22" || rep.SubmittedOn.String() != "2026-11-29" {
				t.Fatalf("Sunday report %+v %v", rep, err)
			}
			rep, err = s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{TasksDone: "this week"})
			if err != nil || rep.WeekStart.String() != "2026-11-29" {
				t.Fatalf("second Sunday report %+v %v", rep, err)
			}
		})
	}
}

// Rule (spec §3): a report filed for a past week after week_start + 7 days
// earns half credit in the agent's weekly score: with four expected weeks,
// three on time and one late, the submission rate is 3.5 / 4.
func TestWeeklyLatePastWeekHalfCredit(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)} // Tuesday of the week of 11-01
			s := open(t, WithClock(clock.Now))
			sup := mustAgent(t, s, "S1", nil)
			ag := mustAgent(t, s, "A1", &sup.ID)
			agent := ActorOf(mustUser(t, s, "a1", &ag.ID, models.RoleAgent))
			supA := ActorOf(mustUser(t, s, "s1", &sup.ID, models.RoleSupervisor, models.RoleAgent))
			var rows []models.AttendanceRow
			for i, d := range []string{"2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02"} {
				rows = append(rows, models.AttendanceRow{Line: i + 2, EmployeeNo: "A1", Day: models.AttendanceDay{Date: models.MustDate(d), Status: models.Present}})
			}
			if _, err := s.ImportAttendance(SystemActor("test"), ImportSource{File: "a.csv"}, rows, nil); err != nil {
				t.Fatal(err)
			}
			// On time: 10-18 filed on 10-22, 10-25 on 10-29 (the default
			// week), 11-01 today.
			for _, day := range []int{22, 29} {
				clock.t = time.Date(2026, 10, day, 9, 0, 0, 0, time.UTC)
				if _, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{TasksDone: "w"}); err != nil {
					t.Fatal(err)
				}
			}
			clock.t = time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)
			if _, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-11-01"), TasksDone: "w"}); err != nil {
				t.Fatal(err)
			}
			// Late: the week of 10-11 filed on 11-03 (> 10-18).
			late, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-10-11"), TasksDone: "late one"})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := s.Work().RateWeekly(t.Context(), supA, late.ID, late.Version, 4, ""); err != nil {
				t.Fatal(err)
			}
			years, err := s.Evaluations().EvaluateYear(t.Context(), SystemActor("test"), 2026, YearFilter{AgentID: ag.ID})
			if err != nil || len(years) != 1 {
				t.Fatalf("evaluate: %v %d", err, len(years))
			}
			w := years[0].Live.Components[scoring.Weekly].Weekly
			if w.ExpectedWeeks != 4 || w.OnTime != 3 || w.Late != 1 || w.SubmissionRate == nil || w.SubmissionRate.RatString() != "7/8" {
				t.Errorf("weekly detail %+v rate %v, want 3 on time, 1 late, rate 7/8", w, w.SubmissionRate)
			}
		})
	}
}

// Rule (issue 13): the dashboard gives an agent their own readiness only,
// and a supervisor their own plus one row per member of their own team
// (never another team's agent), from the promotion board's assessment.
func TestDashboardReadinessScoped(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clock.Now))
			s1 := mustAgent(t, s, "S1", nil)
			s2 := mustAgent(t, s, "S2", nil)
			a1 := mustAgent(t, s, "A1", &s1.ID)
			a3 := mustAgent(t, s, "A3", &s1.ID)
			mustAgent(t, s, "A2", &s2.ID)
			agent := ActorOf(mustUser(t, s, "a1", &a1.ID, models.RoleAgent))
			sup := ActorOf(mustUser(t, s, "s1", &s1.ID, models.RoleSupervisor, models.RoleAgent))
			asOf := models.DateOf(clock.t)

			d, err := s.Evaluations().Dashboard(t.Context(), agent, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if d.Self == nil || d.Self.Agent.ID != a1.ID || d.Supervisor != nil {
				t.Fatalf("agent dashboard self %+v supervisor %+v", d.Self, d.Supervisor)
			}
			if d.Self.Readiness.RoleStart != a1.RoleStartDate || d.Self.Readiness.YearsInRole == 0 {
				t.Errorf("agent readiness %+v", d.Self.Readiness)
			}
			d, err = s.Evaluations().Dashboard(t.Context(), sup, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if d.Self == nil || d.Self.Agent.ID != s1.ID || d.Supervisor == nil {
				t.Fatalf("supervisor dashboard self %+v", d.Self)
			}
			var got []string
			for _, r := range d.Supervisor.Readiness {
				got = append(got, r.Agent.EmployeeNo)
			}
			if len(got) != 2 || got[0] != a1.EmployeeNo || got[1] != a3.EmployeeNo {
				t.Errorf("team readiness rows %v, want [A1 A3]", got)
			}
		})
	}
}

// Rule: in the first days of January this week and the week just ended may
// start in December; the agent can still file them (they count in the year
// of their week_start), but not an older week of the year before.
func TestWeeklyEarlyJanuary(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2027, 1, 1, 10, 0, 0, 0, time.UTC)} // a Friday; this week starts 2026-12-27
			s := open(t, WithClock(clock.Now))
			ag := mustAgent(t, s, "A1", nil)
			agent := ActorOf(mustUser(t, s, "a1", &ag.ID, models.RoleAgent))
			rep, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{TasksDone: "new year week"})
			if err != nil || rep.WeekStart.String() != "2026-12-27" {
				t.Fatalf("this week: %+v %v", rep, err)
			}
			if _, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-12-20"), TasksDone: "week just ended"}); err != nil {
				t.Errorf("the week just ended: %v", err)
			}
			if _, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-12-13"), TasksDone: "older"}); !errors.Is(err, models.ErrInvalid) {
				t.Errorf("an older week of last year: %v, want ErrInvalid", err)
			}
		})
	}
}
