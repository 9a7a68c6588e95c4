package scoring

import (
	"encoding/json"
	"math/rand/v2"
	"testing"

	"sullam/models"
)

// Rule (issue 17): the weekly component scored from the counts of the
// year's reports (WeeklyCountsOf, WeeklyScoreFromCounts) is exactly the
// component WeeklyScore gives from the reports, whatever the policy's
// on-time days, late credit, weights and minimums and whatever the
// expected weeks (weeks around New Year included, and years whose 1 January
// is or is not a Sunday): the same detail, score and reason, to the cent.
func TestWeeklyScoreFromCountsEqualsWeeklyScore(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 3))
	for trial := range 3000 {
		year := 2020 + rng.IntN(8) // 1 January of 2023 is a Sunday, of the others not
		p := DefaultPolicy()
		p.OnTimeDays = rng.IntN(12)
		p.LateCreditPercent = rng.IntN(101)
		p.SubmissionWeight = rng.IntN(101)
		p.ReportQualityWeight = 100 - p.SubmissionWeight
		p.MinExpectedWeeks = 1 + rng.IntN(6)
		p.MinRatedReports = 1 + rng.IntN(3)
		// expected weeks: some Sundays from mid-December of year-1 to
		// mid-January of year+1 (those outside year are ignored)
		start := models.NewDate(year-1, 12, 10).WeekStart()
		var days []models.Date
		var reports []WeeklyReport
		seen := map[models.Date]bool{}
		for range rng.IntN(40) {
			days = append(days, start.AddDays(rng.IntN(400)))
		}
		for range rng.IntN(30) {
			ws := start.AddDays(7 * rng.IntN(58))
			if seen[ws] {
				continue
			}
			seen[ws] = true
			r := WeeklyReport{WeekStart: ws, SubmittedOn: ws.AddDays(rng.IntN(20) - 2)}
			if rng.IntN(3) > 0 {
				r.Rating = 1 + rng.IntN(5)
			}
			reports = append(reports, r)
		}
		expected := NewWeekSet(year, days...)
		if trial%7 == 0 {
			expected = NewWeekSet(year + 1) // a set of another year: no expected week
		}
		want := WeeklyScore(p, year, expected, reports)
		got := WeeklyScoreFromCounts(p, year, expected, WeeklyCountsOf(year, reports))
		w, _ := json.Marshal(want)
		g, _ := json.Marshal(got)
		if string(w) != string(g) {
			t.Fatalf("trial %d, year %d, policy on-time %d late %d%%:\nfrom the reports %s\nfrom the counts  %s", trial, year, p.OnTimeDays, p.LateCreditPercent, w, g)
		}
		if want.Score != got.Score || want.Sufficient != got.Sufficient || want.Reason != got.Reason {
			t.Fatalf("trial %d: score %v/%v, sufficient %v/%v, reason %q/%q", trial, want.Score, got.Score, want.Sufficient, got.Sufficient, want.Reason, got.Reason)
		}
	}
}

// Rule: counts of another year than the one scored count as no report
// (as WeeklyScore ignores the reports of other years).
func TestWeeklyScoreFromCountsOtherYear(t *testing.T) {
	p := DefaultPolicy()
	ws := models.MustDate("2025-03-02")
	c := WeeklyCountsOf(2025, []WeeklyReport{{WeekStart: ws, SubmittedOn: ws, Rating: 5}})
	got := WeeklyScoreFromCounts(p, 2026, NewWeekSet(2026, models.MustDate("2026-03-01")), c)
	if got.Weekly.Reports != 0 || got.Weekly.Rated != 0 || got.Sufficient {
		t.Fatalf("counts of 2025 scored in 2026: %+v", got.Weekly)
	}
}

// Rule (spec §2): an audit's score from its summed weights is 0 on a
// critical fail, 100 × passed / answered otherwise, and refused when every
// item is na (nothing answered).
func TestAuditScoreFromWeights(t *testing.T) {
	if s, err := AuditScoreFromWeights(7, 9, false); err != nil || s.RatString() != "700/9" {
		t.Fatalf("7/9: %v %v", s, err)
	}
	if s, err := AuditScoreFromWeights(7, 9, true); err != nil || s.Sign() != 0 {
		t.Fatalf("critical fail: %v %v", s, err)
	}
	if _, err := AuditScoreFromWeights(0, 0, false); err == nil {
		t.Fatal("all na accepted")
	}
}
