package scoring

import (
	"math/bits"
	"time"
)

// WeeklyCounts is one agent's weekly reports whose week_start is in one
// year, reduced to what does not depend on the policy: what the store
// keeps per agent and year so that a year is scored without reading every
// report. WeeklyScoreFromCounts scores them exactly as WeeklyScore scores
// the reports.
type WeeklyCounts struct {
	// Year is the year of the reports' week starts.
	Year int
	// Reports counts the reports; Rated those with a rating 1–5 and
	// RatingSum the sum of those ratings.
	Reports, Rated, RatingSum int
	// Delays holds the weeks of the reports by their delay, the days from
	// week_start to submitted_on: Delays[n] has bit WeekBit(week_start) set
	// for each report submitted n days after its week start. Whether a
	// report is on time (delay <= the policy's OnTimeDays) and whether its
	// week is expected (from the attendance) are decided when scoring.
	Delays map[int]uint64
}

// WeeklyCountsOf returns the counts of the reports whose week_start is in
// year (the others are ignored), as the store computes them.
func WeeklyCountsOf(year int, reports []WeeklyReport) WeeklyCounts {
	c := WeeklyCounts{Year: year, Delays: map[int]uint64{}}
	for _, r := range reports {
		if r.WeekStart.Year != year {
			continue
		}
		c.Reports++
		if r.Rating >= 1 && r.Rating <= 5 {
			c.Rated++
			c.RatingSum += r.Rating
		}
		delay := dayNum(r.SubmittedOn) - dayNum(r.WeekStart)
		c.Delays[delay] |= 1 << WeekBit(r.WeekStart)
	}
	return c
}

// WeeklyScoreFromCounts returns the weekly component of year from the
// counts of the agent's reports of year: the same component WeeklyScore
// returns from the reports themselves, for any policy, provided no two
// reports share a week (the store keeps one report per agent and week
// start, a Sunday). expected holds the expected weeks of year
// (AttendanceTally.ExpectedWeeks); counts of another year count as none.
func WeeklyScoreFromCounts(p Policy, year int, expected WeekSet, c WeeklyCounts) Component {
	d := &WeeklyDetail{LateCreditPercent: p.LateCreditPercent}
	if c.Year != year {
		c = WeeklyCounts{Year: year}
	}
	var expBits uint64 // the expected weeks, in WeekBit numbering
	if expected.Year() == year {
		d.ExpectedWeeks = expected.Len()
		anchor := weekStartNum(dayNumber(year, time.January, 1))
		expBits = expected.bits << uint((expected.first-anchor)/7)
	}
	var all, onTime uint64
	for delay, b := range c.Delays {
		all |= b
		if delay <= p.OnTimeDays {
			onTime |= b
		}
	}
	credited := bits.OnesCount64(all & expBits)
	d.Reports, d.Rated = c.Reports, c.Rated
	d.Unexpected = c.Reports - credited
	d.OnTime = bits.OnesCount64(onTime & expBits)
	d.Late = credited - d.OnTime
	d.Missing = d.ExpectedWeeks - credited
	return weeklyComponent(p, d, 100*d.OnTime+p.LateCreditPercent*d.Late, c.RatingSum)
}
