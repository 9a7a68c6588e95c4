package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/promotions"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): a numeric entry takes, as the user types, the digits of
// the Latin, Arabic-Indic and Eastern Arabic-Indic scripts and refuses
// letters; a decimal entry takes one decimal separator ('.' or '٫'), a whole
// entry none.
func TestNumericEntryFiltersTypedRunes(t *testing.T) {
	test.NewTempApp(t)
	whole := widgets.NewNumericEntry(false)
	test.Type(whole, "abc")
	if whole.Text != "" {
		t.Errorf("letters typed into a number field: %q, want refused", whole.Text)
	}
	test.Type(whole, "1a٢b۳.٫-")
	if whole.Text != "1٢۳" {
		t.Errorf("whole entry holds %q, want the three digits only", whole.Text)
	}
	dec := widgets.NewNumericEntry(true)
	test.Type(dec, "٣٫5.7x")
	if dec.Text != "٣٫57" {
		t.Errorf("decimal entry holds %q, want one separator", dec.Text)
	}
	if f, err := widgets.ParseDecimal(dec.Text); err != nil || f != 3.57 {
		t.Errorf("parseDecimal(%q) = %v, %v", dec.Text, f, err)
	}
	if n, err := widgets.ParseWhole(whole.Text); err != nil || n != 123 {
		t.Errorf("parseWhole(%q) = %v, %v", whole.Text, n, err)
	}
	if _, err := widgets.ParseWhole("abc"); err == nil {
		t.Error("parseWhole accepted letters")
	}
}

// Rule (issue 16): pasting into a numeric entry keeps only what typing
// would have kept.
func TestNumericEntryFiltersPaste(t *testing.T) {
	a := test.NewTempApp(t)
	w := test.NewWindow(nil)
	defer w.Close()
	e := widgets.NewNumericEntry(false)
	w.SetContent(e)
	a.Clipboard().SetContent("x١٥٠y")
	e.TypedShortcut(&fyne.ShortcutPaste{Clipboard: a.Clipboard()})
	if e.Text != "١٥٠" {
		t.Errorf("pasted %q, want the digits only", e.Text)
	}
}

// Rule (issue 16): «١٥٠» typed in the weekly report's interactions field is
// stored as 150.
func TestWeeklyInteractionsArabicDigits(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	w := uitest.NewWorkWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	scr := evaluation.NewWeeklyReportScreen(w.St.Work(), win, w.Ag1)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the state", func() bool { return scr.State.Text != "" })
	test.Type(scr.Interactions, "١٥٠")
	test.Type(scr.Tasks, "تصعيدات")
	test.Tap(scr.Submit)
	uitest.WaitFor(t, "the stored report", func() bool { return scr.Current != nil })
	if scr.Current.Interactions == nil || *scr.Current.Interactions != 150 {
		t.Fatalf("stored interactions %v, want 150 (status %q)", scr.Current.Interactions, scr.Status.Text)
	}
}

// Rule (issue 16): the agents list search finds an employee number typed in
// Arabic-Indic or Eastern Arabic-Indic digits.
func TestAgentsSearchArabicDigits(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	st := uitest.OpenTestStore(t)
	sys := store.SystemActor("test")
	for _, no := range []string{"10007", "10008"} {
		if _, err := st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: no, FullName: "وكيل " + no, Team: "A",
			HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")}); err != nil {
			t.Fatal(err)
		}
	}
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	defer w.Close()
	s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: hr})
	w.SetContent(s.Build())
	s.Start()
	uitest.WaitFor(t, "the list", func() bool { return s.Total == 2 })
	for _, q := range []string{"١٠٠٠٧", "۱۰۰۰۷"} {
		s.Search.SetText("")
		uitest.WaitFor(t, "the whole list", func() bool { return s.Total == 2 })
		test.Type(s.Search, q)
		uitest.WaitFor(t, "the search "+q, func() bool { return s.Total == 1 && len(s.Rows) == 1 && s.Rows[0].EmployeeNo == "10007" })
	}
}

// Rule (issue 16): the scoring policy's number fields refuse letters as typed
// and save weights typed in Arabic-Indic digits.
func TestPolicyEditorArabicDigits(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	t.Cleanup(func() { i18n.Use("en") })
	st := uitest.OpenTestStore(t)
	admin, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", Password: uitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	e := settings.NewPolicyEditor(st, store.ActorOf(admin))
	w.SetContent(e.Content())
	uitest.WaitFor(t, "the policy to load", func() bool { return e.Policy.Version == 1 })
	set := func(key, typed string) {
		for i := range e.Fields {
			if e.Fields[i].Key == key {
				e.Fields[i].Entry.SetText("")
				test.Type(e.Fields[i].Entry, typed)
				return
			}
		}
		t.Fatalf("no field %s", key)
	}
	set("policy.weight_quality", "abc٣٠")
	set("policy.weight_attendance", "۲x۰")
	test.Tap(uitest.FindButton(w.Content(), i18n.T("policy.save")))
	uitest.WaitFor(t, "the save", func() bool { return e.Status.Text != "" })
	p, _ := st.Policy(t.Context())
	if p.Version != 2 || p.Weights.Quality != 30 || p.Weights.Attendance != 20 {
		t.Errorf("saved policy v%d weights %+v (status %q), want v2 with 30 and 20", p.Version, p.Weights, e.Status.Text)
	}
}

// Rule (issue 16): the promotion board's search finds an employee number
// typed with Arabic-Indic digits.
func TestPromotionBoardSearchArabicDigits(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 6)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	s := promotions.NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the board", func() bool { return len(s.Rows) == 6 })
	test.Type(s.Search, "E٠٠٠٣")
	uitest.WaitFor(t, "the search", func() bool { return len(s.Rows) == 1 && s.Rows[0].EmployeeNo == "E0003" })
}
