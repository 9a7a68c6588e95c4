package ui

import (
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// usersScreen shows the settings screen of the first admin "root" in a test
// window; it returns the screen, the window and root.
func usersScreen(t *testing.T, st *store.Store) (*settings.SettingsScreen, fyne.Window, models.User) {
	t.Helper()
	root, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "root", Password: uitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	s := settings.NewSettingsScreen(widgets.WithAccounts(st), w, store.ActorOf(root), root, func(string) {}, "")
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1000, 800))
	uitest.WaitFor(t, "the users to load", func() bool { return len(s.Users) == 1 })
	return s, w, root
}

// storedUser reads account name as stored, or ok false.
func storedUser(t *testing.T, st *store.Store, name string) (models.User, bool) {
	t.Helper()
	users, err := st.Accounts().ListUsers(t.Context(), store.SystemActor("test"))
	if err != nil {
		t.Fatal(err)
	}
	for _, u := range users {
		if u.Username == name {
			return u, true
		}
	}
	return models.User{}, false
}

// Rule: the create-user dialog checks its fields before it closes, and a
// store refusal (here a duplicate name) shows inside the open dialog with
// every field as typed; a valid account is stored with its roles and the
// dialog closes.
func TestCreateUserDialogKeepsInput(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	s, w, _ := usersScreen(t, st)

	test.Tap(s.AddUserBtn)
	d := s.Dialog
	if d == nil || !uitest.DialogOpen(w) {
		t.Fatal("Add user opened no dialog")
	}
	test.Type(d.Username, "hana")
	test.Type(d.FullName, "Hana HR")
	d.Roles.SetSelected([]string{i18n.T("role.hr")})
	test.Type(d.Password, "short")
	test.Type(d.Confirm, "short")
	test.Tap(d.Save)
	uitest.WaitFor(t, "the short password refusal", func() bool { return d.Status.Text != "" })
	if want := widgets.UserMessage(store.ErrPasswordTooShort); d.Status.Text != want {
		t.Errorf("status %q, want %q", d.Status.Text, want)
	}
	if !uitest.DialogOpen(w) || d.Username.Text != "hana" || d.FullName.Text != "Hana HR" || d.Password.Text != "short" {
		t.Fatalf("after the refusal: open %v, fields %q %q %q", uitest.DialogOpen(w), d.Username.Text, d.FullName.Text, d.Password.Text)
	}
	if _, ok := storedUser(t, st, "hana"); ok {
		t.Fatal("an account with a short password was stored")
	}

	// A duplicate name: the store refuses, the dialog keeps everything.
	d.Username.SetText("")
	test.Type(d.Username, "root")
	d.Password.SetText("")
	d.Confirm.SetText("")
	test.Type(d.Password, uitest.Password)
	test.Type(d.Confirm, uitest.Password)
	test.Tap(d.Save)
	uitest.WaitFor(t, "the duplicate refusal", func() bool { return d.Status.Text == i18n.T("error.already_exists") })
	if !uitest.DialogOpen(w) || s.Dialog != d || d.Username.Text != "root" || d.Password.Text != uitest.Password || d.Confirm.Text != uitest.Password ||
		!slices.Equal(d.Roles.Selected, []string{i18n.T("role.hr")}) {
		t.Fatalf("after the store refusal: open %v, fields %q %q, roles %v", uitest.DialogOpen(w), d.Username.Text, d.Password.Text, d.Roles.Selected)
	}

	d.Username.SetText("")
	test.Type(d.Username, "hana")
	test.Tap(d.Save)
	uitest.WaitFor(t, "the dialog to close", func() bool { return !uitest.DialogOpen(w) && len(s.Users) == 2 })
	u, ok := storedUser(t, st, "hana")
	if !ok || u.FullName != "Hana HR" || !slices.Equal(u.RoleList(), []models.Role{models.RoleHR}) {
		t.Fatalf("stored %+v (found %v)", u, ok)
	}
	if _, err := st.Accounts().SignIn(t.Context(), "hana", uitest.Password); err != nil {
		t.Errorf("the new account cannot sign in: %v", err)
	}
}

// Rule: the edit-user dialog shows the last-admin refusal inside the open
// dialog, fields as set, nothing changed; an edit of another account saves
// roles, active flag and password together.
func TestEditUserDialog(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	s, w, root := usersScreen(t, st)

	// The only admin unticks their own Active box.
	s.UserTable.Select(fyneCell(0))
	d := s.Dialog
	if d == nil || !uitest.DialogOpen(w) {
		t.Fatal("selecting the row opened no dialog")
	}
	test.Tap(d.Active)
	if d.Active.Checked {
		t.Fatal("tapping Active did not untick it")
	}
	test.Tap(d.Save)
	uitest.WaitFor(t, "the last-admin refusal", func() bool { return d.Status.Text != "" })
	if d.Status.Text != i18n.T("error.last_admin") {
		t.Errorf("status %q, want the last-admin message", d.Status.Text)
	}
	if !uitest.DialogOpen(w) || d.Active.Checked {
		t.Errorf("after the refusal: open %v, active box %v (want open, still unticked)", uitest.DialogOpen(w), d.Active.Checked)
	}
	if u, _ := storedUser(t, st, "root"); !u.Active || u.Version != root.Version {
		t.Fatalf("the refused edit changed root: active %v, version %d", u.Active, u.Version)
	}
	test.Tap(d.Cancel)
	if uitest.DialogOpen(w) {
		t.Fatal("Cancel left the dialog open")
	}

	// Another account: roles, active flag and new password in one save.
	if _, err := st.Accounts().CreateUser(t.Context(), store.ActorOf(root), store.NewUser{Username: "hana", Password: uitest.Password, Roles: []models.Role{models.RoleHR}}); err != nil {
		t.Fatal(err)
	}
	s.ReloadUsers()
	uitest.WaitFor(t, "two users", func() bool { return len(s.Users) == 2 })
	s.UserTable.Select(fyneCell(0)) // sorted by name: hana first
	d = s.Dialog
	if d.Username.Text != "hana" {
		t.Fatalf("dialog of %q, want hana", d.Username.Text)
	}
	d.Roles.SetSelected([]string{i18n.T("role.hr"), i18n.T("role.quality")})
	test.Type(d.Password, "a brand new password")
	test.Type(d.Confirm, "a brand new passwrd")
	test.Tap(d.Save)
	if d.Status.Text != i18n.T("error.passwords_differ") || !uitest.DialogOpen(w) {
		t.Fatalf("mismatched confirmation: status %q, open %v", d.Status.Text, uitest.DialogOpen(w))
	}
	d.Confirm.SetText("")
	test.Type(d.Confirm, "a brand new password")
	test.Tap(d.Save)
	uitest.WaitFor(t, "the dialog to close", func() bool { return !uitest.DialogOpen(w) })
	u, _ := storedUser(t, st, "hana")
	if !slices.Equal(u.RoleList(), []models.Role{models.RoleHR, models.RoleQuality}) || !u.Active {
		t.Errorf("stored roles %v active %v", u.RoleList(), u.Active)
	}
	if _, err := st.Accounts().SignIn(t.Context(), "hana", "a brand new password"); err != nil {
		t.Errorf("the new password does not work: %v", err)
	}
}

// signedInController starts a controller on st in a test window and signs
// name in through the sign-in screen's button.
func signedInController(t *testing.T, st *store.Store, name string, now func() time.Time) *Controller {
	t.Helper()
	a := fyne.CurrentApp()
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	c := NewController(a, w, st, widgets.NewSettings(a.Preferences()), "")
	if now != nil {
		c.now = now
	}
	c.Start()
	si := c.signIn
	if si == nil {
		t.Fatal("no sign-in screen")
	}
	si.username.SetText("")
	test.Type(si.username, name)
	test.Type(si.password, uitest.Password)
	test.Tap(si.button)
	uitest.WaitFor(t, "the shell", func() bool { return c.shell != nil })
	return c
}

// Rule: when the signed-in account is deactivated elsewhere, the next action
// that reaches the store is refused and the window returns to the sign-in
// screen with the session-ended message.
func TestSessionEndSignsOut(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	root, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "root", Password: uitest.Password})
	if err != nil {
		t.Fatal(err)
	}
	hr, err := st.Accounts().CreateUser(t.Context(), store.ActorOf(root), store.NewUser{Username: "hana", Password: uitest.Password, Roles: []models.Role{models.RoleHR}})
	if err != nil {
		t.Fatal(err)
	}
	c := signedInController(t, st, "hana", nil)
	if _, err := st.Accounts().UpdateUser(t.Context(), store.ActorOf(root), store.UserUpdate{UserID: hr.ID, Version: hr.Version, Roles: hr.RoleList(), Active: false}); err != nil {
		t.Fatal(err)
	}
	idx := slices.Index(c.shell.areas, widgets.AreaAgents)
	if idx < 0 {
		t.Fatal("HR has no agents area")
	}
	c.shell.nav.Select(idx) // the user clicks Agents
	uitest.WaitFor(t, "the sign-in screen", func() bool { return c.signIn != nil })
	if c.user != nil || c.signIn.status.Text != i18n.T("signin.session_expired") {
		t.Errorf("user %v, status %q", c.user, c.signIn.status.Text)
	}
}

// Rule: the window signs the user out after the idle time of the settings
// without activity (clock injected, ticks sent by the test), not before.
func TestIdleSignOut(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	if _, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "root", Password: uitest.Password}); err != nil {
		t.Fatal(err)
	}
	clock := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	c := signedInController(t, st, "root", now)
	if c.settings.IdleSignOut() != widgets.DefaultIdleSignOut {
		t.Fatalf("idle time %v, want the default %v", c.settings.IdleSignOut(), widgets.DefaultIdleSignOut)
	}
	ticks := make(chan time.Time)
	defer close(ticks)
	c.WatchIdle(ticks)
	tick := func() {
		ticks <- clock
		ticks <- clock // the first tick's check is queued once the second is taken
		uitest.WaitFor(t, "the idle check", func() bool { return true })
	}
	clock = clock.Add(widgets.DefaultIdleSignOut - time.Minute)
	tick()
	if c.shell == nil || c.signIn != nil {
		t.Fatal("signed out before the idle time")
	}
	clock = clock.Add(2 * time.Minute)
	tick()
	if c.signIn == nil || c.user != nil {
		t.Fatal("still signed in after the idle time")
	}
	if want := i18n.T("signin.idle_signed_out", map[string]any{"Minutes": 30}); c.signIn.status.Text != want {
		t.Errorf("status %q, want %q", c.signIn.status.Text, want)
	}
}

// Rule: a database with accounts but no active admin gets the sign-in
// screen, never the first-run screen that would make a new admin.
func TestNoFirstRunWhenAccountsExist(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	if _, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("test"), store.NewUser{Username: "hana", Password: uitest.Password, Roles: []models.Role{models.RoleHR}}); err != nil {
		t.Fatal(err)
	}
	a := fyne.CurrentApp()
	w := test.NewWindow(nil)
	defer w.Close()
	c := NewController(a, w, st, widgets.NewSettings(a.Preferences()), "")
	c.Start()
	if c.signIn == nil {
		t.Fatal("no sign-in screen on a database with an account and no admin")
	}
}

// fyneCell is the first cell of table row r.
func fyneCell(r int) widget.TableCellID { return widget.TableCellID{Row: r, Col: 0} }
