package scoring

import (
	"errors"
	"fmt"
	"math/big"

	"sullam/models"
)

// ErrAllNA is returned by AuditScore when every item is answered na: such an
// audit is invalid and must be refused at entry or import.
var ErrAllNA = errors.New("every item is na")

// AuditItem is one item of an audit form: its code, positive weight and
// whether a fail on it makes the whole audit 0.
type AuditItem struct {
	Code     string `json:"code"`
	Weight   int    `json:"weight"`
	Critical bool   `json:"critical"`
}

// DefaultAuditFormCode is the code of the default audit form.
const DefaultAuditFormCode = "CS-STD-1"

// DefaultAuditForm returns the items of the default form CS-STD-1
// (spec §2), in order. The item texts live with the form's translations.
func DefaultAuditForm() []AuditItem {
	return []AuditItem{
		{Code: "GREETING", Weight: 1},
		{Code: "NEEDS", Weight: 2},
		{Code: "LISTENING", Weight: 2},
		{Code: "CLARITY", Weight: 2},
		{Code: "RESPONSE_TIME", Weight: 2},
		{Code: "PERSONAL", Weight: 1},
		{Code: "ACCURACY", Weight: 3, Critical: true},
		{Code: "RESOLUTION", Weight: 3},
		{Code: "PRIVACY", Weight: 2, Critical: true},
		{Code: "CLOSING", Weight: 1},
	}
}

// AuditScore returns the exact score of one audit (spec §2): 0 when a
// critical item is failed, otherwise 100 × Σ weight(pass) / Σ weight(pass or
// fail). answers[i] answers items[i]. It fails when the lengths differ, an
// answer is not pass/fail/na, an item weight is not positive, or every item
// is na (ErrAllNA).
func AuditScore(items []AuditItem, answers []models.Answer) (*big.Rat, error) {
	if len(items) != len(answers) {
		return nil, fmt.Errorf("score audit: %d answers for %d items", len(answers), len(items))
	}
	if len(items) == 0 {
		return nil, fmt.Errorf("score audit: the form has no item")
	}
	var passed, answered int64
	criticalFail := false
	for i, it := range items {
		if it.Weight <= 0 {
			return nil, fmt.Errorf("score audit: item %s: weight %d is not positive", it.Code, it.Weight)
		}
		switch answers[i] {
		case models.Pass:
			passed += int64(it.Weight)
			answered += int64(it.Weight)
		case models.Fail:
			answered += int64(it.Weight)
			if it.Critical {
				criticalFail = true
			}
		case models.NA:
		default:
			return nil, fmt.Errorf("score audit: item %s: answer %q is not pass, fail or na", it.Code, answers[i])
		}
	}
	return AuditScoreFromWeights(passed, answered, criticalFail)
}

// AuditScoreFromWeights returns the exact score of one audit from its
// answers reduced to weights (spec §2): passed = Σ weight(pass), answered
// = Σ weight(pass or fail), criticalFail when a critical item is failed.
// It is what AuditScore computes once the answers are summed, and what the
// store keeps per audit. It fails (ErrAllNA) when answered is 0.
func AuditScoreFromWeights(passed, answered int64, criticalFail bool) (*big.Rat, error) {
	if answered <= 0 {
		return nil, fmt.Errorf("score audit: %w", ErrAllNA)
	}
	if criticalFail {
		return new(big.Rat), nil
	}
	return newRat(100*passed, answered), nil
}

// QualityDetail is the breakdown of a quality component.
type QualityDetail struct {
	// Audits is the number of audits dated in Y.
	Audits int `json:"audits"`
	// Scores are the exact scores of the audits dated in Y, in input order.
	Scores []DatedScore `json:"scores"`
	// Mean is their exact mean (nil when there is none).
	Mean *big.Rat `json:"mean,omitempty"`
}

// QualityScore returns the quality component of year (spec §2): the mean of
// the scores of the audits dated in year; insufficient below p.MinAudits
// audits. Audits dated in other years, and nil scores, are ignored.
func QualityScore(p Policy, year int, auditScores []DatedScore) Component {
	in := scoresOfYear(year, auditScores)
	m, mf, fast := meanOf(in)
	d := &QualityDetail{Audits: len(in), Scores: in, Mean: m}
	c := Component{Kind: Quality, Quality: d}
	if len(in) < p.MinAudits || len(in) == 0 {
		c.Reason = qualityReason(p, len(in))
		c.Explanation = Explanation{Key: KeyQualityInsufficient, Args: map[string]any{
			"audits": len(in), "needed": p.MinAudits,
		}}
		return c
	}
	c.Sufficient = true
	c.Exact, c.Score = exactAndScore(d.Mean, mf, fast)
	c.Explanation = Explanation{Key: KeyQuality, Args: map[string]any{
		"audits": len(in), "mean": c.Score.String(), "score": c.Score.String(),
	}}
	return c
}

// qualityReason returns why a quality component of n audits is
// insufficient.
func qualityReason(p Policy, n int) string {
	return fewNeeded(n, "audit", "audits", p.MinAudits)
}
