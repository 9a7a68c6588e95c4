package evaluation

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
)

// Rule (issue 13, spec §3): the agent picks a past week of this year that
// has no report, the form says it is late, and the submitted report is
// stored for that week with today as submitted_on; the agent's weekly score
// then counts it as late, half credit: three on-time weeks and this late
// one of four expected weeks give a submission rate of 7/8.
func TestWeeklyReportLatePastWeek(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	c := uitest.NewClockedWorld(t, time.Date(2026, 10, 22, 9, 0, 0, 0, time.UTC))
	var rows []models.AttendanceRow
	for i, d := range []string{"2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02"} {
		rows = append(rows, models.AttendanceRow{Line: i + 2, EmployeeNo: "A1", Day: models.AttendanceDay{Date: models.MustDate(d), Status: models.Present}})
	}
	if _, err := c.St.ImportAttendance(store.SystemActor("test"), store.ImportSource{File: "a.csv"}, rows, nil); err != nil {
		t.Fatal(err)
	}
	for _, day := range []time.Time{time.Date(2026, 10, 22, 9, 0, 0, 0, time.UTC), time.Date(2026, 10, 29, 9, 0, 0, 0, time.UTC), time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)} {
		*c.Now = day
		if _, err := c.St.Work().SubmitWeekly(t.Context(), c.Ag, store.WeeklyInput{TasksDone: "on time"}); err != nil {
			t.Fatal(err)
		}
	}

	win := test.NewWindow(nil)
	defer win.Close()
	scr := NewWeeklyReportScreen(c.St.Work(), win, c.Ag)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the week picker", func() bool { return len(scr.picker.Options) > 0 })
	late := i18n.T("weekly.week_late", map[string]any{"Date": "2026-10-11"})
	scr.picker.SetSelected(late)
	if scr.week != models.MustDate("2026-10-11") || scr.State.Text != i18n.T("weekly.late_hint") {
		t.Fatalf("picked %s, state %q", scr.week, scr.State.Text)
	}
	test.Type(scr.Tasks, "catching up")
	test.Tap(scr.Submit)
	uitest.WaitFor(t, "the late report", func() bool { return scr.Current != nil && scr.Current.WeekStart == models.MustDate("2026-10-11") })
	if scr.Current.SubmittedOn != models.MustDate("2026-11-03") || scr.Current.TasksDone != "catching up" {
		t.Errorf("stored %+v", scr.Current)
	}
	years, err := c.St.Evaluations().EvaluateYear(t.Context(), store.SystemActor("test"), 2026, store.YearFilter{AgentID: c.A1.ID})
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
	c := uitest.NewClockedWorld(t, time.Date(2026, 11, 29, 8, 0, 0, 0, time.UTC))
	win := test.NewWindow(nil)
	defer win.Close()
	scr := NewWeeklyReportScreen(c.St.Work(), win, c.Ag)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the week picker", func() bool { return len(scr.picker.Options) > 0 })
	if scr.picker.Selected != "2026-11-22" || scr.State.Text != i18n.T("weekly.not_submitted") {
		t.Fatalf("Sunday default %q, state %q", scr.picker.Selected, scr.State.Text)
	}
	test.Type(scr.Tasks, "last week's calls")
	test.Tap(scr.Submit)
	uitest.WaitFor(t, "the report", func() bool { return scr.Current != nil })
	if scr.Current.WeekStart != models.MustDate("2026-11-22") || scr.Current.SubmittedOn != models.MustDate("2026-11-29") {
		t.Errorf("stored %+v", scr.Current)
	}
}
