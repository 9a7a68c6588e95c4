package store

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"sullam/models"
)

// ErrSignInRefused is the one answer to a refused sign-in, whatever the
// reason: an unknown user name, a disabled account, a locked one or a wrong
// password, so that the answer never tells whether an account exists. It
// is a models.ErrBadPassword.
var ErrSignInRefused = fmt.Errorf("%w (after %d failed sign-ins in a row an account waits %d minutes)",
	models.ErrBadPassword, MaxFailedLogins, int(LockoutDuration/time.Minute))

// SignIn checks a user name and password. After MaxFailedLogins failures in a
// row the account waits LockoutDuration. An unknown name, a disabled or
// locked account and a wrong password get the same error, ErrSignInRefused,
// after the same work: exactly one password verification each (an unknown
// name is checked against dummyHash).
//
// On PostgreSQL PostgreSQL checks the password: a desk store (IsDeskURL)
// connects as the account's login from then on; a store opened with the
// owner's URL opens one connection as the login to check it, in every case
// (an unknown name too: the server answers it alike).
func (ac *Accounts) SignIn(ctx context.Context, username, pw string) (models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	if s.desk != nil {
		return s.deskSignIn(username, pw)
	}
	var u models.User
	err := s.db.Preload("Roles").Where("username = ?", strings.TrimSpace(username)).First(&u).Error
	found := err == nil
	if err != nil && !errors.Is(err, gorm.ErrRecordNotFound) {
		return models.User{}, fmt.Errorf("sign in %s: %w", username, err)
	}
	hash := dummyHash
	if found {
		hash = u.PasswordHash
	}
	var right bool
	if s.dialect == "postgres" {
		// the one verification, in every case
		if right, err = s.loginCheck(s, PGLoginName(s.pgPrefix, strings.TrimSpace(username)), pw); err != nil {
			return models.User{}, fmt.Errorf("sign in %s: %w", username, err)
		}
	} else {
		verify := s.verify
		if verify == nil {
			verify = VerifyPassword
		}
		right = verify(hash, pw) // the one verification, in every case
	}
	now := s.now().UTC()
	switch {
	case !found, u.LockedUntil != nil && now.Before(*u.LockedUntil), !u.Active:
		return models.User{}, ErrSignInRefused
	case !right:
		fails := u.FailedLogins + 1
		upd := map[string]any{"failed_logins": fails}
		if fails >= MaxFailedLogins {
			upd["locked_until"] = now.Add(LockoutDuration)
			upd["failed_logins"] = 0
		}
		s.db.Model(&u).Updates(upd)
		_ = s.logChange(s.db, Actor{UserID: u.ID, Username: u.Username}, "sign_in_failed", "user", u.Username, nil, map[string]any{"failures": fails})
		return models.User{}, ErrSignInRefused
	}
	if u.FailedLogins != 0 || u.LockedUntil != nil {
		s.db.Model(&u).Updates(map[string]any{"failed_logins": 0, "locked_until": nil})
	}
	return u, nil
}

// dummyHash is checked against when no account has the user name, so that
// an unknown name takes the same work as a wrong password. It is the hash
// of a random password nobody knows, made once with HashPassword's
// parameters (a hash made at run time would cost an unknown name one more
// argon2 run, on the command line at every sign-in).
const dummyHash = "$argon2id$v=19$m=19456,t=2,p=1$gN58vLBxLOT5rqFFgNiExg$VFISG9Ovv654+vbq22exdYyVr3WNchbgMlDvncvyhXA"
