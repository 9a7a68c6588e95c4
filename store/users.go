package store

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"gorm.io/gorm"

	"sullam/models"
)

// LockoutDuration is how long an account waits after MaxFailedLogins failures.
const LockoutDuration = 15 * time.Minute

// NewUser is the input to create a user.
type NewUser struct {
	Username string
	FullName string
	Password string
	Language string
	Roles    []models.Role
	AgentID  *uint
}

func (n *NewUser) validate() error {
	n.Username = strings.TrimSpace(n.Username)
	n.FullName = strings.TrimSpace(n.FullName)
	if n.Username == "" || len(n.Username) > 64 || strings.ContainsAny(n.Username, " \t\n") {
		return models.Invalid("error.username_invalid", map[string]any{"Name": n.Username}, "user name %q: must be 1–64 characters without spaces", n.Username)
	}
	if n.FullName == "" {
		n.FullName = n.Username
	}
	if n.Language == "" {
		n.Language = "ar"
	}
	for _, r := range n.Roles {
		if !validRole(r) {
			return models.Invalid("error.role_unknown", map[string]any{"Role": r}, "role %q: unknown", r)
		}
	}
	return CheckPasswordRules(n.Password)
}

func validRole(r models.Role) bool {
	for _, x := range models.Roles {
		if x == r {
			return true
		}
	}
	return false
}

// HasUsableAccounts reports whether some account can sign in: false on
// first run, and on a SQLite copy of a shared server (a backup or migrate
// from PostgreSQL, which keeps no password hashes), whose admin is then
// set up again by the first-run screen or `init --admin`.
func (ac *Accounts) HasUsableAccounts(ctx context.Context) (bool, error) {
	s := ac.s
	s = s.withContext(ctx)
	has, err := s.Accounts().HasUsers(ctx)
	if err != nil || !has {
		return has, err
	}
	return s.anyUsablePassword(s.db)
}

// HasUsers reports whether any account exists (false on first run).
func (ac *Accounts) HasUsers(ctx context.Context) (bool, error) {
	s := ac.s
	s = s.withContext(ctx)
	if s.desk != nil && !s.desk.signedIn() {
		// a desk's URL reaches a database set up by its owner, with
		// accounts; there is nothing to read before the sign-in
		return true, nil
	}
	var n int64
	if err := s.db.Model(&models.User{}).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count users: %w", err)
	}
	return n > 0, nil
}

// HasData reports whether the database holds any agent or candidate.
func (s *Store) HasData(ctx context.Context) (bool, error) {
	s = s.withContext(ctx)
	var n, m int64
	if err := s.db.Model(&models.Agent{}).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count agents: %w", err)
	}
	if err := s.db.Model(&models.Candidate{}).Count(&m).Error; err != nil {
		return false, fmt.Errorf("count candidates: %w", err)
	}
	return n+m > 0, nil
}

// HasAdmin reports whether an active admin account exists (false on first run,
// and after `demo` filled a new database with its demo accounts only).
func (ac *Accounts) HasAdmin(ctx context.Context) (bool, error) {
	s := ac.s
	s = s.withContext(ctx)
	var n int64
	err := s.db.Model(&models.User{}).Joins("JOIN user_roles ur ON ur.user_id = users.id AND ur.role = ?", models.RoleAdmin).
		Where("users.active = ?", true).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("count admins: %w", err)
	}
	return n > 0, nil
}

// CreateFirstAdmin creates the first account, an admin, on a database with
// no account at all; once any account exists it is refused with
// models.ErrAlreadyExists, even when no active admin is left (an admin adds
// accounts from then on). There is no default account.
func (ac *Accounts) CreateFirstAdmin(ctx context.Context, n NewUser) (models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	n.Roles = []models.Role{models.RoleAdmin}
	if err := n.validate(); err != nil {
		return models.User{}, fmt.Errorf("create admin %s: %w", n.Username, err)
	}
	var u models.User
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var count int64
		if err := tx.Model(&models.User{}).Count(&count).Error; err != nil {
			return fmt.Errorf("count users: %w", err)
		}
		if count > 0 {
			usable, err := s.anyUsablePassword(tx)
			if err != nil {
				return err
			}
			if usable {
				return fmt.Errorf("accounts already exist; an admin signs in to add users: %w", models.ErrAlreadyExists)
			}
			// A copy of a shared server (backup or migrate from
			// PostgreSQL, which keeps no password hashes): no account can
			// sign in, so the first admin is set up again.
			var err2 error
			u, err2 = s.reviveAdmin(tx, n)
			return err2
		}
		var err error
		u, err = s.insertUser(tx, n)
		if err != nil {
			return err
		}
		return s.logChange(tx, Actor{UserID: u.ID, Username: u.Username}, "create", "user", u.Username, nil, userView(u))
	})
	if err != nil {
		return models.User{}, fmt.Errorf("create admin %s: %w", n.Username, translate(err))
	}
	return u, nil
}

// anyUsablePassword reports whether some active account of a SQLite
// database can sign in (has a password hash). On PostgreSQL the server
// authenticates, so every account counts as usable.
func (s *Store) anyUsablePassword(tx *gorm.DB) (bool, error) {
	if s.dialect == "postgres" {
		return true, nil
	}
	var n int64
	if err := tx.Model(&models.User{}).Where("active = ? AND password_hash <> ''", true).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count accounts with a password: %w", err)
	}
	return n > 0, nil
}

// reviveAdmin makes n the admin of a SQLite copy of a shared server, where
// no account has a password: the account named n.Username gets the admin
// role (if it lacks it), is made active and gets n's password; without
// such an account a new admin is created. Audited.
func (s *Store) reviveAdmin(tx *gorm.DB, n NewUser) (models.User, error) {
	var u models.User
	err := tx.Preload("Roles").Where("username = ?", n.Username).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		if u, err = s.insertUser(tx, n); err != nil {
			return models.User{}, err
		}
		return u, s.logChange(tx, Actor{UserID: u.ID, Username: u.Username}, "create", "user", u.Username, nil, userView(u))
	}
	if err != nil {
		return models.User{}, fmt.Errorf("find account %s: %w", n.Username, err)
	}
	before := userView(u)
	secret, err := s.passwordSecret(n.Password)
	if err != nil {
		return models.User{}, err
	}
	if err := tx.Model(&models.User{}).Where("id = ?", u.ID).Updates(map[string]any{
		"password_hash": secret, "active": true, "failed_logins": 0, "locked_until": nil, "version": u.Version + 1}).Error; err != nil {
		return models.User{}, fmt.Errorf("set the password of %s: %w", n.Username, err)
	}
	if !u.HasRole(models.RoleAdmin) {
		if err := tx.Create(&models.UserRole{UserID: u.ID, Role: models.RoleAdmin}).Error; err != nil {
			return models.User{}, fmt.Errorf("make %s an admin: %w", n.Username, err)
		}
	}
	if err := tx.Preload("Roles").First(&u, u.ID).Error; err != nil {
		return models.User{}, fmt.Errorf("reload %s: %w", n.Username, err)
	}
	return u, s.logChange(tx, Actor{UserID: u.ID, Username: u.Username}, "revive_admin", "user", u.Username, before, userView(u))
}

// insertUser stores a new account inside tx. On SQLite it keeps the
// password's argon2id hash; on PostgreSQL it keeps no hash and creates the
// account's database login (pgroles.go) with the password's SCRAM secret.
func (s *Store) insertUser(tx *gorm.DB, n NewUser) (models.User, error) {
	secret, err := s.passwordSecret(n.Password)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{Username: n.Username, FullName: n.FullName, Language: n.Language, AgentID: n.AgentID, Active: true, Version: 1}
	for _, r := range n.Roles {
		u.Roles = append(u.Roles, models.UserRole{Role: r})
	}
	create := tx
	if s.dialect == "postgres" {
		create = tx.Omit("PasswordHash")
	} else {
		u.PasswordHash = secret
	}
	if err := create.Create(&u).Error; err != nil {
		return models.User{}, translate(err)
	}
	if s.dialect == "postgres" {
		if err := s.setLogin(tx, u.ID, u.Username, secret, true, n.Roles); err != nil {
			return models.User{}, err
		}
	}
	return u, nil
}

// passwordSecret returns what is stored of a password: its argon2id hash
// in the users table on SQLite, its SCRAM-SHA-256 secret in the account's
// login on PostgreSQL.
func (s *Store) passwordSecret(pw string) (string, error) {
	if s.dialect == "postgres" {
		return scramSecret(pw)
	}
	return HashPassword(pw)
}

// userView is what the audit log keeps of a user (never the hash).
func userView(u models.User) map[string]any {
	return map[string]any{"username": u.Username, "full_name": u.FullName, "roles": u.RoleList(), "active": u.Active, "agent_id": u.AgentID}
}

// CreateUser creates an account; admins only.
func (ac *Accounts) CreateUser(ctx context.Context, a Actor, n NewUser) (models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageUsers); err != nil {
		return models.User{}, err
	}
	if err := n.validate(); err != nil {
		return models.User{}, fmt.Errorf("create user %s: %w", n.Username, err)
	}
	var u models.User
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		if u, err = s.insertUser(tx, n); err != nil {
			return err
		}
		return s.logChange(tx, a, "create", "user", u.Username, nil, userView(u))
	})
	if err != nil {
		return models.User{}, fmt.Errorf("create user %s: %w", n.Username, translate(err))
	}
	return u, nil
}

// ErrLastAdmin refuses a change that would leave no active admin: nobody
// could then manage accounts, and sign-in, the first-run screen and
// `init --admin` would all be closed.
var ErrLastAdmin = fmt.Errorf("the last active admin must stay an active admin; make another account admin first: %w", models.ErrForbidden)

// UserUpdate is one edit of an account by an admin: its roles, its active
// flag and, when Password is not empty, a new password, saved together.
type UserUpdate struct {
	UserID uint
	// Version is the account's version the edit started from; a save over a
	// newer version is refused with models.ErrStale.
	Version  int
	Roles    []models.Role
	Active   bool
	Password string // empty: unchanged
}

// UpdateUser saves an admin's edit of an account in one transaction: the
// roles, the active flag and the optional new password are all stored or
// none is. It refuses a stale version (models.ErrStale) and a change that
// leaves no active admin (ErrLastAdmin). Any change bumps the account's
// version, which ends the account's open sessions. It returns the account
// as stored.
func (ac *Accounts) UpdateUser(ctx context.Context, a Actor, up UserUpdate) (models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageUsers); err != nil {
		return models.User{}, err
	}
	roles, err := cleanRoles(up.Roles)
	if err != nil {
		return models.User{}, fmt.Errorf("update user #%d: %w", up.UserID, err)
	}
	hash := ""
	if up.Password != "" {
		if err := CheckPasswordRules(up.Password); err != nil {
			return models.User{}, fmt.Errorf("update user #%d: %w", up.UserID, err)
		}
		if hash, err = s.passwordSecret(up.Password); err != nil {
			return models.User{}, fmt.Errorf("update user #%d: %w", up.UserID, err)
		}
	}
	var u models.User
	err = s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		u, err = s.changeUser(tx, a, up.UserID, up.Version, &roles, &up.Active, hash)
		return err
	})
	if err != nil {
		return models.User{}, fmt.Errorf("update user #%d: %w", up.UserID, translate(err))
	}
	return u, nil
}

// SetPassword sets a user's password: the user themself or an admin. It
// bumps the account's version (ending its other sessions) and returns the
// account as stored, so that the caller's own session can carry on.
func (ac *Accounts) SetPassword(ctx context.Context, a Actor, userID uint, pw string) (models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return models.User{}, err
	}
	if a.UserID != userID {
		if err := s.require(a, OpManageUsers); err != nil {
			return models.User{}, err
		}
	}
	if err := CheckPasswordRules(pw); err != nil {
		return models.User{}, err
	}
	hash, err := s.passwordSecret(pw)
	if err != nil {
		return models.User{}, err
	}
	var u models.User
	err = s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		u, err = s.changeUser(tx, a, userID, 0, nil, nil, hash)
		return err
	})
	if err != nil {
		return models.User{}, fmt.Errorf("set password of user #%d: %w", userID, translate(err))
	}
	return u, nil
}

// changeUser applies a change of roles (when roles is not nil), of the
// active flag (when active is not nil) and of the password (when hash is not
// empty: an argon2id hash on SQLite, a SCRAM secret on PostgreSQL) to
// account id inside tx. version 0 skips the optimistic check. On
// PostgreSQL the account's login follows: its group roles, LOGIN or
// NOLOGIN, its password.
func (s *Store) changeUser(tx *gorm.DB, a Actor, id uint, version int, roles *[]models.Role, active *bool, hash string) (models.User, error) {
	if s.dialect == "postgres" {
		// Two admins demoting each other at once: the second waits here
		// and then counts the first one's change.
		if err := tx.Exec("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = ? WHERE u.active FOR UPDATE OF u", models.RoleAdmin).Error; err != nil {
			return models.User{}, fmt.Errorf("lock admins: %w", err)
		}
	}
	var u models.User
	if err := tx.Preload("Roles").First(&u, id).Error; err != nil {
		return models.User{}, translate(err)
	}
	if version != 0 && u.Version != version {
		return models.User{}, models.ErrStale
	}
	oldRoles, oldActive := u.RoleList(), u.Active
	rolesChanged := roles != nil && !sameRoles(oldRoles, *roles)
	activeChanged := active != nil && *active != u.Active
	if !rolesChanged && !activeChanged && hash == "" {
		return u, nil
	}
	if rolesChanged {
		if err := tx.Where("user_id = ?", id).Delete(&models.UserRole{}).Error; err != nil {
			return models.User{}, fmt.Errorf("replace roles: %w", err)
		}
		for _, r := range *roles {
			if err := tx.Create(&models.UserRole{UserID: id, Role: r}).Error; err != nil {
				return models.User{}, fmt.Errorf("replace roles: %w", err)
			}
		}
	}
	upd := map[string]any{"version": u.Version + 1, "updated_at": s.now().UTC()}
	if activeChanged {
		upd["active"] = *active
		upd["failed_logins"], upd["locked_until"] = 0, nil
	}
	res := tx.Model(&models.User{}).Where("id = ? AND version = ?", id, u.Version).Updates(upd)
	if res.Error != nil {
		return models.User{}, fmt.Errorf("update account: %w", res.Error)
	}
	if res.RowsAffected == 0 {
		return models.User{}, models.ErrStale
	}
	if hash != "" {
		upd := map[string]any{"failed_logins": 0, "locked_until": nil}
		if s.dialect != "postgres" {
			upd["password_hash"] = hash
		}
		if err := tx.Model(&models.User{}).Where("id = ?", id).Updates(upd).Error; err != nil {
			return models.User{}, fmt.Errorf("set password: %w", err)
		}
	}
	// only a change to an active admin can leave the database without one
	// (a database that has none — demo data, tests — may still edit others)
	if (rolesChanged || activeChanged) && oldActive && slices.Contains(oldRoles, models.RoleAdmin) {
		var admins int64
		if err := tx.Model(&models.User{}).Joins("JOIN user_roles ur ON ur.user_id = users.id AND ur.role = ?", models.RoleAdmin).
			Where("users.active = ?", true).Count(&admins).Error; err != nil {
			return models.User{}, fmt.Errorf("count admins: %w", err)
		}
		if admins == 0 {
			return models.User{}, ErrLastAdmin
		}
	}
	// after the refusals above: a deactivation ends the login's open
	// connections at once, and that cannot be rolled back
	if s.dialect == "postgres" {
		newRoles, newActive := oldRoles, oldActive
		if rolesChanged {
			newRoles = *roles
		}
		if activeChanged {
			newActive = *active
		}
		if err := s.setLogin(tx, id, u.Username, hash, newActive, newRoles); err != nil {
			return models.User{}, err
		}
	}
	old := map[string]any{}
	newv := map[string]any{}
	if rolesChanged {
		old["roles"], newv["roles"] = oldRoles, *roles
	}
	if activeChanged {
		old["active"], newv["active"] = oldActive, *active
	}
	if hash != "" {
		newv["password"] = "changed"
	}
	if err := s.logChange(tx, a, "update", "user", u.Username, old, newv); err != nil {
		return models.User{}, err
	}
	var out models.User
	if err := tx.Preload("Roles").First(&out, id).Error; err != nil {
		return models.User{}, translate(err)
	}
	return out, nil
}

// cleanRoles checks every role and drops repeats.
func cleanRoles(in []models.Role) ([]models.Role, error) {
	out := make([]models.Role, 0, len(in))
	for _, r := range in {
		if !validRole(r) {
			return nil, models.Invalid("error.role_unknown", map[string]any{"Role": r}, "role %q: unknown", r)
		}
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// sameRoles reports whether a and b hold the same roles, in any order.
func sameRoles(a, b []models.Role) bool {
	if len(a) != len(b) {
		return false
	}
	for _, r := range a {
		if !slices.Contains(b, r) {
			return false
		}
	}
	return true
}

// SetLanguage stores a user's preferred language.
func (ac *Accounts) SetLanguage(ctx context.Context, a Actor, lang string) error {
	s := ac.s
	s = s.withContext(ctx)
	if a.UserID == 0 {
		return nil
	}
	return translate(s.db.Model(&models.User{}).Where("id = ?", a.UserID).Update("language", lang).Error)
}

// ListUsers lists every account with its roles; admins only.
func (ac *Accounts) ListUsers(ctx context.Context, a Actor) ([]models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageUsers); err != nil {
		return nil, err
	}
	var out []models.User
	if err := s.db.Preload("Roles").Order("username").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	return out, nil
}

// UsersWithRole lists the active accounts holding a role (e.g. interviewers); any signed-in user.
func (ac *Accounts) UsersWithRole(ctx context.Context, r models.Role) ([]models.User, error) {
	s := ac.s
	s = s.withContext(ctx)
	var out []models.User
	// EXISTS, not a JOIN: with a join GORM names every column of the
	// model, and PostgreSQL's users table has no password_hash (0012).
	err := s.db.Preload("Roles").
		Where("users.active = ? AND EXISTS (SELECT 1 FROM user_roles ur WHERE ur.user_id = users.id AND ur.role = ?)", true, r).
		Order("users.full_name").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list users with role %s: %w", r, err)
	}
	return out, nil
}

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
