package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): a tab bar starts on the reading side: in Arabic the
// first tab's button is at the right of the second, in English at its left;
// tapping a tab's button shows its content and hides the others.
func TestTabsStartOnReadingSide(t *testing.T) {
	test.NewTempApp(t)
	for _, code := range []string{"ar", "en"} {
		i18n.Use(code)
		one, two := widget.NewLabel("1"), widget.NewLabel("2")
		tabs := widgets.NewTabs(container.NewTabItem(i18n.T("settings.general"), one), container.NewTabItem(i18n.T("settings.users"), two))
		w := test.NewWindow(tabs)
		w.Resize(fyne.NewSize(600, 400))
		first, second := tabs.Buttons[0], tabs.Buttons[1]
		if code == "ar" {
			if first.Position().X <= second.Position().X {
				t.Errorf("ar: first tab at x=%.0f, second at x=%.0f: the first must be at the right", first.Position().X, second.Position().X)
			}
			if right := first.Position().X + first.Size().Width; right < tabs.Size().Width-1 {
				t.Errorf("ar: first tab ends at x=%.0f, not at the right edge %.0f", right, tabs.Size().Width)
			}
		} else if first.Position().X >= second.Position().X || first.Position().X != 0 {
			t.Errorf("en: first tab at x=%.0f, second at x=%.0f: the first must be at the left edge", first.Position().X, second.Position().X)
		}
		if !one.Visible() || two.Visible() {
			t.Errorf("%s: at first the first tab must show, alone", code)
		}
		test.Tap(second)
		if tabs.Selected() != tabs.Items[1] || one.Visible() || !two.Visible() {
			t.Errorf("%s: tapping the second tab did not show it alone", code)
		}
		w.Close()
	}
}

// Rule: every tab bar of the app is a readingTabs (the settings screen's,
// here): none is left as Fyne's left-to-right AppTabs.
func TestSettingsTabsAreReadingTabs(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	st := uitest.OpenTestStore(t)
	adm := uitest.MustTestUser(t, st, "root", models.RoleAdmin)
	w := test.NewWindow(nil)
	defer w.Close()
	scr := settings.NewSettingsScreen(widgets.WithAccounts(st), w, store.ActorOf(adm), adm, func(string) {}, "x.db")
	w.SetContent(scr.Content())
	w.Resize(fyne.NewSize(1000, 700))
	if uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*container.AppTabs); return ok }) != nil {
		t.Error("the settings screen still has an AppTabs")
	}
	tabs, _ := uitest.FindObject(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widgets.ReadingTabs); return ok }).(*widgets.ReadingTabs)
	if tabs == nil || len(tabs.Buttons) < 2 {
		t.Fatal("no settings tab bar with two tabs")
	}
	if tabs.Buttons[0].Position().X <= tabs.Buttons[1].Position().X {
		t.Error("ar: the settings' first tab is not at the right")
	}
}
