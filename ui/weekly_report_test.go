package ui

import (
	"fyne.io/fyne/v2/test"
	"path/filepath"
	"testing"
	"time"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
)

// clockedWorld is a store on a settable clock with agent A1 (user a1) under
// supervisor S1 (user s1).
type clockedWorld struct {
	st      *store.Store
	now     *time.Time
	ag, sup store.Actor
	agUser  models.User
	a1      models.Agent
}

func newClockedWorld(t *testing.T, now time.Time) *clockedWorld {
	t.Helper()
	c := &clockedWorld{now: &now}
	st, err := store.Open(filepath.Join(t.TempDir(), "ui.db"), store.WithClock(func() time.Time { return *c.now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		uitest.WaitFor(t, "the screens' last loads", func() bool { return true })
		st.Close()
	})
	c.st = st
	sys := store.SystemActor("test")
	s1, err := st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: "S1", FullName: "Sara Supervisor", HireDate: models.MustDate("2020-01-05"),
		Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), Team: "A"})
	if err != nil {
		t.Fatal(err)
	}
	c.a1, err = st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: "A1", FullName: "Amal One", HireDate: models.MustDate("2020-01-05"),
		Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), SupervisorID: &s1.ID, Team: "A"})
	if err != nil {
		t.Fatal(err)
	}
	user := func(name string, agent *uint, roles ...models.Role) (store.Actor, models.User) {
		u, err := st.Accounts().CreateUser(t.Context(), sys, store.NewUser{Username: name, FullName: "User " + name, Password: "correct horse battery", Roles: roles, AgentID: agent})
		if err != nil {
			t.Fatal(err)
		}
		u.Roles = nil
		for _, r := range roles {
			u.Roles = append(u.Roles, models.UserRole{UserID: u.ID, Role: r})
		}
		return store.ActorOf(u), u
	}
	c.ag, c.agUser = user("a1", &c.a1.ID, models.RoleAgent)
	c.sup, _ = user("s1", &s1.ID, models.RoleSupervisor, models.RoleAgent)
	return c
}

// Rule (issue 13, spec §3): the agent picks a past week of this year that
// has no report, the form says it is late, and the submitted report is
// stored for that week with today as submitted_on; the agent's weekly score
// then counts it as late, half credit: three on-time weeks and this late
// one of four expected weeks give a submission rate of 7/8.
func TestWeeklyReportLatePastWeek(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	c := newClockedWorld(t, time.Date(2026, 10, 22, 9, 0, 0, 0, time.UTC))
	var rows []models.AttendanceRow
	for i, d := range []string{"2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02"} {
		rows = append(rows, models.AttendanceRow{Line: i + 2, EmployeeNo: "A1", Day: models.AttendanceDay{Date: models.MustDate(d), Status: models.Present}})
	}
	if _, err := c.st.ImportAttendance(store.SystemActor("test"), store.ImportSource{File: "a.csv"}, rows, nil); err != nil {
		t.Fatal(err)
	}
	for _, day := range []time.Time{time.Date(2026, 10, 22, 9, 0, 0, 0, time.UTC), time.Date(2026, 10, 29, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)} {
		*c.now = day
		if _, err := c.st.Work().SubmitWeekly(t.Context(), c.ag, store.WeeklyInput{TasksDone: "on time"}); err != nil {
			t.Fatal(err)
		}
	}

	win := test.NewWindow(nil)
	defer win.Close()
	scr := newWeeklyReportScreen(c.st.Work(), win, c.ag)
	win.SetContent(scr.content())
	uitest.WaitFor(t, "the week picker", func() bool { return len(scr.picker.Options) > 0 })
	late := i18n.T("weekly.week_late", map[string]any{"Date": "2026-10-11"})
	scr.picker.SetSelected(late)
	if scr.week != models.MustDate("2026-10-11") || scr.state.Text != i18n.T("weekly.late_hint") {
		t.Fatalf("picked %s, state %q", scr.week, scr.state.Text)
	}
	test.Type(scr.tasks, "catching up")
	test.Tap(scr.submit)
	uitest.WaitFor(t, "the late report", func() bool { return scr.current != nil && scr.current.WeekStart == models.MustDate("2026-10-11") })
	if scr.current.SubmittedOn != models.MustDate("2026-11-03") || scr.current.TasksDone != "catching up" {
		t.Errorf("stored %+v", scr.current)
	}
	years, err := c.st.Evaluations().EvaluateYear(t.Context(), store.SystemActor("test"), 2026, store.YearFilter{AgentID: c.a1.ID})
	if err != nil || len(years) != 1 {
		t.Fatalf("evaluate: %v", err)
	}
	wd := years[0].Live.Components[scoring.Weekly].Weekly
	if wd.OnTime != 3 || wd.Late != 1 || wd.SubmissionRate == nil || wd.SubmissionRate.RatString() != "7/8" {
		t.Errorf("weekly detail %+v, want 3 on time, 1 late, rate 7/8", wd)
	}
}

// Rule: on a Sunday the form opens on the week just ended (the
// Sunday–Thursday week before), on time, and submitting files it there.
func TestWeeklyReportSundayDefault(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	c := newClockedWorld(t, time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC))
	win := test.NewWindow(nil)
	defer win.Close()
	scr := newWeeklyReportScreen(c.st.Work(), win, c.ag)
	win.SetContent(scr.content())
	uitest.WaitFor(t, "the week picker", func() bool { return len(scr.picker.Options) > 0 })
	if scr.picker.Selected != "2026-11-22" || scr.state.Text != i18n.T("weekly.not_submitted") {
		t.Fatalf("Sunday default %q, state %q", scr.picker.Selected, scr.state.Text)
	}
	test.Type(scr.tasks, "last week's calls")
	test.Tap(scr.submit)
	uitest.WaitFor(t, "the report", func() bool { return scr.current != nil })
	if scr.current.WeekStart != models.MustDate("2026-11-22") || scr.current.SubmittedOn != models.MustDate("2026-11-29") {
		t.Errorf("stored %+v", scr.current)
	}
}
