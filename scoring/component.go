package scoring

import (
	"fmt"
	"math/big"
	"strconv"

	"sullam/models"
)

// ComponentKind names one of the four components of the annual evaluation.
// Its value is the component's index in Annual.Components.
type ComponentKind int

// The four components, in the spec's order (attendance, quality, weekly,
// supervisor).
const (
	Attendance ComponentKind = iota
	Quality
	Weekly
	Supervisor
)

// ComponentKinds lists the four components in order.
var ComponentKinds = [4]ComponentKind{Attendance, Quality, Weekly, Supervisor}

// String returns the component's column name: "attendance", "quality",
// "weekly" or "supervisor".
func (k ComponentKind) String() string {
	switch k {
	case Attendance:
		return "attendance"
	case Quality:
		return "quality"
	case Weekly:
		return "weekly"
	case Supervisor:
		return "supervisor"
	}
	return fmt.Sprintf("component(%d)", int(k))
}

// MarshalText writes the component's name.
func (k ComponentKind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a component's name.
func (k *ComponentKind) UnmarshalText(b []byte) error {
	for _, c := range ComponentKinds {
		if c.String() == string(b) {
			*k = c
			return nil
		}
	}
	return fmt.Errorf("unmarshal component kind %q: unknown", b)
}

// Explanation is a translatable explanation: a translation key and its named
// arguments (ints, and decimals as strings with 2 decimals), so that the UI
// can render "why is this 87.40?" in Arabic or English.
type Explanation struct {
	Key  string         `json:"key"`
	Args map[string]any `json:"args,omitempty"`
}

// Translation keys of the explanations. The arguments of each are listed
// beside it; decimals are strings with 2 decimals ("97.25").
const (
	// KeyAttendance: scheduled, present, absent, leave, holiday, punctual,
	// grace (ints); attendance_rate, punctuality_rate (percent), score.
	KeyAttendance = "explain.attendance"
	// KeyAttendanceInsufficient: scheduled, needed.
	KeyAttendanceInsufficient = "explain.attendance.insufficient"
	// KeyAttendanceUnknownStatus: count (records with an unknown status).
	KeyAttendanceUnknownStatus = "explain.attendance.unknown_status"
	// KeyQuality: audits (int); mean, score.
	KeyQuality = "explain.quality"
	// KeyQualityInsufficient: audits, needed.
	KeyQualityInsufficient = "explain.quality.insufficient"
	// KeyWeekly: expected, on_time, late, missing, rated (ints);
	// late_credit (percent int); submission_rate, report_quality (percent),
	// mean_rating, score.
	KeyWeekly = "explain.weekly"
	// KeyWeeklyInsufficient: expected, needed_weeks, rated, needed_rated
	// (ints); few_weeks, few_rated (bools: which condition failed).
	KeyWeeklyInsufficient = "explain.weekly.insufficient"
	// KeySupervisor: reviews (int); mean, score.
	KeySupervisor = "explain.supervisor"
	// KeySupervisorInsufficient: reviews, needed.
	KeySupervisorInsufficient = "explain.supervisor.insufficient"
	// KeySupervisorInvalidReview: date (YYYY-MM-DD), error (English text).
	KeySupervisorInvalidReview = "explain.supervisor.invalid_review"
	// KeyAnnual: attendance, quality, weekly, supervisor (scores),
	// w_attendance, w_quality, w_weekly, w_supervisor (ints), score.
	KeyAnnual = "explain.annual"
	// KeyAnnualIncomplete: count (insufficient components), components
	// (comma-separated names).
	KeyAnnualIncomplete = "explain.annual.incomplete"
)

// ExplanationKeys lists every translation key the package produces, so that
// a test of the translations can check they all exist.
var ExplanationKeys = []string{
	KeyAttendance, KeyAttendanceInsufficient, KeyAttendanceUnknownStatus,
	KeyQuality, KeyQualityInsufficient,
	KeyWeekly, KeyWeeklyInsufficient,
	KeySupervisor, KeySupervisorInsufficient, KeySupervisorInvalidReview,
	KeyAnnual, KeyAnnualIncomplete,
}

// Component is the result of one of the four components for one agent and
// one year.
type Component struct {
	Kind ComponentKind `json:"kind"`
	// Sufficient is false when there is too little data for a score.
	Sufficient bool `json:"sufficient"`
	// Score is the rounded score, valid only when Sufficient.
	Score Cents `json:"score"`
	// Exact is the unrounded score (nil when not Sufficient).
	Exact *big.Rat `json:"exact,omitempty"`
	// Reason is a short English reason when not Sufficient, e.g.
	// "3 audits, 4 needed".
	Reason string `json:"reason,omitempty"`
	// Explanation is the translatable explanation of the score or of the
	// reason.
	Explanation Explanation `json:"explanation"`

	// Exactly one of the details is set, the one of Kind.
	Attendance *AttendanceDetail `json:"attendance,omitempty"`
	Quality    *QualityDetail    `json:"quality,omitempty"`
	Weekly     *WeeklyDetail     `json:"weekly,omitempty"`
	Supervisor *SupervisorDetail `json:"supervisor,omitempty"`
}

// DatedScore is one exact score (an audit's or a review's) with its date.
type DatedScore struct {
	Date  models.Date `json:"date"`
	Score *big.Rat    `json:"score"`
}

// percentText formats the rate r (0..1) as a percentage with 2 decimals.
func percentText(r *big.Rat) string {
	return Round(new(big.Rat).Mul(r, big.NewRat(100, 1))).String()
}

// mean returns the exact mean of the scores (nil when there are none).
func mean(scores []DatedScore) *big.Rat {
	if len(scores) == 0 {
		return nil
	}
	sum := new(big.Rat)
	for _, s := range scores {
		sum.Add(sum, s.Score)
	}
	return sum.Quo(sum, big.NewRat(int64(len(scores)), 1))
}

// scoresOfYear returns the scores dated in year that are not nil, in
// order: scores itself (its capacity clipped, so that appending to it
// copies) when they all are, nil when none is.
func scoresOfYear(year int, scores []DatedScore) []DatedScore {
	n := 0
	for _, s := range scores {
		if s.Date.Year == year && s.Score != nil {
			n++
		}
	}
	switch n {
	case 0:
		return nil
	case len(scores):
		return scores[:n:n]
	}
	in := make([]DatedScore, 0, n)
	for _, s := range scores {
		if s.Date.Year == year && s.Score != nil {
			in = append(in, s)
		}
	}
	return in
}

// meanOf returns the exact mean of the scores (nil when there is none),
// and, when it fits, the same mean as an int64 fraction (fast true).
func meanOf(scores []DatedScore) (m *big.Rat, f frac, fast bool) {
	if f, ok := meanFrac(scores); ok {
		return f.rat(), f, true
	}
	return mean(scores), frac{}, false
}

// exactAndScore returns a copy of the mean m and its rounded score, from
// its int64 fraction f when fast.
func exactAndScore(m *big.Rat, f frac, fast bool) (*big.Rat, Cents) {
	if fast {
		return f.rat(), f.cents()
	}
	return new(big.Rat).Set(m), Round(m)
}

// plural returns "1 audit" or "3 audits".
func plural(n int, one, many string) string {
	if n == 1 {
		return strconv.Itoa(n) + " " + one
	}
	return strconv.Itoa(n) + " " + many
}

// fewNeeded is the reason of a component with n of something where need
// are needed: "3 audits, 4 needed". Built without fmt: the board writes
// one for each incomplete year of every agent (7 % of its CPU with
// fmt.Sprintf, issue 17).
func fewNeeded(n int, one, many string, need int) string {
	return plural(n, one, many) + ", " + strconv.Itoa(need) + " needed"
}
