package scoring

import (
	"math/big"

	"sullam/models"
)

// YearResult is the annual result of one year as promotion readiness uses
// it: a finalized snapshot's or a live Annual's (Annual.Result).
type YearResult struct {
	Year     int      `json:"year"`
	Complete bool     `json:"complete"`
	Score    Cents    `json:"score"`
	Reasons  []string `json:"reasons,omitempty"`
}

// Readiness is an agent's promotion readiness as of a date (spec §6).
type Readiness struct {
	Status models.ReadinessStatus `json:"status"`
	// Role is the agent's current role and NextRole the role of promotion
	// ("" at the top of the ladder or for a role not on the ladder).
	Role     string `json:"role"`
	NextRole string `json:"next_role"`
	// RoleKnown is false when Role is not on the policy's ladder; such an
	// agent has no next role and is reported as top_of_ladder.
	RoleKnown bool `json:"role_known"`
	// AsOf is the date of the assessment and RoleStart the role start date.
	AsOf      models.Date `json:"as_of"`
	RoleStart models.Date `json:"role_start"`
	// YearsInRole = days(RoleStart..AsOf) / 365.25, rounded; shown only.
	YearsInRole Cents `json:"years_in_role"`
	// EligibleOn and OverdueOn are the EligibleYears and OverdueYears
	// anniversaries of RoleStart (29 February → 1 March).
	EligibleOn models.Date `json:"eligible_on"`
	OverdueOn  models.Date `json:"overdue_on"`
	// Counted are the complete years from YearsToCount, in year order;
	// Incomplete the other years of YearsToCount, with their reasons (a
	// year absent from the input is incomplete with reason "no evaluation").
	Counted    []YearResult `json:"counted"`
	Incomplete []YearResult `json:"incomplete"`
	// Cumulative is the rounded mean of the counted annual scores, valid
	// when HasCumulative (at least one counted year).
	Cumulative    Cents `json:"cumulative"`
	HasCumulative bool  `json:"has_cumulative"`
	// Overdue is true from the OverdueYears anniversary on, unless the
	// status is top_of_ladder.
	Overdue bool `json:"overdue"`
	// RequiredNext is the annual score needed next year for the cumulative
	// to reach ReadyThreshold: threshold × (n+1) − Σ counted scores. It is
	// given (HasRequiredNext) for not_ready, insufficient_data and
	// not_eligible with at least one counted year; OutOfReach when above
	// 100.00.
	RequiredNext    Cents `json:"required_next"`
	HasRequiredNext bool  `json:"has_required_next"`
	OutOfReach      bool  `json:"out_of_reach"`
}

// CountedYears returns the number of counted years.
func (r Readiness) CountedYears() int { return len(r.Counted) }

// YearsToCount returns the years Y, in order, with year(roleStart) <= Y and
// 31 December of Y <= asOf: the years that may count for the cumulative.
func YearsToCount(roleStart, asOf models.Date) []int {
	last := asOf.Year - 1
	if asOf.Month == 12 && asOf.Day == 31 {
		last = asOf.Year
	}
	var years []int
	for y := roleStart.Year; y <= last; y++ {
		years = append(years, y)
	}
	return years
}

// YearsInRole returns days(roleStart..asOf) / 365.25 rounded half-up to 2
// decimals, exactly (negative when asOf is before roleStart).
func YearsInRole(roleStart, asOf models.Date) Cents {
	days := int64(dayNum(asOf) - dayNum(roleStart))
	return Round(big.NewRat(4*days, 1461))
}

// Assess returns the promotion readiness as of asOf of an agent in role
// since roleStart (spec §6). years holds the annual results of (at least)
// the years of YearsToCount(roleStart, asOf); other years are ignored. The
// status is, first match wins: top_of_ladder (no next role), not_eligible
// (before the EligibleYears anniversary), insufficient_data (fewer than
// MinCountedYears counted years), ready (cumulative >= ReadyThreshold),
// not_ready.
func Assess(p Policy, role string, roleStart, asOf models.Date, years []YearResult) Readiness {
	next, known := p.NextRole(role)
	r := Readiness{
		Role:        role,
		NextRole:    next,
		RoleKnown:   known,
		AsOf:        asOf,
		RoleStart:   roleStart,
		YearsInRole: YearsInRole(roleStart, asOf),
		EligibleOn:  roleStart.AddYears(p.EligibleYears),
		OverdueOn:   roleStart.AddYears(p.OverdueYears),
	}

	byYear := make(map[int]YearResult, len(years))
	for _, y := range years {
		byYear[y.Year] = y
	}
	var sum int64
	for _, y := range YearsToCount(roleStart, asOf) {
		res, ok := byYear[y]
		switch {
		case !ok:
			r.Incomplete = append(r.Incomplete, YearResult{Year: y, Reasons: []string{"no evaluation"}})
		case res.Complete:
			r.Counted = append(r.Counted, res)
			sum += int64(res.Score)
		default:
			r.Incomplete = append(r.Incomplete, res)
		}
	}
	n := int64(len(r.Counted))
	if n > 0 {
		r.HasCumulative = true
		r.Cumulative = Round(big.NewRat(sum, 100*n))
	}

	switch {
	case next == "":
		r.Status = models.TopOfLadder
	case asOf.Before(r.EligibleOn):
		r.Status = models.NotEligible
	case len(r.Counted) < p.MinCountedYears:
		r.Status = models.InsufficientData
	case r.Cumulative >= p.ReadyThreshold:
		r.Status = models.Ready
	default:
		r.Status = models.NotReady
	}
	r.Overdue = r.Status != models.TopOfLadder && !asOf.Before(r.OverdueOn)

	if n > 0 && (r.Status == models.NotReady || r.Status == models.InsufficientData || r.Status == models.NotEligible) {
		// threshold × (n+1) − Σ, all in hundredths: exact, the rounding is a no-op.
		r.RequiredNext = Round(big.NewRat(int64(p.ReadyThreshold)*(n+1)-sum, 100))
		r.HasRequiredNext = true
		r.OutOfReach = r.RequiredNext > 10000
	}
	return r
}
