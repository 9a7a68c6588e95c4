package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// metaApp is a test app whose metadata is meta (the test driver's app has none).
type metaApp struct {
	fyne.App
	meta fyne.AppMetadata
}

func (a metaApp) Metadata() fyne.AppMetadata { return a.meta }

// Rule: the About button in the shell's header opens the About box, which
// shows the app's version and build number from its metadata (FyneApp.toml),
// in English and in Arabic.
func TestAboutBoxShowsVersionFromMetadata(t *testing.T) {
	a := test.NewTempApp(t)
	st := uitest.OpenTestStore(t)
	u := uitest.MustTestUser(t, st, "mgr1", models.RoleManager)
	for _, code := range []string{"en", "ar"} {
		i18n.Use(code)
		w := test.NewWindow(nil)
		c := NewController(metaApp{App: a, meta: fyne.AppMetadata{Name: "Sullam", ID: models.AppID, Version: "9.8.7", Build: 42}}, w, st, widgets.NewSettings(a.Preferences()), "")
		w.SetContent(NewShell(c, u).Content())
		b := uitest.FindButton(w.Content(), i18n.T("about.title"))
		if b == nil {
			t.Fatalf("%s: no About button in the shell", code)
		}
		test.Tap(b)
		top := w.Canvas().Overlays().Top()
		if top == nil {
			t.Fatalf("%s: the About button opened nothing", code)
		}
		shown := uitest.FindObject(top, func(o fyne.CanvasObject) bool {
			l, ok := o.(*widget.Label)
			return ok && strings.Contains(l.Text, "9.8.7") && strings.Contains(l.Text, "42")
		})
		if shown == nil {
			t.Errorf("%s: the About box does not show version 9.8.7 build 42", code)
		}
		w.Close()
	}
	i18n.Use("en")
}
