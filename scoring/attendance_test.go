package scoring

import (
	"math/big"
	"slices"
	"testing"

	"sullam/models"
)

func TestAttendanceScore(t *testing.T) {
	const (
		P = models.Present
		A = models.Absent
		L = models.Leave
		H = models.Holiday
	)
	type counts struct{ scheduled, present, punctual int }
	tests := []struct {
		rule       string
		recs       []AttendanceRecord
		sufficient bool
		score      string
		reason     string
		counts     counts
	}{
		{"§1 all present and punctual → 100",
			days("2025-03-01", 20, P, 0, 0), true, "100.00", "", counts{20, 20, 20}},
		{"§1 grace: late exactly 15 minutes is punctual",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 1, P, 15, 0)), true, "100.00", "", counts{20, 20, 20}},
		{"§1 grace: late 16 minutes is not punctual (80 + 20×19/20)",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 1, P, 16, 0)), true, "99.00", "", counts{20, 20, 19}},
		{"§1 grace: early leave exactly 15 minutes is punctual",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 1, P, 0, 15)), true, "100.00", "", counts{20, 20, 20}},
		{"§1 grace: early leave 16 minutes is not punctual",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 1, P, 0, 16)), true, "99.00", "", counts{20, 20, 19}},
		{"§1 grace: 15 late and 15 early on the same day is punctual",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 1, P, 15, 15)), true, "100.00", "", counts{20, 20, 20}},
		{"§1 punctuality rate 0 when there is no present day (all absent → 0, sufficient)",
			days("2025-03-01", 20, A, 0, 0), true, "0.00", "", counts{20, 0, 0}},
		{"§1 absent days lower the attendance rate (80×18/20 + 20×18/18)",
			concat(days("2025-03-01", 18, P, 0, 0), days("2025-04-01", 2, A, 0, 0)), true, "92.00", "", counts{20, 18, 18}},
		{"§1 minutes on an absent day do not matter",
			concat(days("2025-03-01", 18, P, 0, 0), days("2025-04-01", 2, A, 90, 90)), true, "92.00", "", counts{20, 18, 18}},
		{"§1 exact rates, rounded once: 80×212/218 + 20×203/212 = 96.949… → 96.95",
			concat(days("2025-01-01", 203, P, 0, 0), days("2025-08-01", 9, P, 30, 0), days("2025-09-01", 6, A, 0, 0)),
			true, "96.95", "", counts{218, 212, 203}},
		{"§1 19 scheduled days → insufficient",
			days("2025-03-01", 19, P, 0, 0), false, "", "19 scheduled days, 20 needed", counts{19, 19, 19}},
		{"§1 20 scheduled days → sufficient",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 1, A, 0, 0)), true, "96.00", "", counts{20, 19, 19}},
		{"§1 leave and holiday are not scheduled days",
			concat(days("2025-03-01", 19, P, 0, 0), days("2025-04-01", 30, L, 0, 0), days("2025-06-01", 10, H, 0, 0)),
			false, "", "19 scheduled days, 20 needed", counts{19, 19, 19}},
		{"§1 leave does not lower the score",
			concat(days("2025-03-01", 20, P, 0, 0), days("2025-04-01", 30, L, 0, 0)), true, "100.00", "", counts{20, 20, 20}},
		{"§1 only records dated in Y count (Y−1 and Y+1 ignored)",
			concat(days("2024-12-01", 31, P, 0, 0), days("2025-12-20", 12, P, 0, 0), days("2026-01-01", 10, P, 0, 0)),
			false, "", "12 scheduled days, 20 needed", counts{12, 12, 12}},
		{"§1 no record at all → insufficient, not zero",
			nil, false, "", "0 scheduled days, 20 needed", counts{0, 0, 0}},
		{"§1 one scheduled day (singular wording)",
			days("2025-03-01", 1, A, 0, 0), false, "", "1 scheduled day, 20 needed", counts{1, 0, 0}},
		{"a record with an unknown status makes the component insufficient",
			concat(days("2025-03-01", 30, P, 0, 0), days("2025-05-01", 1, "sick", 0, 0)),
			false, "", "1 record with an unknown status", counts{30, 30, 30}},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			c := AttendanceScore(p, tally(p, 2025, tt.recs))
			checkComponent(t, c, Attendance, tt.sufficient, tt.score, tt.reason)
			det := c.Attendance
			if det == nil {
				t.Fatal("no attendance detail")
			}
			got := counts{det.ScheduledDays, det.PresentDays, det.PunctualDays}
			if got != tt.counts {
				t.Errorf("counts = %+v, want %+v", got, tt.counts)
			}
			if det.GraceMinutes != 15 {
				t.Errorf("grace = %d", det.GraceMinutes)
			}
			if tt.sufficient {
				if det.AttendanceRate.Cmp(big.NewRat(int64(det.PresentDays), int64(det.ScheduledDays))) != 0 {
					t.Errorf("attendance rate %v", det.AttendanceRate)
				}
				if c.Explanation.Key != KeyAttendance || c.Explanation.Args["present"] != det.PresentDays {
					t.Errorf("explanation %+v", c.Explanation)
				}
			}
		})
	}
}

// TestAttendanceExplanation: the explanation is data, with the exact rates
// in the detail.
func TestAttendanceExplanation(t *testing.T) {
	p := DefaultPolicy()
	recs := concat(days("2025-01-01", 203, models.Present, 0, 0), days("2025-08-01", 9, models.Present, 16, 0),
		days("2025-09-01", 6, models.Absent, 0, 0), days("2025-10-01", 3, models.Leave, 0, 0))
	c := AttendanceScore(p, tally(p, 2025, recs))
	want := map[string]any{
		"scheduled": 218, "present": 212, "absent": 6, "leave": 3, "holiday": 0, "punctual": 203, "grace": 15,
		"attendance_rate": "97.25", "punctuality_rate": "95.75", "score": "96.95",
	}
	for k, v := range want {
		if c.Explanation.Args[k] != v {
			t.Errorf("arg %s = %v, want %v", k, c.Explanation.Args[k], v)
		}
	}
	if c.Attendance.PunctualityRate.Cmp(big.NewRat(203, 212)) != 0 || c.Attendance.AttendanceRate.Cmp(big.NewRat(212, 218)) != 0 {
		t.Errorf("rates %v %v", c.Attendance.AttendanceRate, c.Attendance.PunctualityRate)
	}
	wantExact := new(big.Rat).Add(big.NewRat(80*212, 218), big.NewRat(20*203, 212))
	if c.Exact.Cmp(wantExact) != 0 {
		t.Errorf("exact = %v, want %v", c.Exact, wantExact)
	}
}

// TestAttendancePolicy: the grace and the rate weights come from the policy.
func TestAttendancePolicy(t *testing.T) {
	p := DefaultPolicy()
	p.GraceMinutes = 30
	p.AttendanceRateWeight, p.PunctualityRateWeight = 50, 50
	p.MinScheduledDays = 2
	recs := concat(days("2025-03-01", 1, models.Present, 30, 0), days("2025-03-02", 1, models.Present, 31, 0), days("2025-03-03", 2, models.Absent, 0, 0))
	c := AttendanceScore(p, tally(p, 2025, recs))
	// 50 × 2/4 + 50 × 1/2 = 50
	checkComponent(t, c, Attendance, true, "50.00", "")
}

func TestAttendanceTallyExpectedWeeks(t *testing.T) {
	const (
		P = models.Present
		A = models.Absent
		L = models.Leave
		H = models.Holiday
	)
	tests := []struct {
		rule    string
		recs    []AttendanceRecord
		weeks   []models.Date
		records int // records dated in Y
	}{
		{"§3 a week with a present day is expected",
			days("2025-03-04", 1, P, 0, 0), []models.Date{d("2025-03-02")}, 1},
		{"§3 a week with only an absent day is expected",
			days("2025-03-04", 1, A, 0, 0), []models.Date{d("2025-03-02")}, 1},
		{"§3 a week fully on leave is not expected",
			days("2025-03-02", 5, L, 0, 0), nil, 5},
		{"§3 a week of holidays is not expected",
			days("2025-03-02", 7, H, 0, 0), nil, 7},
		{"§3 a week of leave with one absent day is expected",
			concat(days("2025-03-02", 4, L, 0, 0), days("2025-03-06", 1, A, 0, 0)), []models.Date{d("2025-03-02")}, 5},
		{"§3 the week starting Sun 28 Dec 2025 is expected in 2025 from a record of 1 Jan 2026 (not counted in 2025)",
			days("2026-01-01", 1, P, 0, 0), []models.Date{d("2025-12-28")}, 0},
		{"§3 2 Jan 2025 belongs to the week of 29 Dec 2024: counted in 2025 but not an expected week of 2025",
			days("2025-01-02", 1, P, 0, 0), nil, 1},
		{"records outside the tally range are ignored",
			concat(days("2024-12-01", 3, P, 0, 0), days("2026-01-05", 3, P, 0, 0)), nil, 0},
		{"several weeks",
			concat(days("2025-06-01", 14, P, 0, 0), days("2025-06-15", 7, L, 0, 0), days("2025-06-22", 1, A, 0, 0)),
			[]models.Date{d("2025-06-01"), d("2025-06-08"), d("2025-06-22")}, 22},
	}
	p := DefaultPolicy()
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			tl := tally(p, 2025, tt.recs)
			if got := tl.ExpectedWeeks().Dates(); !slices.Equal(got, tt.weeks) {
				t.Errorf("expected weeks = %v, want %v", got, tt.weeks)
			}
			if tl.RecordsInYear() != tt.records {
				t.Errorf("records in year = %d, want %d", tl.RecordsInYear(), tt.records)
			}
		})
	}
	// The same record, seen from 2026, counts in 2026 but its week is 2025's.
	tl := tally(p, 2026, days("2026-01-01", 1, P, 0, 0))
	if tl.ExpectedWeeks().Len() != 0 || tl.ScheduledDays() != 1 {
		t.Errorf("2026: weeks %v, scheduled %d", tl.ExpectedWeeks().Dates(), tl.ScheduledDays())
	}
}

func TestTallyRange(t *testing.T) {
	from, to := TallyRange(2025)
	if from != d("2024-12-29") || to != d("2026-01-06") {
		t.Errorf("TallyRange(2025) = %s..%s", from, to)
	}
	from, to = TallyRange(2023) // 1 Jan 2023 is a Sunday
	if from != d("2023-01-01") || to != d("2024-01-06") {
		t.Errorf("TallyRange(2023) = %s..%s", from, to)
	}
}
