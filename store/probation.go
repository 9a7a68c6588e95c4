package store

import (
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
		return fmt.Errorf("probation review of %s: date %s is before the hire date %s: %w", ag.EmployeeNo, date, ag.HireDate, models.ErrInvalid)
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
func (s *Store) HireTimeline(a Actor, candidateID uint) (HireTimeline, error) {
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
