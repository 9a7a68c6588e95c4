package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/home"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 13): in the real shell, an agent's home lists their missing
// weekly reports as a to-do item, the navigation shows the count beside
// Home, and tapping the item opens the Evaluations area on the weekly
// report tab.
func TestShellInboxOpensWeeklyReports(t *testing.T) {
	a := test.NewTempApp(t)
	i18n.Use("en")
	c := uitest.NewClockedWorld(t, time.Date(2026, 11, 3, 10, 0, 0, 0, time.UTC))
	var rows []models.AttendanceRow
	for i, d := range []string{"2026-10-12", "2026-10-19"} {
		rows = append(rows, models.AttendanceRow{Line: i + 2, EmployeeNo: "A1", Day: models.AttendanceDay{Date: models.MustDate(d), Status: models.Present}})
	}
	if _, err := c.St.ImportAttendance(store.SystemActor("test"), store.ImportSource{File: "a.csv"}, rows, nil); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	ctl := NewController(a, w, c.St, widgets.NewSettings(a.Preferences()), "")
	sh := NewShell(ctl, c.AgUser)
	w.SetContent(sh.Content())
	item := i18n.Plural("inbox.missing_weeks", 2, map[string]any{"Latest": "2026-10-18"})
	uitest.WaitFor(t, "the to-do item", func() bool { return uitest.FindButton(w.Content(), item) != nil })
	if got := sh.navLabel(widgets.AreaHome); got != "Home (2)" {
		t.Errorf("navigation label %q, want Home (2)", got)
	}
	test.Tap(uitest.FindButton(w.Content(), item))
	uitest.WaitFor(t, "the evaluations area", func() bool { return sh.current == widgets.AreaEvaluations })
	tabs, _ := uitest.FindObject(sh.body, func(o fyne.CanvasObject) bool { _, ok := o.(*widgets.ReadingTabs); return ok }).(*widgets.ReadingTabs)
	if tabs == nil || tabs.Selected() == nil || tabs.Selected().Text != i18n.T("eval.tab.my_weekly") {
		t.Errorf("the evaluations area does not open on the weekly report tab")
	}
}

// Rule (issue 13): each role's to-do items appear on its home and tapping
// each opens the area and tab where it is done: reports to rate, reviews
// due, agents under the audit minimum and years to finalize → their
// Evaluations tab; interviews awaiting feedback → Recruitment; overdue
// agents → Promotions.
func TestHomeInboxItemsOpenTheirArea(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	in := store.Inbox{ToRate: 3, ReviewsDue: []models.Agent{{FullName: "Amal One"}}, Interviews: 1,
		FewAudits: []store.NameCount{{Name: "A1", Count: 1}, {Name: "A2", Count: 0}}, MinAudits: 4,
		ToFinalize: 7, FinalizeYear: 2025, Overdue: 2}
	type target struct {
		area widgets.Area
		tab  string
	}
	want := map[string]target{
		i18n.Plural("inbox.to_rate", 3, nil):                                    {widgets.AreaEvaluations, "eval.tab.rating_queue"},
		i18n.Plural("inbox.reviews_due", 1, map[string]any{"Name": "Amal One"}): {widgets.AreaEvaluations, "eval.tab.reviews"},
		i18n.Plural("inbox.interviews", 1, nil):                                 {widgets.AreaRecruitment, ""},
		i18n.T("inbox.few_audits", map[string]any{"Agents": i18n.Plural("count.agents", 2, nil), "Min": i18n.Plural("count.audits", 4, nil)}): {widgets.AreaEvaluations, "eval.tab.audits"},
		i18n.Plural("inbox.to_finalize", 7, map[string]any{"Year": 2025}):                                                                     {widgets.AreaEvaluations, "eval.tab.annual"},
		i18n.Plural("inbox.overdue", 2, nil): {widgets.AreaPromotions, ""},
	}
	w := test.NewWindow(nil)
	defer w.Close()
	h := home.NewHome(uitest.FakeHomeStore{In: in, Clock: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}, store.Actor{Roles: []models.Role{models.RoleManager}}, models.User{FullName: "Boss"})
	var opened []target
	h.Navigate = func(a widgets.Area, tab string) { opened = append(opened, target{a, tab}) }
	total := -1
	h.OnInbox = func(n int) { total = n }
	w.SetContent(h.Content())
	w.Resize(fyne.NewSize(1000, 800))
	uitest.WaitFor(t, "the inbox", func() bool { return total >= 0 })
	// 3 to rate + 1 review + 1 interview + 2 agents + 1 year batch + 2 overdue.
	if total != 10 {
		t.Errorf("inbox total %d, want 10", total)
	}
	for text, area := range want {
		b := uitest.FindButton(h.Inbox, text)
		if b == nil {
			t.Errorf("no to-do item %q", text)
			continue
		}
		opened = nil
		test.Tap(b)
		if len(opened) != 1 || opened[0] != area {
			t.Errorf("tapping %q opened %v, want %v", text, opened, area)
		}
	}
	if uitest.FindButton(h.Inbox, i18n.Plural("inbox.missing_weeks", 0, map[string]any{"Latest": ""})) != nil {
		t.Errorf("an empty part shows an item")
	}
}
