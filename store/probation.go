package store

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"sullam/models"
)

// ProbationDays is the length of a new hire's probation: the supervisor's
// probation review is due this many days after the hire date.
const ProbationDays = 90

// ProbationDue returns the date a new hire's probation review is due.
func ProbationDue(hired models.Date) models.Date { return hired.AddDays(ProbationDays) }

// checkProbationReview refuses a probation review dated before the agent's
// hire date, or a second probation review of the same agent.
func checkProbationReview(tx *gorm.DB, ag models.Agent, date models.Date) error {
	if date.Before(ag.HireDate) {
		return models.Invalid("error.probation_before_hire", map[string]any{"Agent": ag.EmployeeNo, "Date": date, "Hire": ag.HireDate}, "probation review of %s: date %s is before the hire date %s", ag.EmployeeNo, date, ag.HireDate)
	}
	var n int64
	if err := tx.Model(&models.Review{}).Where("agent_id = ? AND probation = ?", ag.ID, true).Count(&n).Error; err != nil {
		return fmt.Errorf("probation review of %s: %w", ag.EmployeeNo, err)
	}
	if n > 0 {
		return fmt.Errorf("probation review of %s: the agent already has one: %w", ag.EmployeeNo, models.ErrAlreadyExists)
	}
	return nil
}

// HireTimeline is a candidate's way to an agent: applied → interviewed →
// hired → probation review due, then done. A step not reached yet has a
// zero date.
type HireTimeline struct {
	Applied models.Date
	// Interviewed is the date of the candidate's first interview held (up
	// to now).
	Interviewed models.Date
	// Hired is the agent's hire date, when the candidate was hired.
	Hired      models.Date
	AgentID    uint
	EmployeeNo string
	// ProbationDue is Hired + ProbationDays.
	ProbationDue models.Date
	// ProbationDone is the date of the agent's probation review, when written.
	ProbationDone models.Date
	// ProbationOverdue is true when the review is not done and its due date
	// has passed.
	ProbationOverdue bool
}

// HireTimeline returns the timeline of a candidate the actor may see, read
// with a fixed number of queries.
func (r *Recruitment) HireTimeline(ctx context.Context, a Actor, candidateID uint) (HireTimeline, error) {
	s := r.s
	s = s.withContext(ctx)
	c, err := s.candidateVisible(a, candidateID)
	if err != nil {
		return HireTimeline{}, err
	}
	tl := HireTimeline{Applied: c.AppliedOn}
	var first []models.Interview
	if err := s.db.Select("id", "scheduled_at").Where("candidate_id = ? AND scheduled_at <= ?", candidateID, s.now().UTC()).
		Order("scheduled_at").Limit(1).Find(&first).Error; err != nil {
		return tl, fmt.Errorf("timeline of candidate #%d: %w", candidateID, err)
	}
	if len(first) == 1 {
		tl.Interviewed = models.DateOf(first[0].ScheduledAt.Local())
	}
	if c.AgentID == nil {
		return tl, nil
	}
	var ag models.Agent
	if err := s.db.Select("id", "employee_no", "hire_date").First(&ag, *c.AgentID).Error; err != nil {
		return tl, fmt.Errorf("timeline of candidate #%d: agent #%d: %w", candidateID, *c.AgentID, translate(err))
	}
	tl.AgentID, tl.EmployeeNo, tl.Hired, tl.ProbationDue = ag.ID, ag.EmployeeNo, ag.HireDate, ProbationDue(ag.HireDate)
	var done []models.Review
	if err := s.db.Select("id", "review_date").Where("agent_id = ? AND probation = ?", ag.ID, true).
		Order("review_date").Limit(1).Find(&done).Error; err != nil {
		return tl, fmt.Errorf("timeline of candidate #%d: probation review: %w", candidateID, err)
	}
	if len(done) == 1 {
		tl.ProbationDone = done[0].ReviewDate
	}
	tl.ProbationOverdue = tl.ProbationDone.IsZero() && models.DateOf(s.now()).After(tl.ProbationDue)
	return tl, nil
}

// ProbationNotice is how many days before its due date a probation review
// shows in the supervisor's to-do inbox.
const ProbationNotice = 14

// ProbationWindow is how long after the hire date a missing probation
// review is still asked for: an agent hired longer ago without one (hired
// before probation reviews were kept) is not listed.
const ProbationWindow = 365

// probationDue lists the active members of the supervisor's team (the
// actor's own direct reports) hired between ProbationWindow days ago and
// ProbationDays − ProbationNotice days ago with no probation review: their
// review is due within ProbationNotice days, or overdue. One query.
func (s *Store) probationDue(a Actor, asOf models.Date) ([]models.Agent, error) {
	if a.AgentID == nil {
		return nil, nil
	}
	var out []models.Agent
	q := scopeAgents(s.db.Model(&models.Agent{}), a, OpWriteReview)
	err := q.Where("agents.status = ? AND agents.supervisor_id = ?", models.Active, *a.AgentID).
		Where("agents.hire_date > ? AND agents.hire_date <= ?", asOf.AddDays(-ProbationWindow), asOf.AddDays(-(ProbationDays-ProbationNotice))).
		Where("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.agent_id = agents.id AND r.probation = ?)", true).
		Order("agents.hire_date, agents.employee_no").Find(&out).Error
	if err != nil {
		return nil, fmt.Errorf("inbox probation reviews due: %w", err)
	}
	return out, nil
}
