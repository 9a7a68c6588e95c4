package scoring

import (
	"math/bits"
	"time"

	"sullam/models"
)

// dayNumber returns the number of days from 1970-01-01 to y-m-d in the
// proleptic Gregorian calendar (days_from_civil), without allocating.
func dayNumber(y int, m time.Month, d int) int {
	if m <= 2 {
		y--
	}
	era := y / 400
	if y < 0 && y%400 != 0 {
		era--
	}
	yoe := y - era*400
	mp := (int(m) + 9) % 12 // March = 0
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return era*146097 + doe - 719468
}

// dayNum is dayNumber of a models.Date.
func dayNum(d models.Date) int { return dayNumber(d.Year, d.Month, d.Day) }

// weekStartNum returns the day number of the Sunday on or before day n
// (1970-01-01, day 0, was a Thursday).
func weekStartNum(n int) int {
	wd := (n + 4) % 7 // 0 = Sunday
	if wd < 0 {
		wd += 7
	}
	return n - wd
}

// WeekSet is a set of week starts (Sundays) of one year Y: the weeks whose
// week_start is in Y. A year has at most 53 week starts, held as a bit set.
type WeekSet struct {
	year  int
	first int // day number of the first Sunday on or after 1 January of year
	last  int // day number of 31 December of year
	bits  uint64
}

// NewWeekSet returns the set of the weeks of year that contain the given
// dates (each date stands for its week, the Sunday on or before it); dates
// whose week_start is not in year are ignored.
func NewWeekSet(year int, dates ...models.Date) WeekSet {
	jan1 := dayNumber(year, time.January, 1)
	first := weekStartNum(jan1)
	if first < jan1 {
		first += 7
	}
	s := WeekSet{year: year, first: first, last: dayNumber(year, time.December, 31)}
	for _, d := range dates {
		s.add(dayNum(d))
	}
	return s
}

// add adds the week of day number n if its week start is in the set's year.
func (s *WeekSet) add(n int) {
	ws := weekStartNum(n)
	if ws < s.first || ws > s.last {
		return
	}
	s.bits |= 1 << uint((ws-s.first)/7)
}

// Year returns the year of the set.
func (s WeekSet) Year() int { return s.year }

// Len returns the number of weeks in the set.
func (s WeekSet) Len() int { return bits.OnesCount64(s.bits) }

// Has reports whether the week starting on (or containing) d is in the set.
func (s WeekSet) Has(d models.Date) bool {
	ws := weekStartNum(dayNum(d))
	if ws < s.first || ws > s.last {
		return false
	}
	return s.bits&(1<<uint((ws-s.first)/7)) != 0
}

// Dates returns the week starts in the set, in order.
func (s WeekSet) Dates() []models.Date {
	var out []models.Date
	epoch := models.NewDate(1970, time.January, 1)
	for i := 0; i < 53; i++ {
		if s.bits&(1<<uint(i)) != 0 {
			out = append(out, epoch.AddDays(s.first+7*i))
		}
	}
	return out
}
