package ui

import (
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (the shared form dialog): Save runs Check first and a failed check
// shows each field's reason beside the field without saving; a failed Save
// shows its translated error in the dialog and keeps it open; only a
// successful Save closes it and runs Done; Cancel closes without saving.
func TestFormDialogStaysOpenUntilSaved(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(800, 600))
	name, date := widget.NewEntry(), widget.NewEntry()
	saves, done := 0, 0
	var saveErr error
	var gotName string
	fd := widgets.ShowFormDialog(w, widgets.FormSpec{Title: "T", Size: fyne.NewSize(500, 400),
		Items: []*widget.FormItem{widget.NewFormItem("Name", name), widget.NewFormItem("Date", date)},
		Check: func() error {
			n, err1 := widgets.RequiredText(name)
			_, err2 := widgets.DateField(date, true)
			gotName = n
			return errors.Join(err1, err2)
		},
		Save: func() error { saves++; return saveErr },
		Done: func() { done++ },
	})
	test.Type(date, "2026-02-30")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the check", func() bool { return true })
	got := uitest.ShownErrors(uitest.TopOverlay(w))
	if !strings.Contains(got, i18n.T("form.required")) || !strings.Contains(got, uitest.BadDay("2026-02-30")) {
		t.Errorf("errors shown = %q, want the required and bad-date reasons", got)
	}
	if saves != 0 || !uitest.OnScreen(w, name) {
		t.Fatalf("a failed check saved (%d) or closed the dialog", saves)
	}
	if date.Text != "2026-02-30" {
		t.Errorf("the date field was changed to %q", date.Text)
	}

	test.Type(name, "Huda")
	date.SetText("")
	test.Type(date, "2026-02-03")
	saveErr = models.ErrForbidden
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused save", func() bool { return saves == 1 })
	if got := fd.ErrorText(); got != i18n.T("error.forbidden") {
		t.Errorf("error shown = %q, want the translated forbidden message", got)
	}
	if !uitest.OnScreen(w, name) || name.Text != "Huda" || done != 0 {
		t.Fatalf("a refused save closed the dialog, lost the name (%q) or ran Done", name.Text)
	}

	saveErr = nil
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the save", func() bool { return saves == 2 })
	if uitest.OnScreen(w, name) || done != 1 || gotName != "Huda" {
		t.Errorf("after a successful save: open %v, done %d, name %q", uitest.OnScreen(w, name), done, gotName)
	}

	// Cancel closes without saving.
	other := widget.NewEntry()
	widgets.ShowFormDialog(w, widgets.FormSpec{Title: "T2", Items: []*widget.FormItem{widget.NewFormItem("X", other)},
		Save: func() error { saves++; return nil }})
	uitest.TapIn(t, w, "Cancel")
	if uitest.OnScreen(w, other) || saves != 2 {
		t.Errorf("cancel: open %v, saves %d", uitest.OnScreen(w, other), saves)
	}
}

// newAgentsWorld is the agents screen of an HR user over a store with n agents.
func newAgentsWorld(t *testing.T, n int) (*store.Store, fyne.Window, *agents.AgentsScreen) {
	t.Helper()
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, n)
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1000, 800))
	s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: hr})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the agents list", func() bool { return s.Total == n && len(s.Ladder) > 0 })
	return st, w, s
}

// Rule: the new-agent form, opened with the screen's New agent button, saves
// the typed agent to the store on Save and closes.
func TestAgentFormAddSaves(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st, w, s := newAgentsWorld(t, 1)
	test.Tap(uitest.FindButton(w.Content(), "New agent"))
	name := uitest.TypeField(t, w, "Full name", "Sara Alqahtani")
	uitest.TypeField(t, w, "Employee no.", "E0100")
	uitest.TypeField(t, w, "Hire date", "2024-03-01")
	uitest.TypeField(t, w, "In role since", "2024-03-01")
	uitest.TypeField(t, w, "Supervisor", "E0000")
	uitest.TypeField(t, w, "Team", "C")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the saved agent", func() bool { return s.Total == 2 })
	ag, err := st.Agent(t.Context(), s.D.Actor, "E0100")
	if err != nil {
		t.Fatal(err)
	}
	if ag.FullName != "Sara Alqahtani" || ag.Team != "C" || ag.HireDate.String() != "2024-03-01" || ag.SupervisorID == nil {
		t.Errorf("stored %+v", ag)
	}
	if uitest.OnScreen(w, name) {
		t.Error("the form is still open after a successful save")
	}
}

// Rule: the agent form refuses a missing required field and a bad date
// beside the fields, keeps the dialog open with the typed text and stores
// nothing; in Arabic the reasons are Arabic and the labels stand to the
// right of their fields.
func TestAgentFormInvalidStaysOpen(t *testing.T) {
	test.NewTempApp(t)
	for _, lng := range []string{"en", "ar"} {
		i18n.Use(lng)
		st, w, s := newAgentsWorld(t, 1)
		test.Tap(uitest.FindButton(w.Content(), i18n.T("agent.add")))
		no := uitest.TypeField(t, w, i18n.T("agent.col.no"), "E0200")
		hire := uitest.TypeField(t, w, i18n.T("agent.hire_date"), "2024-02-31")
		uitest.TypeField(t, w, i18n.T("agent.col.role_start"), "2024-03-01")
		uitest.TapIn(t, w, i18n.T("action.save"))
		uitest.WaitFor(t, "the check", func() bool { return true })
		got := uitest.ShownErrors(uitest.TopOverlay(w))
		for _, want := range []string{i18n.T("form.required"), uitest.BadDay("2024-02-31")} {
			if !strings.Contains(got, want) {
				t.Errorf("%s: errors shown %q, want %q", lng, got, want)
			}
		}
		uitest.CheckErrorsInVisualOrder(t, uitest.TopOverlay(w))
		if !uitest.OnScreen(w, no) || no.Text != "E0200" || hire.Text != "2024-02-31" {
			t.Errorf("%s: dialog open %v, fields %q %q", lng, uitest.OnScreen(w, no), no.Text, hire.Text)
		}
		if _, err := st.Agent(t.Context(), s.D.Actor, "E0200"); err == nil {
			t.Errorf("%s: an invalid agent was stored", lng)
		}
		f := uitest.FormIn(uitest.TopOverlay(w))
		labelX := fyne.CurrentApp().Driver().AbsolutePositionForObject(f.Box.Objects[0]).X
		fieldX := fyne.CurrentApp().Driver().AbsolutePositionForObject(no).X
		if (labelX > fieldX) != (lng == "ar") {
			t.Errorf("%s: label at x=%v, field at x=%v", lng, labelX, fieldX)
		}
	}
	i18n.Use("en")
}

// Rule: a store refusal keeps the agent form open with every field as typed
// and the reason inside it: a taken employee number beside that field, and
// a save over someone else's newer save (stale version) as the stale message,
// the other save kept.
func TestAgentFormStoreErrorsStayOpen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st, w, s := newAgentsWorld(t, 2)

	test.Tap(uitest.FindButton(w.Content(), "New agent"))
	no := uitest.TypeField(t, w, "Employee no.", "E0001")
	uitest.TypeField(t, w, "Full name", "Second Person")
	uitest.TypeField(t, w, "Hire date", "2024-03-01")
	uitest.TypeField(t, w, "In role since", "2024-03-01")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused save", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("error.already_exists") {
		t.Errorf("duplicate: error %q", got)
	}
	if !uitest.OnScreen(w, no) || no.Text != "E0001" || uitest.DialogEntry(t, w, "Full name").Text != "Second Person" {
		t.Error("duplicate: the form closed or lost its fields")
	}
	uitest.TapIn(t, w, "Cancel")

	// Stale: open the edit form from the profile, someone else saves first.
	opened, err := st.Agent(t.Context(), s.D.Actor, "E0000")
	if err != nil {
		t.Fatal(err)
	}
	s.OpenProfile(opened)
	test.Tap(uitest.FindButton(w.Content(), "Edit"))
	other := opened
	other.FullName = "Saved By Someone Else"
	if _, err := st.SaveAgent(t.Context(), s.D.Actor, other); err != nil {
		t.Fatal(err)
	}
	name := uitest.TypeField(t, w, "Full name", "My Late Edit")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the stale save", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("agent.stale") {
		t.Errorf("stale: error %q", got)
	}
	if !uitest.OnScreen(w, name) || name.Text != "My Late Edit" {
		t.Error("stale: the form closed or lost the typed name")
	}
	now, _ := st.Agent(t.Context(), s.D.Actor, "E0000")
	if now.FullName != "Saved By Someone Else" {
		t.Errorf("stored name = %q, the other save was overwritten", now.FullName)
	}
}
