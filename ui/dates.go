package ui

import (
	"sullam/models"
	"sullam/ui/i18n"
)

// hijriOn reports whether the user chose to see Hijri dates.
func (d Deps) hijriOn() bool { return d.Hijri != nil && d.Hijri() }

// shownDate formats a date for reading (not for an entry field): YYYY-MM-DD,
// followed by its Umm al-Qura Hijri date when withHijri; "" for no date.
func shownDate(d models.Date, withHijri bool) string {
	if d.IsZero() {
		return ""
	}
	return i18n.Date(d, withHijri)
}
