package scoring

import (
	"math/big"

	"sullam/models"
)

// AttendanceRecord is one agent's attendance on one day (spec §1).
type AttendanceRecord struct {
	Date              models.Date
	Status            models.AttendanceStatus
	LateMinutes       int
	EarlyLeaveMinutes int
}

// AttendanceTally accumulates one agent's attendance records for year Y, so
// that the store can stream them instead of holding them all.
//
// Two different sets of records matter, and Add sorts them out:
//   - the counts (scheduled, present, punctual, …) use the records dated in Y,
//     1 January to 31 December;
//   - the expected weeks of the weekly component use the present and absent
//     records whose week_start is in Y, which includes records dated up to
//     6 January of Y+1 (a week starting on a Sunday in late December) and
//     excludes records of early January of Y whose week started in Y−1.
//
// The store should therefore pass every record from WeekStart(1 January Y)
// through 31 December Y + 6 days (see TallyRange); any other record is
// ignored. A tally holds one agent; the same date must not be added twice.
type AttendanceTally struct {
	year  int
	grace int
	first int // day number of 1 January of year
	last  int // day number of 31 December of year

	// counts of the records dated in year
	records, scheduled, present, absent, leave, holiday, punctual, unknown int

	weeks WeekSet // expected weeks
}

// NewAttendanceTally returns an empty tally for year, using p.GraceMinutes.
func NewAttendanceTally(p Policy, year int) *AttendanceTally {
	return &AttendanceTally{
		year:  year,
		grace: p.GraceMinutes,
		first: dayNumber(year, 1, 1),
		last:  dayNumber(year, 12, 31),
		weeks: NewWeekSet(year),
	}
}

// TallyRange returns the first and last dates of the records an
// AttendanceTally for year needs: the week start of 1 January of year
// through 6 January of year+1.
func TallyRange(year int) (from, to models.Date) {
	return models.NewDate(year, 1, 1).WeekStart(), models.NewDate(year+1, 1, 6)
}

// Add accumulates one record. A record dated in Y counts in the counts; a
// present or absent record whose week_start is in Y marks that week as
// expected; other records are ignored. A record with an unknown status dated
// in Y is counted as such and makes the component insufficient.
func (t *AttendanceTally) Add(r AttendanceRecord) {
	n := dayNumber(r.Date.Year, r.Date.Month, r.Date.Day)
	worked := r.Status == models.Present || r.Status == models.Absent
	if worked {
		t.weeks.add(n)
	}
	if n < t.first || n > t.last {
		return
	}
	t.records++
	switch r.Status {
	case models.Present:
		t.scheduled++
		t.present++
		if r.LateMinutes <= t.grace && r.EarlyLeaveMinutes <= t.grace {
			t.punctual++
		}
	case models.Absent:
		t.scheduled++
		t.absent++
	case models.Leave:
		t.leave++
	case models.Holiday:
		t.holiday++
	default:
		t.unknown++
	}
}

// Year returns the tally's year.
func (t *AttendanceTally) Year() int { return t.year }

// RecordsInYear returns the number of records of any status dated in Y (an
// agent with at least one has a row in the year's score output).
func (t *AttendanceTally) RecordsInYear() int { return t.records }

// ScheduledDays returns the present and absent records dated in Y.
func (t *AttendanceTally) ScheduledDays() int { return t.scheduled }

// ExpectedWeeks returns the expected weeks of Y: the weeks whose week_start
// is in Y with at least one present or absent record.
func (t *AttendanceTally) ExpectedWeeks() WeekSet { return t.weeks }

// AttendanceDetail is the breakdown of an attendance component.
type AttendanceDetail struct {
	RecordsInYear int `json:"records_in_year"`
	ScheduledDays int `json:"scheduled_days"`
	PresentDays   int `json:"present_days"`
	AbsentDays    int `json:"absent_days"`
	LeaveDays     int `json:"leave_days"`
	HolidayDays   int `json:"holiday_days"`
	PunctualDays  int `json:"punctual_days"`
	// UnknownStatus counts records dated in Y with a status that is none of
	// present, absent, leave, holiday.
	UnknownStatus int `json:"unknown_status"`
	GraceMinutes  int `json:"grace_minutes"`
	// AttendanceRate = present/scheduled, PunctualityRate = punctual/present
	// (0 when no present day); nil when there is no scheduled day.
	AttendanceRate  *big.Rat `json:"attendance_rate,omitempty"`
	PunctualityRate *big.Rat `json:"punctuality_rate,omitempty"`
}

// AttendanceScore returns the attendance component (spec §1):
// A = AttendanceRateWeight × attendance_rate + PunctualityRateWeight ×
// punctuality_rate; insufficient below p.MinScheduledDays scheduled days.
func AttendanceScore(p Policy, t *AttendanceTally) Component {
	d := &AttendanceDetail{
		RecordsInYear: t.records,
		ScheduledDays: t.scheduled,
		PresentDays:   t.present,
		AbsentDays:    t.absent,
		LeaveDays:     t.leave,
		HolidayDays:   t.holiday,
		PunctualDays:  t.punctual,
		UnknownStatus: t.unknown,
		GraceMinutes:  t.grace,
	}
	c := Component{Kind: Attendance, Attendance: d}
	// the two rates as int64 fractions when they fit (they always do for
	// counts of days), for the score below
	var rate, punct frac
	fast := false
	if t.scheduled > 0 {
		var ok1, ok2 bool
		rate, ok1 = fracOf(int64(t.present), int64(t.scheduled))
		punct, ok2 = frac{0, 1}, true
		if t.present > 0 {
			punct, ok2 = fracOf(int64(t.punctual), int64(t.present))
		}
		if fast = ok1 && ok2; fast {
			d.AttendanceRate = rate.rat()
			d.PunctualityRate = new(big.Rat)
			if t.present > 0 {
				d.PunctualityRate = punct.rat()
			}
		} else {
			d.AttendanceRate = big.NewRat(int64(t.present), int64(t.scheduled))
			d.PunctualityRate = new(big.Rat)
			if t.present > 0 {
				d.PunctualityRate.SetFrac64(int64(t.punctual), int64(t.present))
			}
		}
	}
	if t.unknown > 0 {
		c.Reason, _ = attendanceReason(p, t)
		c.Explanation = Explanation{Key: KeyAttendanceUnknownStatus, Args: map[string]any{"count": t.unknown}}
		return c
	}
	if t.scheduled < p.MinScheduledDays || t.scheduled == 0 {
		c.Reason, _ = attendanceReason(p, t)
		c.Explanation = Explanation{Key: KeyAttendanceInsufficient, Args: map[string]any{
			"scheduled": t.scheduled, "needed": p.MinScheduledDays,
		}}
		return c
	}
	c.Sufficient = true
	rateText, punctText := "", ""
	if a, ok := attendanceFrac(p, rate, punct, fast); ok {
		c.Exact, c.Score = a.rat(), a.cents()
		rateText, punctText = rate.percentText(), punct.percentText()
	} else {
		a := new(big.Rat).Mul(d.AttendanceRate, big.NewRat(int64(p.AttendanceRateWeight), 1))
		a.Add(a, new(big.Rat).Mul(d.PunctualityRate, big.NewRat(int64(p.PunctualityRateWeight), 1)))
		c.Exact, c.Score = a, Round(a)
		rateText, punctText = percentText(d.AttendanceRate), percentText(d.PunctualityRate)
	}
	c.Explanation = Explanation{Key: KeyAttendance, Args: map[string]any{
		"scheduled":        t.scheduled,
		"present":          t.present,
		"absent":           t.absent,
		"leave":            t.leave,
		"holiday":          t.holiday,
		"punctual":         t.punctual,
		"grace":            t.grace,
		"attendance_rate":  rateText,
		"punctuality_rate": punctText,
		"score":            c.Score.String(),
	}}
	return c
}

// attendanceFrac returns AttendanceRateWeight × rate + PunctualityRateWeight
// × punct as an int64 fraction, and false when the rates are not fracs
// (fast is false) or a value overflows.
func attendanceFrac(p Policy, rate, punct frac, fast bool) (frac, bool) {
	if !fast {
		return frac{}, false
	}
	a, ok1 := rate.mulInt(int64(p.AttendanceRateWeight))
	b, ok2 := punct.mulInt(int64(p.PunctualityRateWeight))
	if !ok1 || !ok2 {
		return frac{}, false
	}
	return a.add(b)
}

// attendanceReason returns why the attendance component of t is
// insufficient, and false when it is sufficient.
func attendanceReason(p Policy, t *AttendanceTally) (string, bool) {
	if t.unknown > 0 {
		return plural(t.unknown, "record", "records") + " with an unknown status", true
	}
	if t.scheduled < p.MinScheduledDays || t.scheduled == 0 {
		return fewNeeded(t.scheduled, "scheduled day", "scheduled days", p.MinScheduledDays), true
	}
	return "", false
}
