package store

import (
	"errors"
	"testing"
	"time"

	"sullam/models"
)

// Rule (issue 11): sign-in answers an unknown user name, a disabled account,
// a locked account and a wrong password with the same error value and
// message (the answer never tells whether an account exists) after the same
// work: exactly one password verification in each case. Checked with a
// counting verifier, not with a clock; on SQLite and PostgreSQL (where the
// verification is one connection attempt as the account's login: the
// server answers an unknown login alike).
func TestSignInSameAnswerSameWork(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			calls := 0
			counting := func(hash, pw string) bool { calls++; return VerifyPassword(hash, pw) }
			countingLogin := func(s *Store, login, pw string) (bool, error) { calls++; return s.connectAs(login, pw) }
			clock := &testClock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)}
			testSignInSameAnswerSameWork(t, open(t, WithPasswordVerifier(counting), withLoginCheck(countingLogin), WithClock(clock.Now)), &calls)
		})
	}
}

func testSignInSameAnswerSameWork(t *testing.T, s *Store, calls *int) {
	mustUser(t, s, "hana", nil, models.RoleHR)
	off := mustUser(t, s, "omar", nil, models.RoleHR)
	if _, err := s.Accounts().UpdateUser(t.Context(), SystemActor("t"), UserUpdate{UserID: off.ID, Version: off.Version, Roles: off.RoleList(), Active: false}); err != nil {
		t.Fatal(err)
	}
	locked := mustUser(t, s, "lina", nil, models.RoleHR)
	for range MaxFailedLogins {
		s.Accounts().SignIn(t.Context(), "lina", "wrong password!")
	}
	var u models.User
	if err := s.db.First(&u, locked.ID).Error; err != nil || u.LockedUntil == nil {
		t.Fatalf("lina is not locked: %v %+v", err, u)
	}

	cases := []struct{ name, user, pw string }{
		{"unknown user", "nobody", "correct horse battery"},
		{"disabled account, right password", "omar", "correct horse battery"},
		{"locked account, right password", "lina", "correct horse battery"},
		{"wrong password", "hana", "wrong password!"},
	}
	var first error
	for _, tc := range cases {
		*calls = 0
		_, err := s.Accounts().SignIn(t.Context(), tc.user, tc.pw)
		if err != ErrSignInRefused || !errors.Is(err, models.ErrBadPassword) {
			t.Errorf("%s: err = %v, want ErrSignInRefused", tc.name, err)
		}
		if first == nil {
			first = err
		} else if err == nil || err.Error() != first.Error() {
			t.Errorf("%s: message %q, want the same as for an unknown user: %q", tc.name, err, first)
		}
		if *calls != 1 {
			t.Errorf("%s: %d password verifications, want exactly 1", tc.name, *calls)
		}
	}
	*calls = 0
	if _, err := s.Accounts().SignIn(t.Context(), "hana", "correct horse battery"); err != nil || *calls != 1 {
		t.Errorf("right password: %v after %d verifications, want success after 1", err, *calls)
	}
}

// Rule: the stand-in hash an unknown user name is checked against has the
// parameters of a real one (argon2id, m=19 MiB, t=2, p=1), so that checking
// it is the same work as checking a real password; and no password opens it.
func TestDummyHashCostsAsMuchAsARealOne(t *testing.T) {
	real, err := HashPassword("correct horse battery")
	if err != nil {
		t.Fatal(err)
	}
	params := func(h string) string { return h[:len("$argon2id$v=19$m=19456,t=2,p=1$")] }
	if params(dummyHash) != params(real) || len(dummyHash) != len(real) {
		t.Errorf("dummy hash %q: parameters or length differ from a real hash %q", dummyHash, real)
	}
	for _, pw := range []string{"", "not-a-real-password", "correct horse battery"} {
		if VerifyPassword(dummyHash, pw) {
			t.Errorf("the dummy hash opens with %q", pw)
		}
	}
}

// withLoginCheck sets how SignIn checks a password on PostgreSQL with the
// owner's URL (tests count its calls).
func withLoginCheck(f func(s *Store, login, pw string) (bool, error)) Option {
	return func(s *Store) { s.loginCheck = f }
}
