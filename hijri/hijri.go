// Package hijri gives the Umm al-Qura (Saudi Arabia's official) Hijri date
// of a Gregorian date, for display beside it. Sullam's data stays
// Gregorian; this is only how a date may also be shown. The conversion
// uses the Umm al-Qura tables of github.com/hablullah/go-hijri (valid
// from 1937 to 2077).
package hijri

import (
	"fmt"

	gohijri "github.com/hablullah/go-hijri"

	"sullam/models"
)

// Date is a day of the Umm al-Qura calendar.
type Date struct {
	Year, Month, Day int
}

// String returns the date as YYYY-MM-DD (Hijri year first, like the
// Gregorian dates of the app).
func (d Date) String() string { return fmt.Sprintf("%04d-%02d-%02d", d.Year, d.Month, d.Day) }

// FromGregorian returns the Umm al-Qura date of d; false outside the
// tables' range or for a zero date.
func FromGregorian(d models.Date) (Date, bool) {
	if d.IsZero() {
		return Date{}, false
	}
	uq, err := gohijri.CreateUmmAlQuraDate(d.Time())
	if err != nil {
		return Date{}, false
	}
	return Date{Year: int(uq.Year), Month: int(uq.Month), Day: int(uq.Day)}, true
}

// ToGregorian returns the Gregorian date of an Umm al-Qura date.
func ToGregorian(h Date) models.Date {
	uq := gohijri.UmmAlQuraDate{Year: int64(h.Year), Month: int64(h.Month), Day: int64(h.Day)}
	return models.DateOf(uq.ToGregorian())
}

// Beside returns the Gregorian date followed by its Hijri date, as Saudi
// official documents show them: "2025-03-01 (1446-09-01 هـ)" in Arabic,
// "2025-03-01 (1446-09-01 AH)" in English; just the Gregorian date when it
// has no Hijri date.
func Beside(d models.Date, lang string) string {
	h, ok := FromGregorian(d)
	if !ok {
		return d.String()
	}
	suffix := "AH"
	if lang == "ar" {
		suffix = "هـ"
	}
	return fmt.Sprintf("%s (%s %s)", d.String(), h.String(), suffix)
}
