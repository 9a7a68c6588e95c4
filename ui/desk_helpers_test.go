package ui

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// screenSize is the smallest screen Sullam must fit: 1366×768.
var screenSize = fyne.NewSize(1366, 768)

// demoDesk is a desk's SQLite database with an admin ("admin") and the demo
// data of agents × years (demo accounts manager, hr, quality, supervisors and
// agents), every account with the password uiPassword.
type demoDesk struct {
	st   *store.Store
	path string
	data *demo.Data
}

// newDemoDesk makes a demo desk in a temporary folder, closed after the test.
func newDemoDesk(t *testing.T, agents, years int) *demoDesk {
	t.Helper()
	path := filepath.Join(t.TempDir(), "desk.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for deadline := time.Now().Add(10 * time.Second); !widgets.Background.Drain() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		st.Close()
	})
	if _, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", FullName: "مدير النظام", Password: uitest.Password}); err != nil {
		t.Fatal(err)
	}
	d, err := demo.Generate(demo.Options{Agents: agents, Years: years, Seed: 1, Today: models.DateOf(time.Now()), DemoPassword: uitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	if err := demo.Load(t.Context(), st, store.SystemActor("demo"), d, nil); err != nil { // as the first-run screen loads it
		t.Fatal(err)
	}
	return &demoDesk{st: st, path: path, data: d}
}

// signIn opens a 1366×768 window on the desk with Sullam's theme, sets the
// account's language to code (as its own language switch would have) and
// signs username in through the sign-in screen's fields and button.
func (d *demoDesk) signIn(t *testing.T, username, code string) (*Controller, fyne.Window) {
	t.Helper()
	users, err := d.st.Accounts().ListUsers(t.Context(), store.SystemActor("test"))
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, u := range users {
		if u.Username == username {
			found = true
			if err := d.st.Accounts().SetLanguage(t.Context(), store.ActorOf(u), code); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !found {
		t.Fatalf("no account %q", username)
	}
	a := fyne.CurrentApp()
	a.Settings().SetTheme(NewTheme())
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(screenSize)
	c := NewController(a, w, d.st, widgets.NewSettings(a.Preferences()), d.path)
	c.Start()
	if c.signIn == nil {
		t.Fatal("no sign-in screen")
	}
	c.signIn.username.SetText("")
	test.Type(c.signIn.username, username)
	test.Type(c.signIn.password, uitest.Password)
	test.Tap(c.signIn.button)
	uitest.WaitFor(t, "the shell of "+username, func() bool { return c.shell != nil })
	return c, w
}
