package store

import (
	"context"
	"fmt"
	"slices"

	"gorm.io/gorm"

	"sullam/models"
)

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
	if err := s.lockAdmins(tx); err != nil {
		return models.User{}, err
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
		if err := replaceRoles(tx, id, *roles); err != nil {
			return models.User{}, err
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
		if err := s.setPasswordHash(tx, id, hash); err != nil {
			return models.User{}, err
		}
	}
	// only a change to an active admin can leave the database without one
	// (a database that has none — demo data, tests — may still edit others)
	if (rolesChanged || activeChanged) && oldActive && slices.Contains(oldRoles, models.RoleAdmin) {
		if err := anAdminLeft(tx); err != nil {
			return models.User{}, err
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

// lockAdmins locks, on PostgreSQL, the active admins' accounts for the rest
// of tx: two admins demoting each other at once, the second waits here and
// then counts the first one's change.
func (s *Store) lockAdmins(tx *gorm.DB) error {
	if s.dialect != "postgres" {
		return nil
	}
	if err := tx.Exec("SELECT u.id FROM users u JOIN user_roles r ON r.user_id = u.id AND r.role = ? WHERE u.active FOR UPDATE OF u", models.RoleAdmin).Error; err != nil {
		return fmt.Errorf("lock admins: %w", err)
	}
	return nil
}

// replaceRoles gives account id exactly roles, inside tx.
func replaceRoles(tx *gorm.DB, id uint, roles []models.Role) error {
	if err := tx.Where("user_id = ?", id).Delete(&models.UserRole{}).Error; err != nil {
		return fmt.Errorf("replace roles: %w", err)
	}
	for _, r := range roles {
		if err := tx.Create(&models.UserRole{UserID: id, Role: r}).Error; err != nil {
			return fmt.Errorf("replace roles: %w", err)
		}
	}
	return nil
}

// setPasswordHash stores account id's new password inside tx (on SQLite its
// hash; on PostgreSQL the login's secret is setLogin's) and clears its
// failed sign-ins and lock.
func (s *Store) setPasswordHash(tx *gorm.DB, id uint, hash string) error {
	upd := map[string]any{"failed_logins": 0, "locked_until": nil}
	if s.dialect != "postgres" {
		upd["password_hash"] = hash
	}
	if err := tx.Model(&models.User{}).Where("id = ?", id).Updates(upd).Error; err != nil {
		return fmt.Errorf("set password: %w", err)
	}
	return nil
}

// anAdminLeft refuses, with ErrLastAdmin, a change after which tx holds no
// active admin.
func anAdminLeft(tx *gorm.DB) error {
	var admins int64
	if err := tx.Model(&models.User{}).Joins("JOIN user_roles ur ON ur.user_id = users.id AND ur.role = ?", models.RoleAdmin).
		Where("users.active = ?", true).Count(&admins).Error; err != nil {
		return fmt.Errorf("count admins: %w", err)
	}
	if admins == 0 {
		return ErrLastAdmin
	}
	return nil
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
