package scoring

import (
	"math/big"
	"sort"
)

// CalibrationInput is one agent's year as supervisor calibration uses it: who
// reviewed them (their supervisor) and their supervisor-review and quality
// audit component scores, each with whether it is present.
type CalibrationInput struct {
	SupervisorID uint
	Review       Cents
	HasReview    bool
	Quality      Cents
	HasQuality   bool
}

// Leniency says how a supervisor's reviews compare with the quality audits
// of the same agents.
type Leniency string

// Leniency values.
const (
	// Aligned: the supervisor's gap is within the tolerance of everyone's gap.
	Aligned Leniency = "aligned"
	// Lenient: the supervisor rates their agents higher than quality does, by
	// more than the tolerance beyond everyone's gap.
	Lenient Leniency = "lenient"
	// Harsh: the supervisor rates their agents lower than quality does, by
	// more than the tolerance beyond everyone's gap.
	Harsh Leniency = "harsh"
)

// Calibration is one supervisor's calibration for a year.
type Calibration struct {
	SupervisorID uint
	// Agents is the number of agents with both a review and a quality score.
	Agents int
	// MeanReview and MeanQuality are the rounded means over those agents.
	MeanReview  Cents
	MeanQuality Cents
	// Gap = MeanReview − MeanQuality (exact means, then rounded).
	Gap Cents
	// Relative = Gap − the overall gap of all supervisors' agents pooled.
	Relative Cents
	Leniency Leniency
	// TooFew is true when Agents is below the minimum: the supervisor is
	// never flagged (Leniency stays Aligned), whatever the gap.
	TooFew bool
}

// Calibrate compares, for each supervisor, the mean supervisor-review score of
// their agents with the mean quality audit score of the same agents. Only
// agents with both scores and a supervisor count. A supervisor whose gap
// differs from the pooled gap of all counted agents by more than tolerance is
// Lenient (above) or Harsh (below); exactly tolerance is Aligned. The result
// is sorted by supervisor ID. A supervisor with fewer than minAgents counted
// agents is never flagged: they stay Aligned with TooFew set (their agents
// still count in the pooled gap).
func Calibrate(in []CalibrationInput, tolerance Cents, minAgents int) []Calibration {
	type acc struct {
		n         int64
		rev, qual int64
	}
	by := map[uint]*acc{}
	var all acc
	for _, x := range in {
		if x.SupervisorID == 0 || !x.HasReview || !x.HasQuality {
			continue
		}
		a := by[x.SupervisorID]
		if a == nil {
			a = &acc{}
			by[x.SupervisorID] = a
		}
		a.n++
		a.rev += int64(x.Review)
		a.qual += int64(x.Quality)
		all.n++
		all.rev += int64(x.Review)
		all.qual += int64(x.Quality)
	}
	out := make([]Calibration, 0, len(by))
	if all.n == 0 {
		return out
	}
	pooled := big.NewRat(all.rev-all.qual, 100*all.n)
	for id, a := range by {
		gap := big.NewRat(a.rev-a.qual, 100*a.n)
		rel := new(big.Rat).Sub(gap, pooled)
		c := Calibration{SupervisorID: id, Agents: int(a.n),
			MeanReview: Round(big.NewRat(a.rev, 100*a.n)), MeanQuality: Round(big.NewRat(a.qual, 100*a.n)),
			Gap: Round(gap), Relative: Round(rel), Leniency: Aligned}
		tol := tolerance.Rat()
		switch {
		case c.Agents < minAgents:
			c.TooFew = true
		case rel.Cmp(tol) > 0:
			c.Leniency = Lenient
		case rel.Cmp(new(big.Rat).Neg(tol)) < 0:
			c.Leniency = Harsh
		}
		out = append(out, c)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].SupervisorID < out[j].SupervisorID })
	return out
}
