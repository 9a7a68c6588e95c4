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
	return s.insertUserSecret(tx, n, secret)
}

// insertUserSecret inserts account n with the stored secret given (made by
// passwordSecret): its argon2id hash in the users table on SQLite, its
// login with that SCRAM secret on PostgreSQL. insertUser hashes the
// account's own password first; CreateDemoUsers passes the one secret of
// the demo password.
func (s *Store) insertUserSecret(tx *gorm.DB, n NewUser, secret string) (models.User, error) {
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
