package store

import (
	"context"
	"fmt"

	"sullam/evaluation"
	"sullam/models"
)

// Inbox is what waits for the actor, by role; the parts of roles the actor
// does not hold stay empty. Every part is read with a fixed number of
// queries, whatever the number of agents.
type Inbox struct {
	// MissingWeeks (an agent) are the past expected weeks of this year —
	// weeks with a present or absent attendance day — that have no weekly
	// report yet, newest first.
	MissingWeeks []models.Date
	// ToRate (a supervisor) is the number of the team's unrated reports.
	ToRate int64
	// ReviewsDue (a supervisor) are the active team members with no
	// supervisor review dated this year.
	ReviewsDue []models.Agent
	// ProbationDue (a supervisor) are the new team members whose probation
	// review is due within ProbationNotice days or overdue (see
	// probationDue).
	ProbationDue []models.Agent
	// Interviews (anyone assigned) is the number of interviews held (up to
	// now) that still wait for the actor's feedback.
	Interviews int64
	// FewAudits (quality) are the active agents with fewer audits this year
	// than the policy's minimum, MinAudits; Count is their number of audits.
	FewAudits []NameCount
	MinAudits int
	// ToFinalize (a manager) is the number of agents whose evaluation of
	// FinalizeYear (last year) is complete and not finalized yet.
	ToFinalize   int
	FinalizeYear int
	// Overdue (a manager) are the agents overdue for a promotion decision
	// (at the policy's overdue years in role).
	Overdue int
}

// Total is the number of items waiting.
func (in Inbox) Total() int {
	n := len(in.MissingWeeks) + int(in.ToRate) + len(in.ReviewsDue) + len(in.ProbationDue) + int(in.Interviews) + len(in.FewAudits) + in.Overdue
	if in.ToFinalize > 0 {
		n++
	}
	return n
}

// Inbox returns what waits for actor a as of asOf, each part read through
// the actor's access.
func (es *Evaluations) Inbox(ctx context.Context, a Actor, asOf models.Date) (Inbox, error) {
	return es.s.withContext(ctx).inbox(ctx, a, asOf, nil)
}

// inbox is Inbox reading the years through c (nil: a cache of its own).
func (s *Store) inbox(ctx context.Context, a Actor, asOf models.Date, c *yearCache) (Inbox, error) {
	if err := s.checkSession(a); err != nil {
		return Inbox{}, err
	}
	var in Inbox
	yearStart := models.NewDate(asOf.Year, 1, 1)
	if a.Has(models.RoleAgent) && a.AgentID != nil && a.Can(OpSubmitWeekly) {
		if err := s.inboxMissingWeeks(&in, a, yearStart, asOf); err != nil {
			return in, err
		}
	}
	if a.Has(models.RoleSupervisor) && a.AgentID != nil {
		if err := s.inboxSupervisor(&in, a, yearStart, asOf); err != nil {
			return in, err
		}
	}
	if a.UserID != 0 {
		if err := s.db.Model(&models.InterviewAssignment{}).Joins("JOIN interviews ON interviews.id = interview_assignments.interview_id").
			Where("interview_assignments.user_id = ? AND interview_assignments.submitted_at IS NULL AND interviews.scheduled_at <= ?", a.UserID, s.now().UTC()).
			Count(&in.Interviews).Error; err != nil {
			return in, fmt.Errorf("inbox interviews: %w", err)
		}
	}
	if a.Has(models.RoleQuality) && a.Can(OpEnterAudits) {
		if err := s.inboxFewAudits(ctx, &in, yearStart, asOf); err != nil {
			return in, err
		}
	}
	if a.Has(models.RoleManager) && a.Can(OpFinalize) {
		if err := s.inboxFinalize(&in, a, asOf, c); err != nil {
			return in, err
		}
	}
	return in, nil
}

// inboxMissingWeeks fills in the weeks of asOf's year the agent a worked
// and has not reported on.
func (s *Store) inboxMissingWeeks(in *Inbox, a Actor, yearStart, asOf models.Date) error {
	var days, have []models.Date
	if err := s.db.Model(&models.AttendanceDay{}).
		Where("agent_id = ? AND date >= ? AND date < ? AND status IN ?", *a.AgentID, yearStart, asOf.WeekStart(), []models.AttendanceStatus{models.Present, models.Absent}).
		Pluck("date", &days).Error; err != nil {
		return fmt.Errorf("inbox missing weeks: %w", err)
	}
	if err := s.db.Model(&models.WeeklyReport{}).Where("agent_id = ? AND week_start >= ?", *a.AgentID, yearStart).
		Pluck("week_start", &have).Error; err != nil {
		return fmt.Errorf("inbox missing weeks: %w", err)
	}
	in.MissingWeeks = evaluation.MissingWeeks(days, have, asOf.Year)
	return nil
}

// inboxSupervisor fills in the supervisor a's work: reports to rate, the
// year's reviews due and the probation reviews due.
func (s *Store) inboxSupervisor(in *Inbox, a Actor, yearStart, asOf models.Date) error {
	q := scopeAgents(s.db.Model(&models.WeeklyReport{}).Joins("JOIN agents ON agents.id = weekly_reports.agent_id"), a, OpRateWeekly)
	if err := q.Where("weekly_reports.rating IS NULL AND agents.supervisor_id = ?", *a.AgentID).Count(&in.ToRate).Error; err != nil {
		return fmt.Errorf("inbox reports to rate: %w", err)
	}
	q = scopeAgents(s.db.Model(&models.Agent{}), a, OpWriteReview)
	if err := q.Where("agents.status = ? AND agents.supervisor_id = ?", models.Active, *a.AgentID).
		Where("NOT EXISTS (SELECT 1 FROM reviews r WHERE r.agent_id = agents.id AND r.review_date >= ? AND r.review_date <= ? AND r.probation = ?)", yearStart, asOf, false).
		Order("agents.employee_no").Find(&in.ReviewsDue).Error; err != nil {
		return fmt.Errorf("inbox reviews due: %w", err)
	}
	due, err := s.probationDue(a, asOf)
	if err != nil {
		return err
	}
	in.ProbationDue = due
	return nil
}

// inboxFewAudits fills in the active agents with fewer audits this year
// than the policy's minimum.
func (s *Store) inboxFewAudits(ctx context.Context, in *Inbox, yearStart, asOf models.Date) error {
	p, err := s.Policy(ctx)
	if err != nil {
		return fmt.Errorf("inbox audits: %w", err)
	}
	in.MinAudits = p.MinAudits
	type row struct {
		EmployeeNo, FullName string
		N                    int
	}
	var rows []row
	if err := s.db.Model(&models.Agent{}).
		Select("agents.employee_no, agents.full_name, COUNT(audits.id) AS n").
		Joins("LEFT JOIN audits ON audits.agent_id = agents.id AND audits.audit_date >= ? AND audits.audit_date <= ?", yearStart, asOf).
		Where("agents.status = ?", models.Active).
		Group("agents.id, agents.employee_no, agents.full_name").
		Having("COUNT(audits.id) < ?", p.MinAudits).
		Order("agents.employee_no").Scan(&rows).Error; err != nil {
		return fmt.Errorf("inbox audits: %w", err)
	}
	for _, r := range rows {
		in.FewAudits = append(in.FewAudits, NameCount{Name: r.EmployeeNo + " — " + r.FullName, Count: r.N})
	}
	return nil
}

// inboxFinalize fills in the manager's year to finalize: the agents
// overdue for promotion and the evaluations that may be finalized.
func (s *Store) inboxFinalize(in *Inbox, a Actor, asOf models.Date, c *yearCache) error {
	in.FinalizeYear = asOf.Year - 1
	// the board first: its years, with the year to finalize, are read
	// once and the year's evaluations taken from them
	if c == nil {
		c = newYearCache(in.FinalizeYear, in.FinalizeYear)
	}
	rs, err := s.promotions(a, asOf, ReadinessFilter{}, c)
	if err != nil {
		return fmt.Errorf("inbox overdue: %w", err)
	}
	for _, r := range rs {
		if r.Readiness.Overdue {
			in.Overdue++
		}
	}
	if in.ToFinalize, err = s.countToFinalize(a, in.FinalizeYear, c); err != nil {
		return fmt.Errorf("inbox years to finalize: %w", err)
	}
	return nil
}

// countToFinalize counts the agent-years of year that finalizing would
// accept (evaluation.CheckFinalize): of the agents the actor may score,
// those with a record in the year, not finalized and complete. It scores
// them on the short path (scoring.EvaluateResult: the same completeness
// as the full evaluation) from the years read through c.
func (s *Store) countToFinalize(a Actor, year int, c *yearCache) (int, error) {
	if !a.Can(OpViewScores) {
		return 0, s.deny(a, OpViewScores, fmt.Sprint(year))
	}
	p, err := s.Policy(s.dbContext())
	if err != nil {
		return 0, err
	}
	var ids []uint
	if err := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewScores).Pluck("id", &ids).Error; err != nil {
		return 0, fmt.Errorf("list agents for %d: %w", year, err)
	}
	data, err := c.load(s, p, year, year, yearScope{})
	if err != nil {
		return 0, err
	}
	d, n := data[year], 0
	for _, id := range ids {
		if d.present[id] && d.snapshot[id] == nil && d.result(p, year, models.Agent{ID: id}).Complete {
			n++
		}
	}
	return n, nil
}
