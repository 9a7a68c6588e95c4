package scoring

import (
	"fmt"
	"math/big"
	"slices"
	"strings"

	"sullam/models"
)

// Review is the scoring view of one supervisor review (spec §4): its date and
// its rating 1–5 per competency code.
type Review struct {
	Date    models.Date
	Ratings map[string]int
}

// ReviewScore returns the exact score of one review: 100 × Σ(weight ×
// rating) / (5 × Σ weight) over comps. It fails when a competency has no
// rating, a rating is outside 1–5, a rating names no competency of comps, or
// comps is empty or has a non-positive weight.
func ReviewScore(comps []Competency, ratings map[string]int) (*big.Rat, error) {
	if len(comps) == 0 {
		return nil, fmt.Errorf("score review: no competency")
	}
	var sum, weights int64
	for _, c := range comps {
		if c.Weight <= 0 {
			return nil, fmt.Errorf("score review: competency %s: weight %d is not positive", c.Code, c.Weight)
		}
		r, ok := ratings[c.Code]
		if !ok {
			return nil, fmt.Errorf("score review: competency %s: no rating", c.Code)
		}
		if r < 1 || r > 5 {
			return nil, fmt.Errorf("score review: competency %s: rating %d is outside 1..5", c.Code, r)
		}
		sum += int64(c.Weight) * int64(r)
		weights += int64(c.Weight)
	}
	// every competency has a rating, so a rating names no competency only
	// when there are more ratings than distinct codes
	if len(ratings) != distinctCodes(comps) {
		known := make(map[string]bool, len(comps))
		for _, c := range comps {
			known[c.Code] = true
		}
		var extra []string
		for code := range ratings {
			if !known[code] {
				extra = append(extra, code)
			}
		}
		slices.Sort(extra)
		return nil, fmt.Errorf("score review: unknown competency %s", strings.Join(extra, ", "))
	}
	return newRat(100*sum, 5*weights), nil
}

// reviewFrac returns ReviewScore(comps, ratings) as an int64 fraction, and
// false when the review cannot be scored or the value does not fit (then
// ReviewScore says why).
func reviewFrac(comps []Competency, ratings map[string]int) (frac, bool) {
	if len(comps) == 0 || len(ratings) != len(comps) {
		return frac{}, false
	}
	var sum, weights int64
	for _, c := range comps {
		r, ok := ratings[c.Code]
		if c.Weight <= 0 || !ok || r < 1 || r > 5 {
			return frac{}, false
		}
		sum += int64(c.Weight) * int64(r)
		weights += int64(c.Weight)
	}
	// as many ratings as competencies, each competency rated: no rating
	// names another competency unless two competencies share a code
	if distinctCodes(comps) != len(comps) {
		return frac{}, false
	}
	return fracOf(100*sum, 5*weights)
}

// distinctCodes returns the number of distinct codes of comps, without a
// map for the usual handful of competencies.
func distinctCodes(comps []Competency) int {
	if len(comps) > 32 {
		seen := make(map[string]bool, len(comps))
		for _, c := range comps {
			seen[c.Code] = true
		}
		return len(seen)
	}
	n := 0
	for i, c := range comps {
		dup := false
		for _, b := range comps[:i] {
			if b.Code == c.Code {
				dup = true
				break
			}
		}
		if !dup {
			n++
		}
	}
	return n
}

// SupervisorDetail is the breakdown of a supervisor component.
type SupervisorDetail struct {
	// Reviews is the number of reviews dated in Y.
	Reviews int `json:"reviews"`
	// Scores are their exact scores, in input order.
	Scores []DatedScore `json:"scores"`
	// Mean is their exact mean (nil when there is none).
	Mean *big.Rat `json:"mean,omitempty"`
}

// SupervisorScore returns the supervisor component of year (spec §4): the
// mean of the scores (ReviewScore with p.Competencies) of the reviews dated
// in year; insufficient below p.MinReviews reviews. A review of year that
// cannot be scored makes the component insufficient, with the review's date
// and the error as reason, rather than being dropped.
func SupervisorScore(p Policy, year int, reviews []Review) Component {
	var scores []DatedScore
	for _, r := range reviews {
		if r.Date.Year != year {
			continue
		}
		s, err := ReviewScore(p.Competencies, r.Ratings)
		if err != nil {
			return Component{
				Kind:       Supervisor,
				Supervisor: &SupervisorDetail{},
				Reason:     fmt.Sprintf("review of %s: %v", r.Date, err),
				Explanation: Explanation{Key: KeySupervisorInvalidReview, Args: map[string]any{
					"date": r.Date.String(), "error": err.Error(),
				}},
			}
		}
		scores = append(scores, DatedScore{Date: r.Date, Score: s})
	}
	return SupervisorScoreOf(p, year, scores)
}

// SupervisorScoreOf returns the supervisor component of year from review
// scores already computed (for instance with the competencies in force when
// each review was written): their mean for the reviews dated in year,
// insufficient below p.MinReviews. Other years and nil scores are ignored.
func SupervisorScoreOf(p Policy, year int, reviewScores []DatedScore) Component {
	in := scoresOfYear(year, reviewScores)
	m, mf, fast := meanOf(in)
	d := &SupervisorDetail{Reviews: len(in), Scores: in, Mean: m}
	c := Component{Kind: Supervisor, Supervisor: d}
	if len(in) < p.MinReviews || len(in) == 0 {
		c.Reason = supervisorReason(p, len(in))
		c.Explanation = Explanation{Key: KeySupervisorInsufficient, Args: map[string]any{
			"reviews": len(in), "needed": p.MinReviews,
		}}
		return c
	}
	c.Sufficient = true
	c.Exact, c.Score = exactAndScore(d.Mean, mf, fast)
	c.Explanation = Explanation{Key: KeySupervisor, Args: map[string]any{
		"reviews": len(in), "mean": c.Score.String(), "score": c.Score.String(),
	}}
	return c
}

// supervisorReason returns why a supervisor component of n reviews is
// insufficient.
func supervisorReason(p Policy, n int) string {
	if n == 0 && p.MinReviews <= 1 {
		return "no review"
	}
	return fewNeeded(n, "review", "reviews", p.MinReviews)
}
