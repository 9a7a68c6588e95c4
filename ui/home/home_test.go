package home

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule: the home screen shows each role its own dashboard: a manager gets
// the readiness counts (every agent of the board counted once), an HR user
// the pipeline but no readiness, and a user without those roles only the
// headline counts.
func TestHomeDashboardByRole(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 4)
	asOf := models.DateOf(st.Now())

	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	d, err := st.Evaluations().Dashboard(t.Context(), mgr, asOf)
	if err != nil {
		t.Fatal(err)
	}
	if d.Manager == nil || d.HR != nil || d.Quality != nil {
		t.Fatalf("manager sections: %+v", d)
	}
	total := 0
	for _, n := range d.Manager.Readiness {
		total += n
	}
	if total != 4 {
		t.Errorf("readiness counts sum to %d, want 4", total)
	}

	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	if d, err := st.Evaluations().Dashboard(t.Context(), hr, asOf); err != nil || d.HR == nil || d.Manager != nil {
		t.Errorf("hr sections: %+v, %v", d, err)
	}
	q := store.ActorOf(uitest.MustTestUser(t, st, "q1", models.RoleQuality))
	if d, err := st.Evaluations().Dashboard(t.Context(), q, asOf); err != nil || d.Quality == nil || d.Manager != nil || d.HR != nil {
		t.Errorf("quality sections: %+v, %v", d, err)
	}

	w := test.NewWindow(nil)
	defer w.Close()
	h := NewHome(widgets.EvalAreas(st), mgr, models.User{FullName: "Boss"})
	w.SetContent(h.Content())
	uitest.WaitFor(t, "the manager dashboard", func() bool { return len(h.Body.Objects) > 0 })
	w2 := test.NewWindow(nil)
	defer w2.Close()
	h2 := NewHome(widgets.EvalAreas(st), hr, models.User{FullName: "HR"})
	w2.SetContent(h2.Content())
	uitest.WaitFor(t, "the HR dashboard", func() bool { return len(h2.Body.Objects) > 0 && len(h2.cards.Objects) > 0 })
}

// Rule: the score distribution puts each annual score in its band, the
// upper edge in the next band and 100 in the last one.
func TestScoreHistogram(t *testing.T) {
	_, counts := scoreHistogram([]float64{59.99, 60, 89.99, 90, 95, 100})
	want := []float64{1, 1, 0, 0, 1, 1, 2}
	for i := range want {
		if counts[i] != want[i] {
			t.Errorf("band %s = %v, want %v", histogramBins[i].name, counts[i], want[i])
		}
	}
}
