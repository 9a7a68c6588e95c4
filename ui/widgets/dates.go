package widgets

import (
	"sullam/models"
	"sullam/ui/i18n"
)

// HijriOn reports whether the user chose to see Hijri dates.
func (d Deps) HijriOn() bool { return d.Hijri != nil && d.Hijri() }

// ShownDate formats a date for reading (not for an entry field): YYYY-MM-DD,
// followed by its Umm al-Qura Hijri date when withHijri; "" for no date.
func ShownDate(d models.Date, withHijri bool) string {
	if d.IsZero() {
		return ""
	}
	return i18n.Date(d, withHijri)
}
