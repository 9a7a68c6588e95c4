package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/hijri"
	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16, Hijri dates): with the Hijri setting on, the agent's
// profile shows the hire date with its Umm al-Qura date beside it; off, the
// Gregorian date alone. The data stays Gregorian.
func TestProfileShowsHijriDatesWhenChosen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	sys := store.SystemActor("test")
	found, err := st.ListAgents(t.Context(), sys, store.AgentFilter{Limit: 1})
	if err != nil || len(found) == 0 {
		t.Fatalf("no demo agent: %v", err)
	}
	ag := found[0]
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	h, ok := hijri.FromGregorian(ag.HireDate)
	if !ok {
		t.Fatalf("no Hijri date for %s", ag.HireDate)
	}
	for _, on := range []bool{true, false} {
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(1300, 900))
		s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr, Hijri: func() bool { return on }})
		w.SetContent(s.Content())
		uitest.WaitFor(t, "the agents list", func() bool { return s.Total > 0 && len(s.Ladder) > 0 })
		s.OpenProfile(ag)
		uitest.WaitFor(t, "the profile", func() bool { return uitest.FindLabelContaining(w.Content(), ag.HireDate.String()) })
		withHijri := uitest.FindLabelContaining(w.Content(), h.String()+" AH")
		if withHijri != on {
			t.Errorf("Hijri on=%v: the profile shows %s AH = %v (%s)", on, h, withHijri, strings.Join(uitest.LabelTexts(w.Content()), " | "))
		}
		w.Close()
	}
}

// Rule: Settings → General has the Hijri dates choice; ticking it stores
// the desk preference the screens read (Settings.ShowHijri), unticking it
// clears it.
func TestSettingsHijriChoice(t *testing.T) {
	a := test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	_, w, _ := usersScreen(t, st)
	box, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool {
		c, ok := o.(*widgets.CheckBox)
		return ok && c.Text == i18n.T("settings.show_hijri")
	}).(*widgets.CheckBox)
	if box == nil {
		t.Fatal("no Hijri choice in Settings")
	}
	prefs := widgets.NewSettings(a.Preferences())
	test.Tap(box)
	if !prefs.ShowHijri() {
		t.Error("ticking the choice did not store it")
	}
	test.Tap(box)
	if prefs.ShowHijri() {
		t.Error("unticking the choice did not clear it")
	}
}
