package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/home"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 13, to-do inbox): a supervisor's probation reviews due are a
// to-do item on their home, counted in the total, and tapping it opens the
// supervisor review tab of Evaluations.
func TestHomeInboxProbationDue(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	in := store.Inbox{ProbationDue: []models.Agent{{FullName: "Nora New"}, {FullName: "Fahd New"}}}
	w := test.NewWindow(nil)
	defer w.Close()
	h := home.NewHome(uitest.FakeHomeStore{In: in, Clock: time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)}, store.Actor{Roles: []models.Role{models.RoleSupervisor}}, models.User{FullName: "Sara"})
	var area widgets.Area
	var tab string
	h.Navigate = func(a widgets.Area, t string) { area, tab = a, t }
	total := -1
	h.OnInbox = func(n int) { total = n }
	w.SetContent(h.Content())
	uitest.WaitFor(t, "the inbox", func() bool { return total >= 0 })
	if total != 2 {
		t.Errorf("inbox total %d, want 2", total)
	}
	item := uitest.FindButton(h.Inbox, i18n.T("inbox.probation_due", map[string]any{"Count": 2, "Name": "Nora New"}))
	if item == nil {
		t.Fatal("no probation to-do item")
	}
	test.Tap(item)
	if area != widgets.AreaEvaluations || tab != "eval.tab.reviews" {
		t.Errorf("tapping opened %v %q, want the evaluations review tab", area, tab)
	}
}
