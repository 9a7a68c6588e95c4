package evaluation

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"sullam/models"
)

// Kinds of promotion decision (models.Promotion.Kind).
const (
	// DecisionPromote moves the agent to the next role on the ladder.
	DecisionPromote = "promote"
	// DecisionKeep keeps an overdue agent in their role.
	DecisionKeep = "keep"
)

// MinJustification is the least number of characters of the written
// justification a promotion of an agent who is not ready needs.
const MinJustification = 30

// ErrJustification refuses the promotion of an agent who is not ready
// without a written justification of at least MinJustification characters;
// it is an invalid-input error (models.ErrInvalid).
var ErrJustification = fmt.Errorf("the agent is not ready for promotion: a written justification of at least %d characters is required: %w",
	MinJustification, models.ErrInvalid)

// Refusal is why a promotion decision is refused; Allowed (the zero value)
// accepts it. The store turns a refusal into the user's message.
type Refusal int

// The refusals, in the order the rules are checked.
const (
	Allowed Refusal = iota
	// NotActive: the agent is not active.
	NotActive
	// TopOfLadder: the agent's role has no next role.
	TopOfLadder
	// NotNextRole: the promotion is not to the next role on the ladder.
	NotNextRole
	// NoEffectiveDate: the promotion has no effective date.
	NoEffectiveDate
	// BeforeRoleStart: the effective date is before the current role's start.
	BeforeRoleStart
	// NoReason: the decision has no written reason.
	NoReason
	// NeedsJustification: the agent is not ready and the reason is shorter
	// than MinJustification characters (ErrJustification).
	NeedsJustification
	// NotOverdue: keeping in role before the overdue anniversary.
	NotOverdue
)

// Promotion is a promotion to decide: the agent's status and role start
// date, the ladder's next role after the agent's ("" at the top), the role
// and date asked for, the reason, and whether the agent is ready today.
type Promotion struct {
	Status    models.AgentStatus
	RoleStart models.Date
	NextRole  string
	ToRole    string
	Effective models.Date
	Reason    string
	Ready     bool
}

// CheckPromotion applies the promotion rules: an active agent, below the top
// of the ladder, to the next role only, from an effective date not before
// the current role's start, with a reason; an agent who is not ready only as
// an exception, the reason then a justification of at least
// MinJustification characters (counted in characters, not bytes). Reason
// and ToRole are compared trimmed.
func CheckPromotion(p Promotion) Refusal {
	reason := strings.TrimSpace(p.Reason)
	switch {
	case p.Status != models.Active:
		return NotActive
	case p.NextRole == "":
		return TopOfLadder
	case strings.TrimSpace(p.ToRole) != p.NextRole:
		return NotNextRole
	case p.Effective.IsZero():
		return NoEffectiveDate
	case p.Effective.Before(p.RoleStart):
		return BeforeRoleStart
	case reason == "":
		return NoReason
	case !p.Ready && !Justified(reason):
		return NeedsJustification
	}
	return Allowed
}

// Justified reports whether reason is long enough to justify the promotion
// of an agent who is not ready: at least MinJustification characters (not
// bytes), surrounding blanks not counted. The window checks it beside the
// field with this same rule.
func Justified(reason string) bool {
	return utf8.RuneCountInString(strings.TrimSpace(reason)) >= MinJustification
}

// Exception reports whether a promotion allowed by CheckPromotion is an
// exception (the agent was not ready).
func (p Promotion) Exception() bool { return !p.Ready }

// Keep is a decision to keep an agent in their role: the agent's status,
// role start date, the ladder's next role ("" at the top), today, the
// policy's overdue years and the reason.
type Keep struct {
	Status       models.AgentStatus
	RoleStart    models.Date
	NextRole     string
	Today        models.Date
	OverdueYears int
	Reason       string
}

// OverdueOn is the day an agent in role since RoleStart becomes overdue for
// a decision: the OverdueYears anniversary.
func (k Keep) OverdueOn() models.Date { return k.RoleStart.AddYears(k.OverdueYears) }

// CheckKeep applies the keep-in-role rules: an active agent below the top of
// the ladder, overdue (today on or after the OverdueYears anniversary of the
// role start), with a reason (trimmed).
func CheckKeep(k Keep) Refusal {
	switch {
	case k.Status != models.Active:
		return NotActive
	case k.NextRole == "":
		return TopOfLadder
	case k.Today.Before(k.OverdueOn()):
		return NotOverdue
	case strings.TrimSpace(k.Reason) == "":
		return NoReason
	}
	return Allowed
}
