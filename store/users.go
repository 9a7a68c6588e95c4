package store

import (
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
func (s *Store) SignIn(username, pw string) (models.User, error) {
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
	verify := s.verify
	if verify == nil {
		verify = VerifyPassword
	}
	right := verify(hash, pw) // the one verification, in every case
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
