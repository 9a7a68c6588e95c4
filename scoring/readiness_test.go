package scoring

import (
	"slices"
	"testing"

	"sullam/models"
)

func TestYearsToCount(t *testing.T) {
	tests := []struct {
		rule            string
		roleStart, asOf string
		want            []int
	}{
		{"§6 the year of the role start counts in full (worked example)", "2022-01-09", "2025-12-31", []int{2022, 2023, 2024, 2025}},
		{"§6 a year whose 31 December is after D is not counted", "2022-01-09", "2025-12-30", []int{2022, 2023, 2024}},
		{"§6 role started on 31 December: that year counts", "2023-12-31", "2025-12-31", []int{2023, 2024, 2025}},
		{"§6 as of 1 January: the previous year is done", "2024-09-15", "2025-01-01", []int{2024}},
		{"§6 no year has ended since the role start", "2025-01-01", "2025-12-30", nil},
		{"§6 D before the role start", "2025-06-01", "2024-12-31", nil},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := YearsToCount(d(tt.roleStart), d(tt.asOf)); !slices.Equal(got, tt.want) {
				t.Errorf("YearsToCount(%s, %s) = %v, want %v", tt.roleStart, tt.asOf, got, tt.want)
			}
		})
	}
}

func TestYearsInRole(t *testing.T) {
	tests := []struct {
		rule            string
		roleStart, asOf string
		want            string
	}{
		{"§6 worked example: 1452 days / 365.25 = 3.975… → 3.98", "2022-01-09", "2025-12-31", "3.98"},
		{"§6 the same day → 0.00", "2025-06-01", "2025-06-01", "0.00"},
		{"§6 366 days of a leap year / 365.25 = 1.002 → 1.00", "2020-01-01", "2021-01-01", "1.00"},
		{"§6 4 years = 1461 days → 4.00 exactly", "2021-03-01", "2025-03-01", "4.00"},
		{"§6 the example agent E1000 as of 2025-12-31: 1401 days → 3.84", "2022-03-01", "2025-12-31", "3.84"},
		{"§6 one day → 0.00 (0.0027…)", "2025-06-01", "2025-06-02", "0.00"},
		{"§6 two days → 0.01 (0.0054…)", "2025-06-01", "2025-06-03", "0.01"},
		{"§6 D before the role start gives a negative value", "2025-06-03", "2025-06-01", "-0.01"},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := YearsInRole(d(tt.roleStart), d(tt.asOf)); got.String() != tt.want {
				t.Errorf("YearsInRole = %s, want %s", got, tt.want)
			}
		})
	}
}

// yr is a complete year result; inc an incomplete one.
func yr(year int, score string) YearResult {
	c, err := ParseCents(score)
	if err != nil {
		panic(err)
	}
	return YearResult{Year: year, Complete: true, Score: c}
}

func inc(year int, reasons ...string) YearResult {
	return YearResult{Year: year, Reasons: reasons}
}

func TestAssess(t *testing.T) {
	type want struct {
		status       models.ReadinessStatus
		counted      []int
		incomplete   []int
		cumulative   string // "" when none
		overdue      bool
		requiredNext string // "" when not given
		outOfReach   bool
	}
	tests := []struct {
		rule            string
		role            string
		roleStart, asOf string
		years           []YearResult
		want            want
	}{
		{"§6 worked example E100: cumulative 90.83 → ready, not overdue", "csr", "2022-01-09", "2025-12-31",
			[]YearResult{inc(2022, "quality: 3 audits, 4 needed"), yr(2023, "92.00"), yr(2024, "89.00"), yr(2025, "91.50")},
			want{models.Ready, []int{2023, 2024, 2025}, []int{2022}, "90.83", false, "", false}},
		{"§6 cumulative exactly 90.00 → ready", "csr", "2020-01-01", "2024-12-31",
			[]YearResult{yr(2020, "89.00"), yr(2021, "91.00"), yr(2022, "90.00"), yr(2023, "90.00"), yr(2024, "90.00")},
			want{models.Ready, []int{2020, 2021, 2022, 2023, 2024}, nil, "90.00", false, "", false}},
		{"§6 cumulative 89.99 → not_ready; required next = 90 × 3 − 179.98 = 90.02", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{yr(2021, "89.99"), yr(2022, "89.99"), inc(2023, "supervisor: no review"), inc(2024, "supervisor: no review")},
			want{models.NotReady, []int{2021, 2022}, []int{2023, 2024}, "89.99", false, "90.02", false}},
		{"§6 the cumulative is rounded before the comparison: 89.9966… → 90.00 → ready", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{yr(2021, "90.00"), yr(2022, "90.00"), yr(2023, "89.99")},
			want{models.Ready, []int{2021, 2022, 2023}, []int{2024}, "90.00", false, "", false}},
		{"§6 the cumulative is rounded: 89.9933… → 89.99 → not_ready", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{yr(2021, "90.00"), yr(2022, "89.99"), yr(2023, "89.99"), inc(2024, "weekly: no rated report")},
			want{models.NotReady, []int{2021, 2022, 2023}, []int{2024}, "89.99", false, "90.02", false}},
		{"§6 fewer than 2 counted years → insufficient_data, required next given (75.95 → 104.05, out of reach)", "csr", "2021-12-31", "2025-12-31",
			[]YearResult{inc(2021, "quality: 0 audits, 4 needed"), inc(2022, "quality: 2 audits, 4 needed"), yr(2023, "75.95"), inc(2024, "supervisor: no review"), inc(2025, "supervisor: no review")},
			want{models.InsufficientData, []int{2023}, []int{2021, 2022, 2024, 2025}, "75.95", false, "104.05", true}},
		{"§6 no counted year → insufficient_data, no cumulative, no required next", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{inc(2021, "x: y"), inc(2022, "x: y"), inc(2023, "x: y"), inc(2024, "x: y")},
			want{models.InsufficientData, nil, []int{2021, 2022, 2023, 2024}, "", false, "", false}},
		{"§6 required next above 100 → out of reach", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{yr(2021, "60.00"), yr(2022, "70.00")},
			want{models.NotReady, []int{2021, 2022}, []int{2023, 2024}, "65.00", false, "140.00", true}},
		{"§6 required next exactly 100.00 is within reach", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{yr(2021, "85.00"), yr(2022, "85.00")},
			want{models.NotReady, []int{2021, 2022}, []int{2023, 2024}, "85.00", false, "100.00", false}},
		{"§6 required next 100.01 is out of reach; it uses Σ, not the rounded cumulative (84.995 → 85.00)", "csr", "2021-01-01", "2024-12-31",
			[]YearResult{yr(2021, "85.00"), yr(2022, "84.99")},
			want{models.NotReady, []int{2021, 2022}, []int{2023, 2024}, "85.00", false, "100.01", true}},
		{"§6 not_eligible before 3 years, required next below 90 (on track)", "csr", "2023-03-03", "2025-12-31",
			[]YearResult{yr(2023, "95.00"), yr(2024, "95.00"), yr(2025, "95.00")},
			want{models.NotEligible, []int{2023, 2024, 2025}, nil, "95.00", false, "75.00", false}},
		{"§6 not_eligible with no counted year: no required next", "csr", "2025-03-03", "2025-12-30",
			nil,
			want{models.NotEligible, nil, nil, "", false, "", false}},
		{"§6 not_eligible wins over insufficient_data", "csr", "2024-09-15", "2025-12-31",
			[]YearResult{yr(2024, "84.54"), inc(2025, "quality: 0 audits, 4 needed")},
			want{models.NotEligible, []int{2024}, []int{2025}, "84.54", false, "95.46", false}},
		{"§6 top_of_ladder (cx_manager): cumulative still given, no required next, never overdue", "cx_manager", "2015-01-01", "2025-12-31",
			[]YearResult{yr(2023, "80.00"), yr(2024, "70.00"), yr(2025, "60.00")},
			want{models.TopOfLadder, []int{2023, 2024, 2025}, []int{2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022}, "70.00", false, "", false}},
		{"§6 top_of_ladder wins over not_eligible", "cx_manager", "2025-01-01", "2025-12-31",
			[]YearResult{yr(2025, "99.00")},
			want{models.TopOfLadder, []int{2025}, nil, "99.00", false, "", false}},
		{"§6 ready and overdue: overdue on the 5-year anniversary", "csr", "2020-06-23", "2025-06-23",
			[]YearResult{yr(2020, "95.00"), yr(2021, "95.00"), yr(2022, "95.00"), yr(2023, "95.00"), yr(2024, "95.00")},
			want{models.Ready, []int{2020, 2021, 2022, 2023, 2024}, nil, "95.00", true, "", false}},
		{"§6 not overdue the day before the 5-year anniversary", "csr", "2020-06-23", "2025-06-22",
			[]YearResult{yr(2020, "95.00"), yr(2021, "95.00"), yr(2022, "95.00"), yr(2023, "95.00"), yr(2024, "95.00")},
			want{models.Ready, []int{2020, 2021, 2022, 2023, 2024}, nil, "95.00", false, "", false}},
		{"§6 insufficient_data and overdue", "csr", "2019-01-01", "2025-12-31",
			[]YearResult{yr(2025, "95.00")},
			want{models.InsufficientData, []int{2025}, []int{2019, 2020, 2021, 2022, 2023, 2024}, "95.00", true, "85.00", false}},
		{"§6 a year missing from the input is incomplete, not zero", "csr", "2021-01-01", "2024-01-01",
			[]YearResult{yr(2021, "95.00"), yr(2023, "95.00")},
			want{models.Ready, []int{2021, 2023}, []int{2022}, "95.00", false, "", false}},
		{"§6 years outside YearsToCount are ignored (before the role, not yet ended)", "csr", "2021-01-01", "2024-12-30",
			[]YearResult{yr(2019, "10.00"), yr(2020, "10.00"), yr(2021, "95.00"), yr(2022, "95.00"), yr(2023, "95.00"), yr(2024, "10.00")},
			want{models.Ready, []int{2021, 2022, 2023}, nil, "95.00", false, "", false}},
		{"§6 a new role starts a new cumulative: only years from the role start year", "coordinator", "2024-05-01", "2025-12-31",
			[]YearResult{yr(2022, "99.00"), yr(2023, "99.00"), yr(2024, "80.00"), yr(2025, "82.00")},
			want{models.NotEligible, []int{2024, 2025}, nil, "81.00", false, "108.00", true}},
		{"an unknown role has no next role: top_of_ladder", "ceo", "2015-01-01", "2016-12-31",
			[]YearResult{yr(2015, "90.00"), yr(2016, "90.00")},
			want{models.TopOfLadder, []int{2015, 2016}, nil, "90.00", false, "", false}},
	}
	p := DefaultPolicy()
	years := func(rs []YearResult) []int {
		var out []int
		for _, r := range rs {
			out = append(out, r.Year)
		}
		return out
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			r := Assess(p, tt.role, d(tt.roleStart), d(tt.asOf), tt.years)
			w := tt.want
			if r.Status != w.status {
				t.Errorf("status = %s, want %s", r.Status, w.status)
			}
			if got := years(r.Counted); !slices.Equal(got, w.counted) || r.CountedYears() != len(w.counted) {
				t.Errorf("counted = %v, want %v", got, w.counted)
			}
			if got := years(r.Incomplete); !slices.Equal(got, w.incomplete) {
				t.Errorf("incomplete = %v, want %v", got, w.incomplete)
			}
			for _, y := range r.Incomplete {
				if len(y.Reasons) == 0 {
					t.Errorf("incomplete year %d without a reason", y.Year)
				}
			}
			if got := scoreText(r.Cumulative, r.HasCumulative); got != w.cumulative {
				t.Errorf("cumulative = %q, want %q", got, w.cumulative)
			}
			if r.Overdue != w.overdue {
				t.Errorf("overdue = %v, want %v", r.Overdue, w.overdue)
			}
			if got := scoreText(r.RequiredNext, r.HasRequiredNext); got != w.requiredNext {
				t.Errorf("required next = %q, want %q", got, w.requiredNext)
			}
			if r.OutOfReach != w.outOfReach {
				t.Errorf("out of reach = %v, want %v", r.OutOfReach, w.outOfReach)
			}
		})
	}
}

func TestAssessAnniversaries(t *testing.T) {
	p := DefaultPolicy()
	two := func(y int) []YearResult { return []YearResult{yr(y, "95.00"), yr(y+1, "95.00")} }
	tests := []struct {
		rule                  string
		roleStart, asOf       string
		years                 []YearResult
		eligibleOn, overdueOn string
		status                models.ReadinessStatus
		overdue               bool
	}{
		{"§6 the day before the 3-year anniversary → not_eligible", "2022-01-09", "2025-01-08", two(2022), "2025-01-09", "2027-01-09", models.NotEligible, false},
		{"§6 on the 3-year anniversary → eligible", "2022-01-09", "2025-01-09", two(2022), "2025-01-09", "2027-01-09", models.Ready, false},
		{"§6 role start 29 Feb: the day before the 3-year anniversary (1 Mar) → not_eligible", "2020-02-29", "2023-02-28", two(2020), "2023-03-01", "2025-03-01", models.NotEligible, false},
		{"§6 role start 29 Feb: eligible on 1 March 2023", "2020-02-29", "2023-03-01", two(2020), "2023-03-01", "2025-03-01", models.Ready, false},
		{"§6 role start 29 Feb: not overdue on 28 Feb 2025", "2020-02-29", "2025-02-28", two(2020), "2023-03-01", "2025-03-01", models.Ready, false},
		{"§6 role start 29 Feb: overdue on 1 March 2025", "2020-02-29", "2025-03-01", two(2020), "2023-03-01", "2025-03-01", models.Ready, true},
		{"§6 role start 29 Feb: a leap anniversary stays 29 Feb (4 years)", "2020-02-29", "2024-02-29", two(2020), "2023-03-01", "2025-03-01", models.Ready, false},
		{"§6 the day before the 5-year anniversary → not overdue", "2020-01-10", "2025-01-09", two(2020), "2023-01-10", "2025-01-10", models.Ready, false},
		{"§6 on the 5-year anniversary → overdue", "2020-01-10", "2025-01-10", two(2020), "2023-01-10", "2025-01-10", models.Ready, true},
		{"§6 overdue also when not_ready", "2020-01-10", "2025-01-10", []YearResult{yr(2020, "50.00"), yr(2021, "50.00")}, "2023-01-10", "2025-01-10", models.NotReady, true},
	}
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			r := Assess(p, RoleCSR, d(tt.roleStart), d(tt.asOf), tt.years)
			if r.EligibleOn != d(tt.eligibleOn) || r.OverdueOn != d(tt.overdueOn) {
				t.Errorf("eligible on %s, overdue on %s; want %s, %s", r.EligibleOn, r.OverdueOn, tt.eligibleOn, tt.overdueOn)
			}
			if r.Status != tt.status || r.Overdue != tt.overdue {
				t.Errorf("status %s overdue %v; want %s %v", r.Status, r.Overdue, tt.status, tt.overdue)
			}
		})
	}
	// Top of the ladder is never overdue.
	r := Assess(p, RoleCXManager, d("2010-01-01"), d("2025-12-31"), nil)
	if r.Status != models.TopOfLadder || r.Overdue {
		t.Errorf("top of ladder: status %s overdue %v", r.Status, r.Overdue)
	}
	if r.NextRole != "" || !r.RoleKnown {
		t.Errorf("top of ladder: next %q known %v", r.NextRole, r.RoleKnown)
	}
	r = Assess(p, "ceo", d("2010-01-01"), d("2025-12-31"), nil)
	if r.RoleKnown {
		t.Error("unknown role reported as known")
	}
}

// TestAssessPolicy: the thresholds come from the policy.
func TestAssessPolicy(t *testing.T) {
	p := DefaultPolicy()
	p.ReadyThreshold = 8000
	p.EligibleYears, p.OverdueYears = 1, 2
	p.MinCountedYears = 1
	r := Assess(p, RoleCSR, d("2024-01-01"), d("2025-01-01"), []YearResult{yr(2024, "80.00")})
	if r.Status != models.Ready || r.Overdue {
		t.Errorf("status %s overdue %v, want ready, not overdue", r.Status, r.Overdue)
	}
	r = Assess(p, RoleCSR, d("2023-01-01"), d("2025-01-01"), []YearResult{yr(2023, "70.00"), yr(2024, "80.00")})
	if r.Status != models.NotReady || !r.Overdue || r.RequiredNext.String() != "90.00" {
		t.Errorf("status %s overdue %v required %s, want not_ready, overdue, 90.00", r.Status, r.Overdue, r.RequiredNext)
	}
}
