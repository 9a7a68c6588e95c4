package store

import (
	"errors"
	"fmt"
	"strings"
	"sync"
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
		return fmt.Errorf("user name %q: must be 1–64 characters without spaces: %w", n.Username, models.ErrInvalid)
	}
	if n.FullName == "" {
		n.FullName = n.Username
	}
	if n.Language == "" {
		n.Language = "ar"
	}
	for _, r := range n.Roles {
		if !validRole(r) {
			return fmt.Errorf("role %q: unknown: %w", r, models.ErrInvalid)
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

// HasUsers reports whether any account exists (false on first run).
func (s *Store) HasUsers() (bool, error) {
	var n int64
	if err := s.db.Model(&models.User{}).Count(&n).Error; err != nil {
		return false, fmt.Errorf("count users: %w", err)
	}
	return n > 0, nil
}

// HasData reports whether the database holds any agent or candidate.
func (s *Store) HasData() (bool, error) {
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
func (s *Store) HasAdmin() (bool, error) {
	var n int64
	err := s.db.Model(&models.User{}).Joins("JOIN user_roles ur ON ur.user_id = users.id AND ur.role = ?", models.RoleAdmin).
		Where("users.active = ?", true).Count(&n).Error
	if err != nil {
		return false, fmt.Errorf("count admins: %w", err)
	}
	return n > 0, nil
}

// CreateFirstAdmin creates the first admin account when no admin exists yet.
// There is no default account.
func (s *Store) CreateFirstAdmin(n NewUser) (models.User, error) {
	n.Roles = []models.Role{models.RoleAdmin}
	if err := n.validate(); err != nil {
		return models.User{}, fmt.Errorf("create admin %s: %w", n.Username, err)
	}
	var u models.User
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var count int64
		if err := tx.Model(&models.User{}).Joins("JOIN user_roles ur ON ur.user_id = users.id AND ur.role = ?", models.RoleAdmin).Count(&count).Error; err != nil {
			return err
		}
		if count > 0 {
			return fmt.Errorf("an admin already exists; sign in as an admin to add users: %w", models.ErrAlreadyExists)
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

func (s *Store) insertUser(tx *gorm.DB, n NewUser) (models.User, error) {
	hash, err := HashPassword(n.Password)
	if err != nil {
		return models.User{}, err
	}
	u := models.User{Username: n.Username, FullName: n.FullName, PasswordHash: hash, Language: n.Language, AgentID: n.AgentID, Active: true, Version: 1}
	for _, r := range n.Roles {
		u.Roles = append(u.Roles, models.UserRole{Role: r})
	}
	if err := tx.Create(&u).Error; err != nil {
		return models.User{}, translate(err)
	}
	return u, nil
}

// userView is what the audit log keeps of a user (never the hash).
func userView(u models.User) map[string]any {
	return map[string]any{"username": u.Username, "full_name": u.FullName, "roles": u.RoleList(), "active": u.Active, "agent_id": u.AgentID}
}

// CreateUser creates an account; admins only.
func (s *Store) CreateUser(a Actor, n NewUser) (models.User, error) {
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

// SetRoles replaces the roles of a user; admins only.
func (s *Store) SetRoles(a Actor, userID uint, roles []models.Role) error {
	if err := s.require(a, OpManageUsers); err != nil {
		return err
	}
	for _, r := range roles {
		if !validRole(r) {
			return fmt.Errorf("set roles: role %q: unknown: %w", r, models.ErrInvalid)
		}
	}
	return translate(s.db.Transaction(func(tx *gorm.DB) error {
		var u models.User
		if err := tx.Preload("Roles").First(&u, userID).Error; err != nil {
			return fmt.Errorf("set roles of user %d: %w", userID, translate(err))
		}
		old := u.RoleList()
		if err := tx.Where("user_id = ?", userID).Delete(&models.UserRole{}).Error; err != nil {
			return err
		}
		for _, r := range roles {
			if err := tx.Create(&models.UserRole{UserID: userID, Role: r}).Error; err != nil {
				return err
			}
		}
		return s.logChange(tx, a, "set_roles", "user", u.Username, old, roles)
	}))
}

// SetUserActive enables or disables an account; admins only.
func (s *Store) SetUserActive(a Actor, userID uint, active bool) error {
	if err := s.require(a, OpManageUsers); err != nil {
		return err
	}
	return translate(s.db.Transaction(func(tx *gorm.DB) error {
		var u models.User
		if err := tx.First(&u, userID).Error; err != nil {
			return fmt.Errorf("set active of user %d: %w", userID, translate(err))
		}
		if err := tx.Model(&u).Updates(map[string]any{"active": active, "failed_logins": 0, "locked_until": nil}).Error; err != nil {
			return err
		}
		return s.logChange(tx, a, "set_active", "user", u.Username, u.Active, active)
	}))
}

// SetPassword sets a user's password: the user themself or an admin.
func (s *Store) SetPassword(a Actor, userID uint, pw string) error {
	if a.UserID != userID {
		if err := s.require(a, OpManageUsers); err != nil {
			return err
		}
	}
	if err := CheckPasswordRules(pw); err != nil {
		return err
	}
	hash, err := HashPassword(pw)
	if err != nil {
		return err
	}
	return translate(s.db.Transaction(func(tx *gorm.DB) error {
		var u models.User
		if err := tx.First(&u, userID).Error; err != nil {
			return fmt.Errorf("set password of user %d: %w", userID, translate(err))
		}
		if err := tx.Model(&u).Updates(map[string]any{"password_hash": hash, "failed_logins": 0, "locked_until": nil}).Error; err != nil {
			return err
		}
		return s.logChange(tx, a, "set_password", "user", u.Username, nil, nil)
	}))
}

// SetLanguage stores a user's preferred language.
func (s *Store) SetLanguage(a Actor, lang string) error {
	if a.UserID == 0 {
		return nil
	}
	return translate(s.db.Model(&models.User{}).Where("id = ?", a.UserID).Update("language", lang).Error)
}

// ListUsers lists every account with its roles; admins only.
func (s *Store) ListUsers(a Actor) ([]models.User, error) {
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
func (s *Store) UsersWithRole(r models.Role) ([]models.User, error) {
	var out []models.User
	err := s.db.Preload("Roles").Joins("JOIN user_roles ur ON ur.user_id = users.id AND ur.role = ?", r).
		Where("users.active = ?", true).Order("users.full_name").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("list users with role %s: %w", r, err)
	}
	return out, nil
}

// SignIn checks a user name and password. After MaxFailedLogins failures in a
// row the account waits LockoutDuration; a wrong name and a wrong password
// give the same error.
func (s *Store) SignIn(username, pw string) (models.User, error) {
	var u models.User
	err := s.db.Preload("Roles").Where("username = ?", strings.TrimSpace(username)).First(&u).Error
	if errors.Is(err, gorm.ErrRecordNotFound) {
		VerifyPassword(dummyHash(), pw) // same work as a real check
		return models.User{}, models.ErrBadPassword
	}
	if err != nil {
		return models.User{}, fmt.Errorf("sign in %s: %w", username, err)
	}
	now := s.now().UTC()
	if u.LockedUntil != nil && now.Before(*u.LockedUntil) {
		return models.User{}, &LockedError{Until: *u.LockedUntil}
	}
	if !u.Active {
		return models.User{}, models.ErrBadPassword
	}
	if !VerifyPassword(u.PasswordHash, pw) {
		fails := u.FailedLogins + 1
		upd := map[string]any{"failed_logins": fails}
		var lockErr error
		if fails >= MaxFailedLogins {
			until := now.Add(LockoutDuration)
			upd["locked_until"] = until
			upd["failed_logins"] = 0
			lockErr = &LockedError{Until: until}
		}
		s.db.Model(&u).Updates(upd)
		_ = s.logChange(s.db, Actor{UserID: u.ID, Username: u.Username}, "sign_in_failed", "user", u.Username, nil, map[string]any{"failures": fails})
		if lockErr != nil {
			return models.User{}, lockErr
		}
		return models.User{}, models.ErrBadPassword
	}
	if u.FailedLogins != 0 || u.LockedUntil != nil {
		s.db.Model(&u).Updates(map[string]any{"failed_logins": 0, "locked_until": nil})
	}
	return u, nil
}

// LockedError says an account is locked until a time.
type LockedError struct{ Until time.Time }

func (e *LockedError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again after %s", e.Until.Local().Format("15:04"))
}

// Unwrap makes errors.Is(err, models.ErrLocked) true.
func (e *LockedError) Unwrap() error { return models.ErrLocked }

// dummyHash is checked against when no account has the user name, so that
// an unknown name takes as long as a wrong password. It is made on first
// use: hashing takes about 100 ms and 20 MB, which every command of the
// command line paid at start when it was made at package init.
var dummyHash = sync.OnceValue(func() string {
	h, _ := HashPassword("not-a-real-password")
	return h
})
