package bidi

import (
	"strings"
	"testing"
)

// Rule: a YYYY-MM-DD date inside an Arabic sentence keeps its written order
// (year first), as it does on its own.
func TestDatesKeepTheirOrder(t *testing.T) {
	for _, s := range []string{"الأسبوع 2026-11-22", "تاريخ 2026-11-22 هنا", "من 2025-01-05 إلى 2025-12-31"} {
		got := VisualDir(KeepDatesLTR(s), RightToLeft)
		for _, d := range []string{"2026-11-22", "2025-01-05", "2025-12-31"} {
			if strings.Contains(s, d) && !strings.Contains(got, d) {
				t.Errorf("VisualDir(%q) = %q: the date %s is not kept in order", s, got, d)
			}
		}
	}
}
