// Package models holds Sullam's domain types, enums, validation and sentinel
// errors. It has no dependency on Fyne or on GORM calls.
package models

import "errors"

// Sentinel errors; the store translates driver errors into these.
var (
	ErrNotFound      = errors.New("not found")
	ErrAlreadyExists = errors.New("already exists")
	ErrForbidden     = errors.New("forbidden")
	ErrStale         = errors.New("the record was changed by someone else; reload it and try again")
	ErrInvalid       = errors.New("invalid")
	ErrLocked        = errors.New("account locked")
	ErrBadPassword   = errors.New("wrong user name or password")
	ErrFinalized     = errors.New("evaluation is finalized")
	// ErrBusy: another process held the database's write lock longer than
	// the store waits; nothing was written.
	ErrBusy = errors.New("the database is busy (another import or desk is writing); try again")
	// ErrSessionExpired says the signed-in account was deactivated or its
	// roles or password changed since it signed in: it must sign in again.
	ErrSessionExpired = errors.New("session expired; sign in again")
)
