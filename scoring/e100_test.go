package scoring

import (
	"slices"
	"strings"
	"testing"

	"sullam/models"
)

// workWeeks returns present records Sunday–Thursday for n weeks from the
// Sunday first; the first `late` of them are 20 minutes late.
func workWeeks(first string, n, late int) []AttendanceRecord {
	var out []AttendanceRecord
	for w := 0; w < n; w++ {
		out = append(out, days(d(first).AddDays(7*w).String(), 5, models.Present, 0, 0)...)
	}
	for i := 0; i < late; i++ {
		out[i].LateMinutes = 20
	}
	return out
}

// weeklyReports returns a report per Sunday from first: onTime on time, then
// late late (the missing weeks after them simply have no report); ratings
// are given to the first reports.
func weeklyReports(first string, onTime, late, missing int, ratings ...int) []WeeklyReport {
	_ = missing // documents the test's intent only
	var out []WeeklyReport
	for i := range onTime + late {
		after := 2
		if i >= onTime {
			after = 10
		}
		r := rep(d(first).AddDays(7*i).String(), after, 0)
		if i < len(ratings) {
			r.Rating = ratings[i]
		}
		out = append(out, r)
	}
	return out
}

// auditsOf scores audits given as answer lists on the default form.
func auditsOf(t *testing.T, date string, answerLists ...string) []DatedScore {
	t.Helper()
	var out []DatedScore
	for i, a := range answerLists {
		s, err := AuditScore(DefaultAuditForm(), answers(a))
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, DatedScore{Date: d(date).AddDays(i), Score: s})
	}
	return out
}

// TestWorkedExampleE100 runs the spec's worked example end to end, from raw
// inputs: agent E100, csr since 2022-01-09, as of 2025-12-31.
func TestWorkedExampleE100(t *testing.T) {
	const allPass = "pass,pass,pass,pass,pass,pass,pass,pass,pass,pass"
	p := DefaultPolicy()
	five := func(n int) []int { return slices.Repeat([]int{5}, n) }
	inputs := map[int]struct {
		att     []AttendanceRecord
		audits  []DatedScore
		reports []WeeklyReport
		review  map[string]int
	}{
		// 2022: everything but quality (only 3 audits).
		2022: {workWeeks("2022-01-09", 4, 0), auditsOf(t, "2022-03-01", allPass, allPass, allPass),
			weeklyReports("2022-01-09", 4, 0, 0, five(4)...), ratings(5, nil)},
		// 2023: A = 80 + 20 × 175/200 = 97.50; Q = (1300/19 + 300)/4 = 92.105… → 92.11;
		// W = 60 × 36/40 + 40 × 4.3/5 = 88.40; S = 100 × 36/40 = 90.00.
		2023: {workWeeks("2023-01-01", 40, 25),
			auditsOf(t, "2023-05-01", "pass,pass,pass,pass,fail,pass,pass,fail,pass,fail", allPass, allPass, allPass),
			weeklyReports("2023-01-01", 34, 4, 2, 5, 5, 5, 4, 4, 4, 4, 4, 4, 4),
			ratings(5, map[string]int{"COMMUNICATION": 1})},
		// 2024: A = 80 + 20 × 90/200 = 89; Q = 100; W = 60 × 33/40 + 40 = 89.50; S = 77.50 → 89.00.
		2024: {workWeeks("2024-01-07", 40, 110), auditsOf(t, "2024-05-01", allPass, allPass, allPass, allPass),
			weeklyReports("2024-01-07", 30, 6, 4, five(36)...), ratings(4, map[string]int{"COMMUNICATION": 3})},
		// 2025: A = 100; Q = 100; W = 60 × 24/40 + 40 = 76; S = 90 → 91.50.
		2025: {workWeeks("2025-01-05", 40, 0), auditsOf(t, "2025-05-01", allPass, allPass, allPass, allPass),
			weeklyReports("2025-01-05", 20, 8, 12, five(28)...), ratings(5, map[string]int{"PATIENCE": 1})},
	}
	// The store's view: every record, audit, report and review of the agent.
	var att []AttendanceRecord
	var audits []DatedScore
	var reports []WeeklyReport
	var reviews []Review
	for y := 2022; y <= 2025; y++ {
		in := inputs[y]
		att = append(att, in.att...)
		audits = append(audits, in.audits...)
		reports = append(reports, in.reports...)
		reviews = append(reviews, Review{Date: models.NewDate(y, 3, 28), Ratings: in.review})
	}

	roleStart, asOf := d("2022-01-09"), d("2025-12-31")
	want := map[int]struct {
		comps  [4]string
		annual string
	}{
		2022: {[4]string{"100.00", "", "100.00", "100.00"}, ""},
		2023: {[4]string{"97.50", "92.11", "88.40", "90.00"}, "92.00"},
		2024: {[4]string{"89.00", "100.00", "89.50", "77.50"}, "89.00"},
		2025: {[4]string{"100.00", "100.00", "76.00", "90.00"}, "91.50"},
	}
	var results []YearResult
	for _, y := range YearsToCount(roleStart, asOf) {
		tl := NewAttendanceTally(p, y)
		for _, r := range att {
			tl.Add(r)
		}
		a := Evaluate(p, y, Inputs{Attendance: tl, AuditScores: audits, Reports: reports, Reviews: reviews})
		for i, c := range a.Components {
			if got := scoreText(c.Score, c.Sufficient); got != want[y].comps[i] {
				t.Errorf("%d %s = %q, want %q (%s)", y, c.Kind, got, want[y].comps[i], c.Reason)
			}
		}
		if got := scoreText(a.Score, a.Complete); got != want[y].annual {
			t.Errorf("%d annual = %q, want %q (%s)", y, got, want[y].annual, a.ReasonText())
		}
		results = append(results, a.Result())
	}
	if got := results[0].Reasons; !slices.Equal(got, []string{"quality: 3 audits, 4 needed"}) {
		t.Errorf("2022 reasons = %q", got)
	}

	r := Assess(p, RoleCSR, roleStart, asOf, results)
	if r.YearsInRole.String() != "3.98" || r.Cumulative.String() != "90.83" || !r.HasCumulative ||
		r.Status != models.Ready || r.Overdue || r.HasRequiredNext || r.NextRole != RoleCoordinator {
		t.Errorf("readiness = %+v", r)
	}
	var counted []string
	for _, c := range r.Counted {
		counted = append(counted, c.Score.String())
	}
	if strings.Join(counted, " ") != "92.00 89.00 91.50" || len(r.Incomplete) != 1 || r.Incomplete[0].Year != 2022 {
		t.Errorf("counted %v, incomplete %+v", counted, r.Incomplete)
	}
	if r.EligibleOn != d("2025-01-09") || r.OverdueOn != d("2027-01-09") {
		t.Errorf("eligible on %s, overdue on %s", r.EligibleOn, r.OverdueOn)
	}
	// A year missing from the input is reported, not counted as zero.
	r = Assess(p, RoleCSR, roleStart, asOf, results[1:])
	if len(r.Incomplete) != 1 || r.Incomplete[0].Year != 2022 || r.Incomplete[0].Reasons[0] != "no evaluation" {
		t.Errorf("missing 2022: incomplete %+v", r.Incomplete)
	}
}
