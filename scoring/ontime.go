package scoring

import "sullam/models"

// OnTime reports whether a weekly report for the week starting weekStart,
// submitted on submitted, is on time (spec §3): on or before weekStart +
// p.OnTimeDays. A later one is late and earns p.LateCreditPercent.
func OnTime(p Policy, weekStart, submitted models.Date) bool {
	return !submitted.After(weekStart.AddDays(p.OnTimeDays))
}
