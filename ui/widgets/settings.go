package widgets

import (
	"time"

	"fyne.io/fyne/v2"
)

// Settings is the one typed access to Sullam's preferences.
type Settings struct{ p fyne.Preferences }

// NewSettings wraps the app's preferences.
func NewSettings(p fyne.Preferences) Settings { return Settings{p: p} }

const (
	prefLanguage   = "language"
	prefLastUser   = "last_user"
	prefBackupKeep = "backup_keep"
	prefIdleMins   = "idle_sign_out_minutes"
	prefHijri      = "show_hijri"
	prefDigits     = "arabic_digits"
)

// DefaultIdleSignOut is how long a signed-in window may stay without
// activity before it signs the user out.
const DefaultIdleSignOut = 30 * time.Minute

// IdleSignOut returns how long the window waits without activity before it
// signs the user out (0: never).
func (s Settings) IdleSignOut() time.Duration {
	return time.Duration(s.p.IntWithFallback(prefIdleMins, int(DefaultIdleSignOut/time.Minute))) * time.Minute
}

// SetIdleSignOut stores the idle sign-out time, in whole minutes (0: never).
func (s Settings) SetIdleSignOut(d time.Duration) { s.p.SetInt(prefIdleMins, int(d/time.Minute)) }

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

// ShowHijri reports whether dates are shown with their Umm al-Qura Hijri
// date beside them (on the profile and in the reports made at this desk).
func (s Settings) ShowHijri() bool { return s.p.BoolWithFallback(prefHijri, false) }

// SetShowHijri stores the Hijri dates choice.
func (s Settings) SetShowHijri(on bool) { s.p.SetBool(prefHijri, on) }

// ArabicDigits reports whether numbers and dates are shown with
// Arabic-Indic digits (١٢٣) in Arabic; false (the default): Latin (123).
func (s Settings) ArabicDigits() bool { return s.p.BoolWithFallback(prefDigits, false) }

// SetArabicDigits stores the digits choice.
func (s Settings) SetArabicDigits(on bool) { s.p.SetBool(prefDigits, on) }
