package scoring

import (
	"testing"

	"sullam/models"
)

// TestOnTime: spec §3, a report is on time when submitted on or before
// week_start + on_time_days, late from the day after.
func TestOnTime(t *testing.T) {
	p := DefaultPolicy()
	p.OnTimeDays = 7
	week := models.MustDate("2026-02-01")
	for _, c := range []struct {
		submitted string
		want      bool
	}{
		{"2026-02-01", true}, {"2026-02-08", true}, {"2026-02-09", false}, {"2026-03-01", false},
	} {
		if got := OnTime(p, week, models.MustDate(c.submitted)); got != c.want {
			t.Errorf("OnTime(week %s, submitted %s) = %v, want %v", week, c.submitted, got, c.want)
		}
	}
	p.OnTimeDays = 0
	if OnTime(p, week, week.AddDays(1)) || !OnTime(p, week, week) {
		t.Error("on_time_days 0: only a report submitted on the week's start is on time")
	}
}
