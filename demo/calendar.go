package demo

import (
	"time"

	"sullam/models"
)

// calendar is the run of days the demo history covers, starting on a Sunday
// so that the weekday of day i is time.Weekday(i % 7) and its week is i / 7.
type calendar struct {
	start   models.Date // a Sunday
	days    []models.Date
	holiday []bool // a public holiday (whatever the weekday)
}

// newCalendar returns the days from the Sunday on or before from through last.
func newCalendar(from, last models.Date) *calendar {
	c := &calendar{start: from.WeekStart()}
	n := c.start.DaysUntil(last) + 1
	if n < 0 {
		n = 0
	}
	c.days = make([]models.Date, n)
	c.holiday = make([]bool, n)
	t := c.start.Time()
	for i := range c.days {
		c.days[i] = models.DateOf(t.AddDate(0, 0, i))
	}
	for y := c.start.Year; y <= last.Year; y++ {
		for _, h := range publicHolidays(y) {
			if i := c.index(h); i >= 0 && i < n {
				c.holiday[i] = true
			}
		}
	}
	return c
}

// index returns the position of d (negative before the start, ≥ len after the end).
func (c *calendar) index(d models.Date) int { return c.start.DaysUntil(d) }

// workday reports whether day i falls on Sunday–Thursday.
func workday(i int) bool { return i%7 <= int(time.Thursday) }

// eidAlFitr and eidAlAdha hold the first day of each Eid as observed in
// Saudi Arabia (Umm al-Qura calendar; the actual day may differ by one from
// the moon sighting). Years outside the table get no Eid holiday.
var (
	eidAlFitr = map[int]models.Date{
		2015: models.NewDate(2015, 7, 17), 2016: models.NewDate(2016, 7, 6), 2017: models.NewDate(2017, 6, 25),
		2018: models.NewDate(2018, 6, 15), 2019: models.NewDate(2019, 6, 4), 2020: models.NewDate(2020, 5, 24),
		2021: models.NewDate(2021, 5, 13), 2022: models.NewDate(2022, 5, 2), 2023: models.NewDate(2023, 4, 21),
		2024: models.NewDate(2024, 4, 10), 2025: models.NewDate(2025, 3, 30), 2026: models.NewDate(2026, 3, 20),
		2027: models.NewDate(2027, 3, 9), 2028: models.NewDate(2028, 2, 26), 2029: models.NewDate(2029, 2, 14),
		2030: models.NewDate(2030, 2, 5),
	}
	eidAlAdha = map[int]models.Date{
		2015: models.NewDate(2015, 9, 24), 2016: models.NewDate(2016, 9, 12), 2017: models.NewDate(2017, 9, 1),
		2018: models.NewDate(2018, 8, 21), 2019: models.NewDate(2019, 8, 11), 2020: models.NewDate(2020, 7, 31),
		2021: models.NewDate(2021, 7, 20), 2022: models.NewDate(2022, 7, 9), 2023: models.NewDate(2023, 6, 28),
		2024: models.NewDate(2024, 6, 16), 2025: models.NewDate(2025, 6, 6), 2026: models.NewDate(2026, 5, 27),
		2027: models.NewDate(2027, 5, 16), 2028: models.NewDate(2028, 5, 5), 2029: models.NewDate(2029, 4, 24),
		2030: models.NewDate(2030, 4, 13),
	}
)

// publicHolidays returns the official holidays of year y: Founding Day
// (22 February, from 2022), Saudi National Day (23 September), and the Eid
// al-Fitr and Eid al-Adha holidays (from the day before the Eid to two days
// after) when the year is in the table.
func publicHolidays(y int) []models.Date {
	var out []models.Date
	if y >= 2022 {
		out = append(out, models.NewDate(y, 2, 22))
	}
	out = append(out, models.NewDate(y, 9, 23))
	for _, eid := range []map[int]models.Date{eidAlFitr, eidAlAdha} {
		if d, ok := eid[y]; ok {
			for k := -1; k <= 2; k++ {
				out = append(out, d.AddDays(k))
			}
		}
	}
	return out
}
