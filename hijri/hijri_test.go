package hijri

import (
	"testing"

	"sullam/models"
)

// TestUmmAlQuraPublishedDates checks the conversion against dates published
// in the Umm al-Qura calendar (the first days of months Saudi Arabia
// announced by it): start of Ramadan, Shawwal, Muharram and the National
// Day, both ways.
func TestUmmAlQuraPublishedDates(t *testing.T) {
	for _, tc := range []struct {
		greg  string
		hijri Date
	}{
		{"2023-04-21", Date{1444, 10, 1}}, // 1 Shawwal 1444 (Eid al-Fitr)
		{"2024-03-11", Date{1445, 9, 1}},  // 1 Ramadan 1445
		{"2024-07-07", Date{1446, 1, 1}},  // 1 Muharram 1446
		{"2025-03-01", Date{1446, 9, 1}},  // 1 Ramadan 1446
		{"2025-06-26", Date{1447, 1, 1}},  // 1 Muharram 1447
		{"2025-09-23", Date{1447, 4, 1}},  // Saudi National Day 2025 = 1 Rabi' al-Thani 1447
	} {
		g := models.MustDate(tc.greg)
		got, ok := FromGregorian(g)
		if !ok || got != tc.hijri {
			t.Errorf("FromGregorian(%s) = %v %v, want %v", tc.greg, got, ok, tc.hijri)
		}
		if back := ToGregorian(tc.hijri); back != g {
			t.Errorf("ToGregorian(%v) = %s, want %s", tc.hijri, back, tc.greg)
		}
	}
}

// TestBeside checks the display form in both languages, and that a date the
// tables do not cover shows only the Gregorian date.
func TestBeside(t *testing.T) {
	d := models.MustDate("2025-03-01")
	if got := Beside(d, "ar"); got != "2025-03-01 (1446-09-01 هـ)" {
		t.Errorf("ar: %q", got)
	}
	if got := Beside(d, "en"); got != "2025-03-01 (1446-09-01 AH)" {
		t.Errorf("en: %q", got)
	}
	if got := Beside(models.MustDate("2090-01-01"), "en"); got != "2090-01-01" {
		t.Errorf("out of range: %q", got)
	}
	if _, ok := FromGregorian(models.Date{}); ok {
		t.Error("a zero date has no Hijri date")
	}
}
