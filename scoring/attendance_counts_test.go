package scoring

import (
	"math/rand/v2"
	"reflect"
	"testing"

	"sullam/models"
)

// countsOf reduces the records dated in year to AttendanceCounts, as the
// store's summaries do.
func countsOf(year int, recs []AttendanceRecord) AttendanceCounts {
	var c AttendanceCounts
	byMinutes := map[int]int{}
	for _, r := range recs {
		if r.Date.Year != year {
			continue
		}
		c.Records++
		switch r.Status {
		case models.Present:
			c.Present++
			byMinutes[max(r.LateMinutes, r.EarlyLeaveMinutes)]++
		case models.Absent:
			c.Absent++
		case models.Leave:
			c.Leave++
		case models.Holiday:
			c.Holiday++
		}
		if r.Status == models.Present || r.Status == models.Absent {
			c.WeekBits |= 1 << WeekBit(r.Date)
		}
	}
	for m, n := range byMinutes {
		c.PresentByMinutes = append(c.PresentByMinutes, MinutesDays{m, n})
	}
	return c
}

// Rule: a tally built from the per-year counts (TallyFromCounts) is the
// tally Add builds from the records of TallyRange(year), for any grace
// minutes: the same counts, punctual days and expected weeks, so the
// attendance and weekly components are the same. Random records over three
// years, dense around New Year (a week starting in late December holds days
// of both years), years whose 1 January is and is not a Sunday.
func TestTallyFromCountsEqualsAdd(t *testing.T) {
	statuses := []models.AttendanceStatus{models.Present, models.Present, models.Present, models.Absent, models.Leave, models.Holiday, "sick"}
	rng := rand.New(rand.NewPCG(7, 17))
	for _, year := range []int{2017 /* 1 Jan a Sunday */, 2023 /* Sunday too */, 2024, 2025, 2026, 2027} {
		for trial := range 40 {
			var recs []AttendanceRecord
			seen := map[models.Date]bool{}
			start := models.NewDate(year-1, 12, 1)
			for range rng.IntN(120) {
				// half of the days within ten days of a New Year
				var d models.Date
				if rng.IntN(2) == 0 {
					d = start.AddDays(rng.IntN(800))
				} else {
					d = models.NewDate(year+rng.IntN(2), 1, 1).AddDays(rng.IntN(20) - 10)
				}
				if seen[d] {
					continue
				}
				seen[d] = true
				recs = append(recs, AttendanceRecord{Date: d, Status: statuses[rng.IntN(len(statuses))],
					LateMinutes: rng.IntN(4) * rng.IntN(30), EarlyLeaveMinutes: rng.IntN(3) * rng.IntN(40)})
			}
			for _, grace := range []int{0, 5, 15, 40} {
				p := DefaultPolicy()
				p.GraceMinutes = grace
				want := NewAttendanceTally(p, year)
				lo, hi := TallyRange(year)
				for _, r := range recs {
					if !r.Date.Before(lo) && !r.Date.After(hi) {
						want.Add(r)
					}
				}
				got := TallyFromCounts(p, year, countsOf(year, recs), countsOf(year+1, recs))
				if !reflect.DeepEqual(got, want) {
					t.Fatalf("year %d trial %d grace %d:\nfrom counts %+v\nby Add      %+v", year, trial, grace, *got, *want)
				}
				if a, b := AttendanceScore(p, got), AttendanceScore(p, want); !reflect.DeepEqual(a, b) {
					t.Fatalf("year %d trial %d grace %d: scores differ: %+v / %+v", year, trial, grace, a, b)
				}
			}
		}
	}
}

// Rule: WeekBit counts weeks from the week start of 1 January: the days of
// a week starting in late December of the year before are bit 0, the first
// Sunday of January bit 1 (bit 0 when 1 January is a Sunday), 31 December at
// most bit 53.
func TestWeekBit(t *testing.T) {
	for _, c := range []struct {
		date string
		bit  uint
	}{
		{"2025-01-01", 0}, // a Wednesday: its week started on 2024-12-29
		{"2025-01-04", 0}, // Saturday, same week
		{"2025-01-05", 1}, // the first Sunday
		{"2023-01-01", 0}, // a Sunday
		{"2023-01-08", 1},
		{"2025-12-31", 52},
		{"2028-12-31", 53}, // 2028: a leap year from a Saturday, 31 December a Sunday
	} {
		d, err := models.ParseDate(c.date)
		if err != nil {
			t.Fatal(err)
		}
		if got := WeekBit(d); got != c.bit {
			t.Errorf("WeekBit(%s) = %d, want %d", c.date, got, c.bit)
		}
	}
}
