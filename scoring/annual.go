package scoring

import (
	"math/big"
	"strings"

	"sullam/models"
)

// Annual is the annual evaluation of one agent for one year (spec §5).
type Annual struct {
	Year int `json:"year"`
	// PolicyVersion is the version of the policy it was computed with.
	PolicyVersion int `json:"policy_version"`
	// Components are attendance, quality, weekly, supervisor, in that order
	// (Components[k] has Kind k).
	Components [4]Component `json:"components"`
	// Complete is true when every component is sufficient.
	Complete bool `json:"complete"`
	// Score is the rounded annual score, valid only when Complete.
	Score Cents `json:"score"`
	// Reasons has one "component: reason" per insufficient component, in the
	// order attendance, quality, weekly, supervisor, e.g.
	// "quality: 3 audits, 4 needed".
	Reasons []string `json:"reasons,omitempty"`
	// Explanation explains the score or why the year is incomplete.
	Explanation Explanation `json:"explanation"`
}

// Combine returns the annual evaluation of year from its four components,
// given in the order attendance, quality, weekly, supervisor: the weighted
// mean (Σ weight × rounded component score) / 100 of the rounded component
// scores, rounded; incomplete, with reasons, when any component is
// insufficient.
func Combine(p Policy, year int, comps [4]Component) Annual {
	a := Annual{Year: year, PolicyVersion: p.Version, Components: comps}
	var missing []string
	for i, c := range comps {
		k := ComponentKind(i)
		if !c.Sufficient {
			a.Reasons = append(a.Reasons, k.String()+": "+c.Reason)
			missing = append(missing, k.String())
		}
	}
	if len(missing) > 0 {
		a.Explanation = Explanation{Key: KeyAnnualIncomplete, Args: map[string]any{
			"count": len(missing), "components": strings.Join(missing, ", "),
		}}
		return a
	}
	var sum int64
	for i, c := range comps {
		sum += int64(p.Weights.Of(ComponentKind(i))) * int64(c.Score)
	}
	// sum is in hundredths of a point times the weights: score = sum/100/100.
	a.Complete = true
	a.Score = Round(big.NewRat(sum, 100*100))
	a.Explanation = Explanation{Key: KeyAnnual, Args: map[string]any{
		"attendance":   comps[Attendance].Score.String(),
		"quality":      comps[Quality].Score.String(),
		"weekly":       comps[Weekly].Score.String(),
		"supervisor":   comps[Supervisor].Score.String(),
		"w_attendance": p.Weights.Attendance,
		"w_quality":    p.Weights.Quality,
		"w_weekly":     p.Weights.Weekly,
		"w_supervisor": p.Weights.Supervisor,
		"score":        a.Score.String(),
	}}
	return a
}

// ReasonText joins the reasons with ";" (empty when complete), as in the
// reasons column of the score output.
func (a Annual) ReasonText() string { return strings.Join(a.Reasons, ";") }

// Status returns complete or incomplete (finalized is the store's to say).
func (a Annual) Status() models.EvaluationStatus {
	if a.Complete {
		return models.EvalComplete
	}
	return models.EvalIncomplete
}

// Result returns the year's result as Assess takes it.
func (a Annual) Result() YearResult {
	return YearResult{Year: a.Year, Complete: a.Complete, Score: a.Score, Reasons: a.Reasons}
}

// Inputs are everything one agent has for one year, for Evaluate.
type Inputs struct {
	// Attendance is the agent's tally for the year.
	Attendance *AttendanceTally
	// AuditScores are the scores of the agent's audits.
	AuditScores []DatedScore
	// Reports are the agent's weekly reports.
	Reports []WeeklyReport
	// Weekly, when set, stands for Reports: the agent's weekly reports of
	// the year reduced to counts (WeeklyCountsOf), as the store keeps them.
	Weekly *WeeklyCounts
	// Reviews are the agent's supervisor reviews.
	Reviews []Review
}

// Evaluate computes the four components of year and combines them.
// in.Attendance must be a tally for year; nil counts as no attendance record.
func Evaluate(p Policy, year int, in Inputs) Annual {
	t := in.Attendance
	if t == nil {
		t = NewAttendanceTally(p, year)
	}
	return Combine(p, year, [4]Component{
		AttendanceScore(p, t),
		QualityScore(p, year, in.AuditScores),
		in.weekly(p, year, t.ExpectedWeeks()),
		SupervisorScore(p, year, in.Reviews),
	})
}

// HasRecordIn reports whether the inputs hold any record of year: an
// attendance record of any status dated in year (in.Attendance must be
// year's tally), an audit or a review dated in year, or a weekly report
// whose week_start is in year. Such an agent has a row in the year's score
// output (spec/cli.md).
func (in Inputs) HasRecordIn(year int) bool {
	if in.Attendance != nil && in.Attendance.Year() == year && in.Attendance.RecordsInYear() > 0 {
		return true
	}
	for _, a := range in.AuditScores {
		if a.Date.Year == year {
			return true
		}
	}
	for _, r := range in.Reports {
		if r.WeekStart.Year == year {
			return true
		}
	}
	if in.Weekly != nil && in.Weekly.Year == year && in.Weekly.Reports > 0 {
		return true
	}
	for _, r := range in.Reviews {
		if r.Date.Year == year {
			return true
		}
	}
	return false
}

// weekly returns the weekly component of year from in.Weekly when set,
// else from in.Reports.
func (in Inputs) weekly(p Policy, year int, expected WeekSet) Component {
	if in.Weekly != nil {
		return WeeklyScoreFromCounts(p, year, expected, *in.Weekly)
	}
	return WeeklyScore(p, year, expected, in.Reports)
}
