package demo

import (
	"database/sql"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"sullam/models"
	"sullam/store"
)

// Rule (issue 11): the demo accounts have no password written in the
// source: with no DemoPassword, each generation makes a new random one that
// passes the password rules, from an alphabet without look-alikes; a given
// DemoPassword is used as it is.
func TestDemoPasswordIsRandomUnlessGiven(t *testing.T) {
	o := Options{Agents: MinAgents, Years: 1, Seed: 1, Today: today}
	seen := map[string]bool{}
	for range 5 {
		d := mustGenerate(t, o)
		if err := store.CheckPasswordRules(d.Password); err != nil {
			t.Fatalf("random password %q: %v", d.Password, err)
		}
		if strings.Trim(d.Password, passwordAlphabet) != "" || len(d.Password) != passwordLength {
			t.Errorf("random password %q: want %d characters of the alphabet", d.Password, passwordLength)
		}
		if seen[d.Password] {
			t.Errorf("the password %q came twice", d.Password)
		}
		seen[d.Password] = true
	}
	o.DemoPassword = "chosen by the user"
	if d := mustGenerate(t, o); d.Password != o.DemoPassword {
		t.Errorf("password %q, want the given one", d.Password)
	}
}

// Rule (issue 17): the demo password is hashed once per load: every demo
// account stores the same hash (one salt), every one of them signs in with
// the demo password and none with another, and an account created after
// the demo still gets its own salt (real accounts are hashed one by one).
func TestDemoAccountsShareOneHash(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a database")
	}
	d := mustGenerate(t, Options{Agents: 60, Years: 1, Seed: 3, Today: today, DemoPassword: "shared-demo-pw"})
	st, path := loadTemp(t, d)
	db, err := sql.Open("sqlite3", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	hashes := func() map[string]string {
		t.Helper()
		rows, err := db.Query("SELECT username, password_hash FROM users")
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		m := map[string]string{}
		for rows.Next() {
			var u, h string
			if err := rows.Scan(&u, &h); err != nil {
				t.Fatal(err)
			}
			m[u] = h
		}
		return m
	}
	got := hashes()
	if len(got) != len(d.Users) || len(d.Users) < 3 {
		t.Fatalf("%d accounts stored, %d demo accounts", len(got), len(d.Users))
	}
	first := got[d.Users[0].Username]
	for _, u := range d.Users {
		if got[u.Username] != first {
			t.Errorf("%s: hash %q, want the demo's one hash %q", u.Username, got[u.Username], first)
		}
		if _, err := st.Accounts().SignIn(t.Context(), u.Username, "shared-demo-pw"); err != nil {
			t.Errorf("sign in as %s: %v", u.Username, err)
		}
	}
	if _, err := st.Accounts().SignIn(t.Context(), d.Users[1].Username, "shared-demo-px"); !errors.Is(err, store.ErrSignInRefused) {
		t.Errorf("wrong password: %v, want refused", err)
	}
	if _, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("t"), store.NewUser{Username: "real", Password: "shared-demo-pw"}); err != nil {
		t.Fatal(err)
	}
	if h := hashes()["real"]; h == first || h == "" {
		t.Errorf("a real account with the same password got the demo's hash %q", h)
	}
}

// Rule: CreateDemoUsers refuses demo accounts that do not share one
// password, and writes none of them.
func TestCreateDemoUsersNeedsOnePassword(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ns := []store.NewUser{{Username: "a1", Password: "password-one"}, {Username: "a2", Password: "password-two"}}
	if _, err := st.Accounts().CreateDemoUsers(t.Context(), store.SystemActor("t"), ns); !errors.Is(err, models.ErrInvalid) {
		t.Errorf("two passwords: %v, want ErrInvalid", err)
	}
	if has, err := st.Accounts().HasUsableAccounts(t.Context()); err != nil || has {
		t.Errorf("accounts written after a refusal: %v %v", has, err)
	}
}
