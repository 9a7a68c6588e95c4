package evaluation

import (
	"sort"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// WeekChoice is a week an agent may submit a new report for.
type WeekChoice struct {
	WeekStart models.Date
	// Late is true when a report submitted today for this week is late:
	// today is after WeekStart + the policy's on-time days (spec §3).
	Late bool
}

// WeekAllowed checks that a new report of an agent hired on hire (zero:
// unknown) may be filed today for the week starting week: a Sunday, not
// after this week, in the current year — or this week or the week just
// ended, which may start in the year before in early January — and not
// before the week of the hire date.
func WeekAllowed(hire, week, today models.Date) error {
	this := today.WeekStart()
	switch {
	case week.Weekday() != time.Sunday:
		return models.Invalid("error.week_not_sunday", map[string]any{"Week": week.String()}, "week_start %s is a %s, not a Sunday", week, week.Weekday())
	case week.After(today.WeekStart()):
		return models.Invalid("error.week_future", map[string]any{"Week": week.String(), "This": today.WeekStart().String()}, "week_start %s is a future week (this week starts %s)", week, today.WeekStart())
	case week.Year != today.Year && week != this && week != this.AddDays(-7):
		return models.Invalid("error.week_other_year", map[string]any{"Week": week.String(), "Year": today.Year}, "week_start %s is not in the current year %d", week, today.Year)
	case !hire.IsZero() && week.Before(hire.WeekStart()):
		return models.Invalid("error.week_before_hire", map[string]any{"Week": week.String(), "Hire": hire.String()}, "week_start %s is before the hire date %s", week, hire)
	}
	return nil
}

// OpenWeeks lists the weeks an agent hired on hire may submit a new report
// for today: this week and every past week WeekAllowed accepts that is not
// in done (the weeks that have a report). A week is late when a report
// submitted today would not be on time (scoring.OnTime). The first is the default: on a Sunday the week
// just ended when it is still open (a report written on Sunday is about the
// Sunday–Thursday week before), otherwise this week; the others follow
// newest first.
func OpenWeeks(hire, today models.Date, done map[models.Date]bool, p scoring.Policy) []WeekChoice {
	var out []WeekChoice
	for w := today.WeekStart(); WeekAllowed(hire, w, today) == nil; w = w.AddDays(-7) {
		if !done[w] {
			out = append(out, WeekChoice{WeekStart: w, Late: !scoring.OnTime(p, w, today)})
		}
	}
	if today.Weekday() == time.Sunday && len(out) > 1 && out[0].WeekStart == today && out[1].WeekStart == today.AddDays(-7) {
		out[0], out[1] = out[1], out[0]
	}
	return out
}

// MissingWeeks are an agent's weeks of year that expect a report and have
// none, newest first: the weeks of the given attendance days (the present
// and absent days before this week) that start in year and are not in have
// (the weeks that have a report). Each week once.
func MissingWeeks(days, have []models.Date, year int) []models.Date {
	done := map[models.Date]bool{}
	for _, d := range have {
		done[d] = true
	}
	var out []models.Date
	for _, d := range days {
		w := d.WeekStart()
		if w.Year == year && !done[w] {
			done[w] = true
			out = append(out, w)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].After(out[j]) })
	return out
}
