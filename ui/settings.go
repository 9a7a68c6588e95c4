package ui

import "fyne.io/fyne/v2"

// Settings is the one typed access to Sullam's preferences.
type Settings struct{ p fyne.Preferences }

// NewSettings wraps the app's preferences.
func NewSettings(p fyne.Preferences) Settings { return Settings{p: p} }

const (
	prefLanguage   = "language"
	prefLastUser   = "last_user"
	prefBackupKeep = "backup_keep"
)

// Language returns the chosen language code ("ar" by default: Arabic first).
func (s Settings) Language() string { return s.p.StringWithFallback(prefLanguage, "ar") }

// SetLanguage stores the chosen language code.
func (s Settings) SetLanguage(code string) { s.p.SetString(prefLanguage, code) }

// LastUser returns the user name of the last sign-in.
func (s Settings) LastUser() string { return s.p.String(prefLastUser) }

// SetLastUser stores the user name of the last sign-in.
func (s Settings) SetLastUser(name string) { s.p.SetString(prefLastUser, name) }

// BackupKeep returns how many daily automatic backups to keep.
func (s Settings) BackupKeep() int { return s.p.IntWithFallback(prefBackupKeep, 14) }
