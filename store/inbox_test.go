package store

import (
	"sync/atomic"
	"testing"
	"time"

	"gorm.io/gorm"

	"sullam/models"
)

// Rule (issue 13): the inbox gives each role what waits for it: an agent
// the past expected weeks of this year with no report (not this week, not
// a week on leave, not a filed week); a supervisor their team's unrated
// reports and the members with no review this year (not another team's);
// Quality the active agents under the policy's audit minimum; a manager the
// agents overdue for a decision. Roles the actor lacks get nothing.
func TestInboxByRole(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)} // Tuesday, week of 11-01
			s := open(t, WithClock(clock.Now))
			s1 := mustAgent(t, s, "S1", nil)
			s2 := mustAgent(t, s, "S2", nil)
			a1 := mustAgent(t, s, "A1", &s1.ID)
			mustAgent(t, s, "A3", &s1.ID)
			a2 := mustAgent(t, s, "A2", &s2.ID)
			agent := ActorOf(mustUser(t, s, "a1", &a1.ID, models.RoleAgent))
			agent2 := ActorOf(mustUser(t, s, "a2", &a2.ID, models.RoleAgent))
			sup := ActorOf(mustUser(t, s, "s1", &s1.ID, models.RoleSupervisor, models.RoleAgent))
			qa := ActorOf(mustUser(t, s, "qa", nil, models.RoleQuality))
			mgr := ActorOf(mustUser(t, s, "mgr", nil, models.RoleManager))
			var rows []models.AttendanceRow
			for i, d := range []string{"2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02"} {
				rows = append(rows, models.AttendanceRow{Line: i + 2, EmployeeNo: "A1", Day: models.AttendanceDay{Date: models.MustDate(d), Status: models.Present}})
			}
			rows = append(rows, models.AttendanceRow{Line: 9, EmployeeNo: "A1", Day: models.AttendanceDay{Date: models.MustDate("2026-10-06"), Status: models.Leave}})
			if _, err := s.ImportAttendance(SystemActor("test"), ImportSource{File: "a.csv"}, rows, nil); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Work().SubmitWeekly(t.Context(), agent, WeeklyInput{WeekStart: models.MustDate("2026-10-18"), TasksDone: "w"}); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Work().SubmitWeekly(t.Context(), agent2, WeeklyInput{TasksDone: "other team"}); err != nil {
				t.Fatal(err)
			}
			asOf := models.DateOf(clock.t)

			in, err := s.Evaluations().Inbox(t.Context(), agent, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if len(in.MissingWeeks) != 2 || in.MissingWeeks[0].String() != "2026-10-25" || in.MissingWeeks[1].String() != "2026-10-11" {
				t.Errorf("agent missing weeks %v, want [2026-10-25 2026-10-11]", in.MissingWeeks)
			}
			if in.ToRate != 0 || in.ReviewsDue != nil || in.FewAudits != nil || in.Overdue != 0 {
				t.Errorf("agent gets other roles' items: %+v", in)
			}

			in, err = s.Evaluations().Inbox(t.Context(), sup, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if in.ToRate != 1 {
				t.Errorf("supervisor reports to rate %d, want 1 (A1's, not A2's)", in.ToRate)
			}
			if len(in.ReviewsDue) != 2 || in.ReviewsDue[0].EmployeeNo != "A1" || in.ReviewsDue[1].EmployeeNo != "A3" {
				t.Errorf("reviews due %+v, want A1 and A3", in.ReviewsDue)
			}

			in, err = s.Evaluations().Inbox(t.Context(), qa, asOf)
			if err != nil {
				t.Fatal(err)
			}
			if in.MinAudits != 4 || len(in.FewAudits) != 5 || in.FewAudits[0].Name != "A1 — Agent A1" || in.FewAudits[0].Count != 0 {
				t.Errorf("quality few audits %+v (min %d), want the 5 agents with 0", in.FewAudits, in.MinAudits)
			}
			if in.MissingWeeks != nil || in.ToRate != 0 {
				t.Errorf("quality gets other roles' items: %+v", in)
			}

			in, err = s.Evaluations().Inbox(t.Context(), mgr, asOf)
			if err != nil {
				t.Fatal(err)
			}
			// Every agent is in role since 2020-01-05: overdue at 5 years.
			if in.Overdue != 5 || in.FinalizeYear != 2025 || in.ToFinalize != 0 {
				t.Errorf("manager inbox %+v, want 5 overdue, nothing to finalize in 2025", in)
			}
		})
	}
}

// Rule (issue 13): an interview held (scheduled up to now) counts in each
// assigned interviewer's inbox until they submit their feedback; an
// interview still to come does not count, nor does anyone not assigned.
func TestInboxInterviewsAwaitingFeedback(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clock := &testClock{t: time.Date(2026, 2, 1, 9, 0, 0, 0, time.UTC)} // an hour before the interview
			s := open(t, WithClock(clock.Now))
			f := newRecruitFixtureOn(t, s)
			asOf := models.DateOf(clock.t)
			count := func(a Actor) int64 {
				t.Helper()
				in, err := s.Evaluations().Inbox(t.Context(), a, asOf)
				if err != nil {
					t.Fatal(err)
				}
				return in.Interviews
			}
			if n := count(f.iv1); n != 0 {
				t.Errorf("before the interview: %d, want 0", n)
			}
			clock.t = time.Date(2026, 2, 1, 11, 0, 0, 0, time.UTC)
			if n1, n2, n3 := count(f.iv1), count(f.iv2), count(f.stray); n1 != 1 || n2 != 1 || n3 != 0 {
				t.Errorf("after the interview: iv1 %d, iv2 %d, stray %d, want 1 1 0", n1, n2, n3)
			}
			f.scoreAll(t, f.iv1, 4)
			if err := s.Recruitment().SubmitFeedback(t.Context(), f.iv1, f.interview.ID, models.StrongYes, "good"); err != nil {
				t.Fatal(err)
			}
			if n1, n2 := count(f.iv1), count(f.iv2); n1 != 0 || n2 != 1 {
				t.Errorf("after iv1's feedback: iv1 %d, iv2 %d, want 0 1", n1, n2)
			}
		})
	}
}

// Rule (issue 13): the inbox's queries are bounded — the same number of
// statements for a team of 3 as for a team of 30 (no query per agent), for
// an actor holding every inbox role.
func TestInboxQueriesBounded(t *testing.T) {
	statements := func(team int) int {
		clock := &testClock{t: time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC)}
		s := newSQLite(t, WithClock(clock.Now))
		boss := mustAgent(t, s, "S1", nil)
		for i := 0; i < team; i++ {
			mustAgent(t, s, "A"+string(rune('A'+i/26))+string(rune('A'+i%26)), &boss.ID)
		}
		a := ActorOf(mustUser(t, s, "all", &boss.ID, models.RoleAgent, models.RoleSupervisor, models.RoleQuality, models.RoleManager))
		var n atomic.Int64 // the year's reads run on several goroutines
		count := func(*gorm.DB) { n.Add(1) }
		if err := s.db.Callback().Query().After("gorm:query").Register("test:count", count); err != nil {
			t.Fatal(err)
		}
		if err := s.db.Callback().Row().After("gorm:row").Register("test:count", count); err != nil {
			t.Fatal(err)
		}
		in, err := s.Evaluations().Inbox(t.Context(), a, models.DateOf(clock.t))
		if err != nil {
			t.Fatal(err)
		}
		if len(in.ReviewsDue) != team || len(in.FewAudits) != team+1 || in.Overdue != team+1 {
			t.Fatalf("team %d: inbox %d reviews due, %d few audits, %d overdue", team, len(in.ReviewsDue), len(in.FewAudits), in.Overdue)
		}
		return int(n.Load())
	}
	small, large := statements(3), statements(30)
	t.Logf("inbox statements: %d for 3 agents, %d for 30", small, large)
	if small != large {
		t.Errorf("inbox issues %d statements for 3 agents but %d for 30", small, large)
	}
}
