package recruiting

import "sullam/models"

// OpenCandidate is a candidate still in the pipeline, as the HR dashboard
// reads them: the current stage, the day they applied and the date of their
// last stage change (zero when none).
type OpenCandidate struct {
	Stage     models.Stage
	AppliedOn models.Date
	LastMove  models.Date
}

// TimeInStage is the HR dashboard's time in stage: per stage, how many open
// candidates are in it and their mean days there as of asOf, counted from
// their last stage change, else from the day they applied (a date after
// asOf counts 0 days).
func TimeInStage(open []OpenCandidate, asOf models.Date) (in map[models.Stage]int, meanDays map[models.Stage]float64) {
	in, meanDays = map[models.Stage]int{}, map[models.Stage]float64{}
	total := map[models.Stage]int{}
	for _, c := range open {
		since := c.AppliedOn
		if !c.LastMove.IsZero() && c.LastMove.After(since) {
			since = c.LastMove
		}
		total[c.Stage] += max(0, since.DaysUntil(asOf))
		in[c.Stage]++
	}
	for st, n := range in {
		meanDays[st] = float64(total[st]) / float64(n)
	}
	return in, meanDays
}
