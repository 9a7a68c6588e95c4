package recruiting

import (
	"slices"
	"testing"

	"sullam/models"
)

// TestRetentionPeriod checks the retention rules: the period HR may set is
// 1 to 120 months (24 by default); the cut-off is that many months before
// today (a day past the month's end runs on into the next, as
// models.Date.AddMonths does); only rejected and withdrawn candidates are
// anonymised by it.
func TestRetentionPeriod(t *testing.T) {
	for m, want := range map[int]bool{-1: false, 0: false, 1: true, 24: true, 120: true, 121: false} {
		if got := ValidRetentionMonths(m); got != want {
			t.Errorf("ValidRetentionMonths(%d) = %v, want %v", m, got, want)
		}
	}
	if !ValidRetentionMonths(DefaultRetentionMonths) || DefaultRetentionMonths != 24 {
		t.Errorf("DefaultRetentionMonths = %d, want a valid 24", DefaultRetentionMonths)
	}
	for _, tc := range []struct {
		today  string
		months int
		want   string
	}{
		{"2026-12-02", 24, "2024-12-02"},
		{"2026-03-31", 1, "2026-03-03"}, // no 31 February: it runs on, as time.AddDate does,
		{"2026-01-15", 120, "2016-01-15"},
	} {
		if got := RetentionCutoff(models.MustDate(tc.today), tc.months); got != models.MustDate(tc.want) {
			t.Errorf("RetentionCutoff(%s, %d) = %s, want %s", tc.today, tc.months, got, tc.want)
		}
	}
	closed := ClosedStages()
	for _, st := range models.Stages {
		want := st == models.StageRejected || st == models.StageWithdrawn
		if got := slices.Contains(closed, st); got != want {
			t.Errorf("stage %s closed for retention = %v, want %v", st, got, want)
		}
	}
}
