package evaluation

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// rowOf returns the index of agent id in the tab's rows, or -1.
func rowOf(tab *annualTab, id uint) int {
	for i, r := range tab.Rows {
		if r.Agent.ID == id {
			return i
		}
	}
	return -1
}

// Rule: a manager finalizes a complete evaluation (it shows as finalized),
// then reopens it only after writing a reason (it is complete again), and
// the reopening is in the audit log with that reason.
func TestAnnualFinalizeAndReopen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "boss", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	tab := NewAnnual(widgets.Deps{Store: st, Win: w, Actor: mgr}, widgets.EvalAreas(st))
	w.SetContent(tab.Content())
	tab.Start()
	uitest.WaitFor(t, "the first load", func() bool { return tab.loads > 0 })
	tab.year.SetSelected(tab.year.Options[1]) // last year: complete evaluations
	var id uint
	year := time.Now().Year() - 1
	uitest.WaitFor(t, "a complete evaluation", func() bool {
		for _, r := range tab.Rows {
			if r.Status == models.EvalComplete && r.Year == year {
				id = r.Agent.ID
				return true
			}
		}
		return false
	})
	if !tab.finalizeBt.Disabled() {
		t.Error("finalize is enabled with no agent selected")
	}
	tab.table.Select(widget.TableCellID{Row: rowOf(tab, id), Col: 1}) // as a tap on the row does
	if tab.finalizeBt.Disabled() || !tab.reopenBt.Disabled() {
		t.Fatal("a complete evaluation must allow finalize and not reopen")
	}
	// Finalize asks first: No leaves the year complete, Yes finalizes it.
	test.Tap(tab.finalizeBt)
	if !strings.Contains(uitest.TextIn(uitest.TopOverlay(w)), "Finalize the") {
		t.Fatal("finalize did not ask for a confirmation")
	}
	uitest.TapIn(t, w, "No")
	uitest.WaitFor(t, "the answer", func() bool { return true })
	if i := rowOf(tab, id); i < 0 || tab.Rows[i].Status != models.EvalComplete {
		t.Fatal("the year was finalized although the confirmation was declined")
	}
	test.Tap(tab.finalizeBt)
	uitest.TapIn(t, w, "Yes")
	uitest.WaitFor(t, "the finalized status", func() bool { i := rowOf(tab, id); return i >= 0 && tab.Rows[i].Status == models.EvalFinalized })

	tab.table.Select(widget.TableCellID{Row: rowOf(tab, id), Col: 1}) // as a tap on the row does
	if tab.reopenBt.Disabled() || !tab.finalizeBt.Disabled() {
		t.Fatal("a finalized evaluation must allow reopen and not finalize")
	}
	test.Tap(tab.reopenBt)
	if !tab.reopenOK.Disabled() {
		t.Error("reopen can be confirmed without a reason")
	}
	test.Type(tab.reasonEntry, "audit scores were corrected")
	if tab.reopenOK.Disabled() {
		t.Fatal("reopen stays disabled after a reason is written")
	}
	test.Tap(tab.reopenOK)
	uitest.WaitFor(t, "the reopened status", func() bool { i := rowOf(tab, id); return i >= 0 && tab.Rows[i].Status == models.EvalComplete })

	logs, err := st.AuditLog(t.Context(), mgr, store.AuditFilter{Action: "reopen"})
	if err != nil || len(logs) != 1 || !strings.Contains(logs[0].New, "audit scores were corrected") {
		t.Errorf("audit log of the reopening: %v %+v", err, logs)
	}
}

// Rule (issue 13): a year that has not ended by the store's clock cannot be
// finalized from the tab: with a complete evaluation selected, Finalize stays
// disabled and the selection says from when it can be; nothing is finalized.
func TestAnnualFinalizeRefusesYearNotEnded(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	last := time.Now().Year() - 1
	st, err := store.Open(filepath.Join(t.TempDir(), "clock.db"),
		store.WithClock(func() time.Time { return time.Date(last, 12, 15, 12, 0, 0, 0, time.UTC) }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for deadline := time.Now().Add(10 * time.Second); !widgets.Background.Drain() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		st.Close()
	})
	uitest.LoadDemo(t, st)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "boss", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	tab := NewAnnual(widgets.Deps{Store: st, Win: w, Actor: mgr}, widgets.EvalAreas(st))
	w.SetContent(tab.Content())
	tab.Start()
	uitest.WaitFor(t, "the first load", func() bool { return tab.loads > 0 })
	tab.year.SetSelected(fmt.Sprint(last))
	var id uint
	uitest.WaitFor(t, "a complete evaluation", func() bool {
		for _, r := range tab.Rows {
			if r.Status == models.EvalComplete && r.Year == last {
				id = r.Agent.ID
				return true
			}
		}
		return false
	})
	tab.table.Select(widget.TableCellID{Row: rowOf(tab, id), Col: 0})
	if !tab.finalizeBt.Disabled() {
		t.Error("finalize is enabled for a year that has not ended")
	}
	if want := fmt.Sprintf("can be finalized from 1 January %d", last+1); !strings.Contains(tab.selected.Text, want) {
		t.Errorf("selection says %q, want %q", tab.selected.Text, want)
	}
	test.Tap(tab.finalizeBt)
	uitest.WaitFor(t, "any finalization", func() bool { return true })
	if ys, err := st.Evaluations().EvaluateYear(t.Context(), mgr, last, store.YearFilter{}); err != nil {
		t.Fatal(err)
	} else {
		for _, y := range ys {
			if y.Status == models.EvalFinalized {
				t.Fatalf("%s's %d was finalized before the year ended", y.Agent.EmployeeNo, last)
			}
		}
	}
}

// Rule: "finalize all" finalizes every complete evaluation of the year and
// leaves the incomplete ones.
func TestAnnualFinalizeAll(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "boss", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	tab := NewAnnual(widgets.Deps{Store: st, Win: w, Actor: mgr}, widgets.EvalAreas(st))
	w.SetContent(tab.Content())
	tab.Start()
	uitest.WaitFor(t, "the first load", func() bool { return tab.loads > 0 })
	tab.year.SetSelected(tab.year.Options[1])
	complete := 0
	uitest.WaitFor(t, "the year", func() bool {
		complete = 0
		if len(tab.Rows) == 0 || tab.Rows[0].Year != time.Now().Year()-1 {
			return false
		}
		for _, r := range tab.Rows {
			if r.Status == models.EvalComplete {
				complete++
			}
		}
		return len(tab.Rows) > 0
	})
	if complete == 0 {
		t.Skip("no complete evaluation in the demo year")
	}
	test.Tap(tab.allBt)
	uitest.TapIn(t, w, "Yes")
	uitest.WaitFor(t, "every complete one finalized", func() bool {
		for _, r := range tab.Rows {
			if r.Status == models.EvalComplete {
				return false
			}
		}
		return len(tab.Rows) > 0
	})
}

// Rule: someone who may see scores but not finalize (HR) gets the list
// read-only: the finalize and reopen buttons are not shown.
func TestAnnualReadOnlyForHR(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 3)
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	defer w.Close()
	tab := NewAnnual(widgets.Deps{Store: st, Win: w, Actor: hr}, widgets.EvalAreas(st))
	w.SetContent(tab.Content())
	tab.Start()
	uitest.WaitFor(t, "the list", func() bool { return len(tab.Rows) == 3 })
	for _, o := range test.LaidOutObjects(w.Content()) {
		if o == tab.finalizeBt || o == tab.reopenBt || o == tab.allBt {
			t.Error("HR sees a finalize or reopen button")
		}
	}
}

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
