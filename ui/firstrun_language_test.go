package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): the language chosen on the first-run screen is stored as
// the admin's language and stays applied after the admin is created: English
// chosen on an Arabic start gives an English shell, not an Arabic one.
func TestFirstRunLanguageChoiceKept(t *testing.T) {
	a := test.NewTempApp(t)
	i18n.Use("ar")
	t.Cleanup(func() { i18n.Use("en") })
	st := uitest.OpenTestStore(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	c := NewController(a, w, st, widgets.NewSettings(a.Preferences()), "")
	c.Start()
	if c.firstRun == nil {
		t.Fatal("no first-run screen on an empty database")
	}
	sel, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Select); return ok }).(*widget.Select)
	if sel == nil {
		t.Fatal("no language choice on the first-run screen")
	}
	sel.SetSelected("English") // the user picks English in the select
	if i18n.Current() != "en" || c.firstRun == nil {
		t.Fatalf("language %q after choosing English", i18n.Current())
	}
	fr := c.firstRun
	test.Type(fr.fullName, "Huda Admin")
	test.Type(fr.password, "a long enough secret")
	test.Type(fr.confirm, "a long enough secret")
	test.Tap(fr.create)
	uitest.WaitFor(t, "the shell", func() bool { return c.shell != nil })
	if i18n.Current() != "en" || w.Title() != "Sullam" || !uitest.FindLabel(w.Content(), i18n.T("nav.home")) || i18n.T("nav.home") != "Home" {
		t.Errorf("after creating the admin: language %q, title %q; want the English shell", i18n.Current(), w.Title())
	}
	u, err := st.Accounts().SignIn(t.Context(), "admin", "a long enough secret")
	if err != nil || u.Language != "en" {
		t.Errorf("the admin's stored language is %q (%v), want en", u.Language, err)
	}
}
