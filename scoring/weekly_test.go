package scoring

import (
	"testing"

	"sullam/models"
)

// rep builds a weekly report submitted `after` days after its week start.
func rep(weekStart string, after, rating int) WeeklyReport {
	ws := d(weekStart)
	return WeeklyReport{WeekStart: ws, SubmittedOn: ws.AddDays(after), Rating: rating}
}

func TestWeeklyScore(t *testing.T) {
	four := NewWeekSet(2025, sundays("2025-03-02", 4)...) // 2, 9, 16, 23 March
	seven := NewWeekSet(2025, sundays("2025-03-02", 7)...)
	type detail struct{ expected, onTime, late, missing, rated, unexpected int }
	tests := []struct {
		rule       string
		expected   WeekSet
		reports    []WeeklyReport
		sufficient bool
		score      string
		reason     string
		detail     detail
	}{
		{"§3 on time at exactly week_start + 7",
			four, []WeeklyReport{rep("2025-03-02", 7, 5), rep("2025-03-09", 7, 5), rep("2025-03-16", 0, 5), rep("2025-03-23", 3, 5)},
			true, "100.00", "", detail{4, 4, 0, 0, 4, 0}},
		{"§3 late at week_start + 8 earns 0.5: 60 × 3.5/4 + 40 = 92.50",
			four, []WeeklyReport{rep("2025-03-02", 8, 5), rep("2025-03-09", 7, 5), rep("2025-03-16", 0, 5), rep("2025-03-23", 3, 5)},
			true, "92.50", "", detail{4, 3, 1, 0, 4, 0}},
		{"§3 a missing report earns 0: 60 × 3/4 + 40 = 85",
			four, []WeeklyReport{rep("2025-03-02", 1, 5), rep("2025-03-09", 1, 5), rep("2025-03-16", 1, 5)},
			true, "85.00", "", detail{4, 3, 0, 1, 3, 0}},
		{"§3 exact rates, rounded once: 60 × 5.5/7 + 40 × 11/15 = 76.476… → 76.48",
			seven, []WeeklyReport{rep("2025-03-02", 1, 4), rep("2025-03-09", 1, 4), rep("2025-03-16", 1, 3), rep("2025-03-23", 1, 0),
				rep("2025-03-30", 1, 0), rep("2025-04-06", 30, 0)},
			true, "76.48", "", detail{7, 5, 1, 1, 3, 0}},
		{"§3 a report for a week that is not expected: no credit, rating counts (60 + 40 × 17/25 = 87.20)",
			four, []WeeklyReport{rep("2025-03-02", 1, 3), rep("2025-03-09", 1, 3), rep("2025-03-16", 1, 3), rep("2025-03-23", 1, 3), rep("2025-05-04", 1, 5)},
			true, "87.20", "", detail{4, 4, 0, 0, 5, 1}},
		{"§3 unrated reports are excluded from report quality",
			four, []WeeklyReport{rep("2025-03-02", 1, 4), rep("2025-03-09", 1, 0), rep("2025-03-16", 1, 0), rep("2025-03-23", 1, 0)},
			true, "92.00", "", detail{4, 4, 0, 0, 1, 0}},
		{"§3 a rating outside 1–5 is treated as unrated",
			four, []WeeklyReport{rep("2025-03-02", 1, 5), rep("2025-03-09", 1, 6), rep("2025-03-16", 1, -1), rep("2025-03-23", 1, 0)},
			true, "100.00", "", detail{4, 4, 0, 0, 1, 0}},
		{"§3 insufficient when no report is rated",
			four, []WeeklyReport{rep("2025-03-02", 1, 0), rep("2025-03-09", 1, 0), rep("2025-03-16", 1, 0), rep("2025-03-23", 1, 0)},
			false, "", "no rated report", detail{4, 4, 0, 0, 0, 0}},
		{"§3 insufficient with fewer than 4 expected weeks",
			NewWeekSet(2025, sundays("2025-03-02", 3)...), []WeeklyReport{rep("2025-03-02", 1, 5), rep("2025-03-09", 1, 5), rep("2025-03-16", 1, 5)},
			false, "", "3 expected weeks, 4 needed", detail{3, 3, 0, 0, 3, 0}},
		{"§3 both reasons are given",
			NewWeekSet(2025, sundays("2025-03-02", 1)...), []WeeklyReport{rep("2025-03-02", 1, 0)},
			false, "", "1 expected week, 4 needed and no rated report", detail{1, 1, 0, 0, 0, 0}},
		{"§3 no expected week and no report → insufficient, not zero",
			NewWeekSet(2025), nil,
			false, "", "0 expected weeks, 4 needed and no rated report", detail{0, 0, 0, 0, 0, 0}},
		{"§3 all reports missing but rated elsewhere: submission 0 (0 + 40 × 1 = 40)",
			four, []WeeklyReport{rep("2025-06-01", 1, 5)},
			true, "40.00", "", detail{4, 0, 0, 4, 1, 1}},
		{"§3 reports whose week_start is not in Y are ignored, even if submitted in Y",
			four, []WeeklyReport{rep("2024-12-29", 3, 1), rep("2025-03-02", 1, 5), rep("2025-03-09", 1, 5), rep("2025-03-16", 1, 5), rep("2025-03-23", 1, 5), rep("2026-01-04", 1, 1)},
			true, "100.00", "", detail{4, 4, 0, 0, 4, 0}},
		{"§3 an expected week set of another year gives no expected week",
			NewWeekSet(2024, sundays("2024-03-03", 10)...), []WeeklyReport{rep("2025-03-02", 1, 5)},
			false, "", "0 expected weeks, 4 needed", detail{0, 0, 0, 0, 1, 1}},
		{"two reports for one week are credited once, the better one",
			four, []WeeklyReport{rep("2025-03-02", 9, 5), rep("2025-03-02", 1, 5), rep("2025-03-09", 1, 5), rep("2025-03-16", 1, 5), rep("2025-03-23", 1, 5)},
			true, "100.00", "", detail{4, 4, 0, 0, 5, 0}},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			c := WeeklyScore(p, 2025, tt.expected, tt.reports)
			checkComponent(t, c, Weekly, tt.sufficient, tt.score, tt.reason)
			w := c.Weekly
			got := detail{w.ExpectedWeeks, w.OnTime, w.Late, w.Missing, w.Rated, w.Unexpected}
			if got != tt.detail {
				t.Errorf("detail = %+v, want %+v", got, tt.detail)
			}
		})
	}
}

// TestWeeklyScoreFromTally: the expected weeks come from attendance: a week
// fully on leave owes no report, and the week starting Sunday 28 December
// 2025 is a week of 2025 although most of its days are in 2026.
func TestWeeklyScoreFromTally(t *testing.T) {
	p := DefaultPolicy()
	recs := concat(
		days("2025-12-07", 5, models.Present, 0, 0), // week of 7 Dec
		days("2025-12-14", 5, models.Present, 0, 0), // week of 14 Dec
		days("2025-12-21", 5, models.Leave, 0, 0),   // week of 21 Dec: all leave, not expected
		days("2025-12-28", 4, models.Holiday, 0, 0), // 28–31 Dec holidays
		days("2026-01-01", 1, models.Present, 0, 0), // Thu 1 Jan 2026: week of 28 Dec 2025
		days("2025-11-30", 1, models.Absent, 0, 0),  // week of 30 Nov
	)
	tl := tally(p, 2025, recs)
	reports := []WeeklyReport{rep("2025-11-30", 2, 4), rep("2025-12-07", 2, 4), rep("2025-12-14", 2, 4), rep("2025-12-28", 7, 4)}
	c := WeeklyScore(p, 2025, tl.ExpectedWeeks(), reports)
	// 4 expected weeks, all on time; quality 4/5 → 60 + 32 = 92.
	checkComponent(t, c, Weekly, true, "92.00", "")
	if c.Weekly.ExpectedWeeks != 4 || c.Weekly.Missing != 0 {
		t.Errorf("detail %+v", c.Weekly)
	}
	// The same report, missing: the week of 28 Dec is owed.
	c = WeeklyScore(p, 2025, tl.ExpectedWeeks(), reports[:3])
	if c.Weekly.Missing != 1 {
		t.Errorf("missing = %d, want 1 (the week of 28 Dec)", c.Weekly.Missing)
	}
}

// TestWeeklyPolicy: the on-time days, late credit and weights come from the
// policy.
func TestWeeklyPolicy(t *testing.T) {
	p := DefaultPolicy()
	p.OnTimeDays = 3
	p.LateCreditPercent = 0
	p.SubmissionWeight, p.ReportQualityWeight = 100, 0
	four := NewWeekSet(2025, sundays("2025-03-02", 4)...)
	c := WeeklyScore(p, 2025, four, []WeeklyReport{rep("2025-03-02", 3, 1), rep("2025-03-09", 4, 1), rep("2025-03-16", 3, 1), rep("2025-03-23", 3, 1)})
	// 3 on time, 1 late earning 0 → 100 × 3/4.
	checkComponent(t, c, Weekly, true, "75.00", "")
}
