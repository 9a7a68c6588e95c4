package scoring

import (
	"time"

	"sullam/models"
)

// AttendanceCounts is one agent's attendance records dated in one year,
// reduced to counts that do not depend on the policy: what the store keeps
// per agent and year so that a year is scored without reading every day.
// TallyFromCounts turns them into the AttendanceTally that Add would build.
type AttendanceCounts struct {
	// Records counts the records of any status.
	Records int
	// Present, Absent, Leave and Holiday count the records of each known
	// status; Records minus their sum is the records of an unknown status.
	Present, Absent, Leave, Holiday int
	// PresentByMinutes counts the present days by the larger of their late
	// and early-leave minutes: a present day is punctual when that larger
	// value is at most the grace minutes, whatever the policy says then.
	// In any order; a minutes value listed twice counts both.
	PresentByMinutes []MinutesDays
	// WeekBits holds the weeks of the present and absent records: bit i is
	// the week starting i weeks after WeekStart(1 January of the year)
	// (see WeekBit).
	WeekBits uint64
}

// MinutesDays is a number of present days whose larger of late and
// early-leave minutes is Minutes.
type MinutesDays struct {
	Minutes, Days int
}

// WeekBit returns the bit of the week of date d in the WeekBits of d's
// year: the number of weeks from the week start of 1 January of that year
// to d's week start (0..53).
func WeekBit(d models.Date) uint {
	anchor := weekStartNum(dayNumber(d.Year, time.January, 1))
	return uint((weekStartNum(dayNum(d)) - anchor) / 7)
}

// TallyFromCounts returns the tally that NewAttendanceTally(p, year) and Add
// would build from the records of TallyRange(year): own holds the counts
// of the records dated in year, next those of the records dated in year+1
// (only their weeks matter: the first days of January whose week starts in
// late December of year). The result is the same tally, so the scores are
// exactly the same.
func TallyFromCounts(p Policy, year int, own, next AttendanceCounts) *AttendanceTally {
	t := NewAttendanceTally(p, year)
	t.records = own.Records
	t.present, t.absent, t.leave, t.holiday = own.Present, own.Absent, own.Leave, own.Holiday
	t.scheduled = own.Present + own.Absent
	t.unknown = own.Records - own.Present - own.Absent - own.Leave - own.Holiday
	for _, md := range own.PresentByMinutes {
		if md.Minutes <= t.grace {
			t.punctual += md.Days
		}
	}
	// own's bit i is the week anchor+7i; the set counts from its first
	// Sunday on or after 1 January (anchor, or anchor+7 when 1 January is
	// not a Sunday: that week belongs to year−1)
	anchor := weekStartNum(t.first)
	for i := uint(0); i < 54; i++ {
		if own.WeekBits&(1<<i) != 0 {
			t.weeks.add(anchor + 7*int(i))
		}
	}
	// next's bit 0 is the week of 1 January of year+1, which starts in
	// year unless 1 January is a Sunday (add ignores it then)
	if next.WeekBits&1 != 0 {
		t.weeks.add(weekStartNum(dayNumber(year+1, time.January, 1)))
	}
	return t
}
