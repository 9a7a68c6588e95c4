package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// TestMain runs the package's tests with the UI callbacks pumped on the
// test's goroutine (see widgets/async.go), the way a real driver's main loop
// would (uitest.Main).
func TestMain(m *testing.M) { uitest.Main(m) }

// Rule: the first-run screen creates the admin from the typed name and
// password, and then hands the new user on; the account can sign in.
func TestFirstRunCreatesAdmin(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	w := test.NewWindow(nil)
	defer w.Close()
	done := make(chan models.User, 1)
	fr := NewFirstRun(widgets.WithAccounts(st), w, func(string) {}, nil, func(u models.User) { done <- u })
	w.SetContent(fr.Content())
	if fr.username.Text != "admin" {
		t.Errorf("user name is pre-filled with %q, want admin", fr.username.Text)
	}
	test.Type(fr.fullName, "Huda Admin")
	test.Type(fr.password, "a long enough secret")
	test.Type(fr.confirm, "a long enough secret")
	test.Tap(fr.create)
	var u models.User
	uitest.WaitFor(t, "the admin to be created", func() bool {
		select {
		case u = <-done:
			return true
		default:
			return false
		}
	})
	if !u.HasRole(models.RoleAdmin) || u.FullName != "Huda Admin" {
		t.Errorf("created %+v, want admin Huda Admin", u)
	}
	if _, err := st.Accounts().SignIn(t.Context(), "admin", "a long enough secret"); err != nil {
		t.Errorf("sign in as the new admin: %v", err)
	}
}

// Rule: the first-run screen refuses different passwords and a password
// shorter than 10 characters, and creates no account.
func TestFirstRunRefusesBadPasswords(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	w := test.NewWindow(nil)
	defer w.Close()
	fr := NewFirstRun(widgets.WithAccounts(st), w, func(string) {}, nil, func(models.User) { t.Error("an account was created") })
	w.SetContent(fr.Content())
	test.Type(fr.password, "a long enough secret")
	test.Type(fr.confirm, "another long secret")
	test.Tap(fr.create)
	if fr.status.Text != i18n.T("error.passwords_differ") {
		t.Errorf("status = %q, want the passwords-differ message", fr.status.Text)
	}
	fr.password.SetText("short")
	fr.confirm.SetText("short")
	test.Tap(fr.create)
	uitest.WaitFor(t, "the short-password message", func() bool { return strings.Contains(fr.status.Text, "10") })
	if has, _ := st.Accounts().HasUsers(t.Context()); has {
		t.Error("an account exists after refused passwords")
	}
}

// Rule: "load demo data" is offered only while the database holds no data.
func TestFirstRunHidesDemoWhenDataExists(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	w := test.NewWindow(nil)
	defer w.Close()
	fr := NewFirstRun(widgets.WithAccounts(st), w, func(string) {}, nil, func(models.User) {})
	w.SetContent(fr.Content())
	if !fr.demo.Visible() {
		t.Error("demo data not offered on an empty database")
	}
	if _, err := st.SaveAgent(t.Context(), store.SystemActor("t"), models.Agent{EmployeeNo: "E1", FullName: "A", HireDate: models.MustDate("2024-01-01"), Role: "csr", RoleStartDate: models.MustDate("2024-01-01")}); err != nil {
		t.Fatal(err)
	}
	fr2 := NewFirstRun(widgets.WithAccounts(st), w, func(string) {}, nil, func(models.User) {})
	w.SetContent(fr2.Content())
	if fr2.demo.Visible() {
		t.Error("demo data offered on a database that has agents")
	}
}

// Rule: sign-in shows a clear message for a wrong password and hands the user
// on for the right one; the screen is in the chosen language.
func TestSignIn(t *testing.T) {
	test.NewTempApp(t)
	st := uitest.OpenTestStore(t)
	if _, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", Password: "a long enough secret"}); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()

	i18n.Use("ar")
	si := NewSignIn(st.Accounts(), "admin", func(string) {}, func(models.User) {})
	w.SetContent(si.Content())
	if si.button.Text != "تسجيل الدخول" {
		t.Errorf("Arabic sign-in button = %q", si.button.Text)
	}

	i18n.Use("en")
	var got *models.User
	si = NewSignIn(st.Accounts(), "admin", func(string) {}, func(u models.User) { got = &u })
	w.SetContent(si.Content())
	if si.button.Text != "Sign in" {
		t.Errorf("English sign-in button = %q", si.button.Text)
	}
	test.Type(si.password, "wrong password!!")
	test.Tap(si.button)
	uitest.WaitFor(t, "the wrong-password message", func() bool { return si.status.Text != "" })
	if si.status.Text != i18n.T("signin.bad_password") {
		t.Errorf("status = %q, want the bad-password message", si.status.Text)
	}
	test.Type(si.password, "a long enough secret")
	test.Tap(si.button)
	uitest.WaitFor(t, "the sign-in to finish", func() bool { return got != nil })
	if got.Username != "admin" {
		t.Errorf("signed in as %q", got.Username)
	}
}

// Rule: the shell shows only the areas the signed-in roles may use.
func TestAreasFollowRoles(t *testing.T) {
	cases := map[models.Role][]widgets.Area{
		models.RoleAdmin:      {widgets.AreaHome, widgets.AreaSettings},
		models.RoleManager:    {widgets.AreaHome, widgets.AreaRecruitment, widgets.AreaAgents, widgets.AreaEvaluations, widgets.AreaPromotions, widgets.AreaSettings},
		models.RoleHR:         {widgets.AreaHome, widgets.AreaRecruitment, widgets.AreaAgents, widgets.AreaEvaluations, widgets.AreaPromotions, widgets.AreaSettings},
		models.RoleQuality:    {widgets.AreaHome, widgets.AreaRecruitment, widgets.AreaAgents, widgets.AreaEvaluations, widgets.AreaSettings},
		models.RoleSupervisor: {widgets.AreaHome, widgets.AreaRecruitment, widgets.AreaAgents, widgets.AreaEvaluations, widgets.AreaSettings},
		models.RoleAgent:      {widgets.AreaHome, widgets.AreaRecruitment, widgets.AreaAgents, widgets.AreaEvaluations, widgets.AreaSettings},
	}
	for role, want := range cases {
		got := AreasFor(store.Actor{Roles: []models.Role{role}})
		if len(got) != len(want) {
			t.Errorf("%s: areas %v, want %v", role, got, want)
			continue
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("%s: areas %v, want %v", role, got, want)
				break
			}
		}
	}
}
