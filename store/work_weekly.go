package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/clause"

	"sullam/evaluation"
	"sullam/models"
)

// WeeklyInput is what an agent writes in their weekly report. ID 0 submits
// a new report for WeekStart (zero: the default week, see OpenWeeks);
// otherwise it edits the report ID at Version (WeekStart is ignored).
type WeeklyInput struct {
	ID           uint
	Version      int
	WeekStart    models.Date
	TasksDone    string
	Interactions *int
	Issues       string
	Suggestions  string
}

// WeeklyEntry is a weekly report with its agent, for a supervisor's queue.
type WeeklyEntry struct {
	models.WeeklyReport
	EmployeeNo string
	AgentName  string
}

// ThisWeek returns the Sunday that starts the store's current work week.
func (wk *Work) ThisWeek() models.Date { return models.DateOf(wk.s.now()).WeekStart() }

func weeklyView(r models.WeeklyReport) map[string]any {
	return map[string]any{"week_start": r.WeekStart.String(), "submitted_on": r.SubmittedOn.String(),
		"tasks_done": r.TasksDone, "interactions": r.Interactions, "issues": r.Issues, "suggestions": r.Suggestions,
		"rating": r.Rating, "rating_comment": r.RatingComment}
}

// WeekChoice is a week an agent may submit a new report for
// (evaluation.WeekChoice).
type WeekChoice = evaluation.WeekChoice

// weekAllowed checks that a new report of agent ag may be filed today for
// the week starting week (evaluation.WeekAllowed).
func weekAllowed(ag models.Agent, week, today models.Date) error {
	return evaluation.WeekAllowed(ag.HireDate, week, today)
}

// OpenWeeks lists the weeks the signed-in agent may submit a new report for
// today: this week and every past week of the current year (from their hire
// week) that has no report yet. The first is the default: on a Sunday the
// week just ended when it is still open (a report written on Sunday is about
// the Sunday–Thursday week before), otherwise this week; the others follow
// newest first. One query for the agent's reports.
func (wk *Work) OpenWeeks(ctx context.Context, a Actor) ([]WeekChoice, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpSubmitWeekly); err != nil {
		return nil, err
	}
	if a.AgentID == nil {
		return nil, s.deny(a, OpSubmitWeekly, "no agent record")
	}
	var ag models.Agent
	if err := s.db.First(&ag, *a.AgentID).Error; err != nil {
		return nil, fmt.Errorf("open weeks: %w", translate(err))
	}
	if err := s.requireAgent(a, OpSubmitWeekly, &ag); err != nil {
		return nil, err
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return nil, fmt.Errorf("open weeks: %w", err)
	}
	today := models.DateOf(s.now())
	var have []models.Date
	if err := s.db.Model(&models.WeeklyReport{}).Where("agent_id = ? AND week_start >= ?", ag.ID, models.NewDate(today.Year, 1, 1)).
		Pluck("week_start", &have).Error; err != nil {
		return nil, fmt.Errorf("open weeks of %s: %w", ag.EmployeeNo, err)
	}
	done := map[models.Date]bool{}
	for _, d := range have {
		done[d] = true
	}
	return evaluation.OpenWeeks(ag.HireDate, today, done, p), nil
}

// SubmitWeekly stores the signed-in agent's own report: a new one (ID 0) for
// in.WeekStart (this week or a past week of the current year with no report
// yet, never a future week; zero: the first of OpenWeeks), submitted today
// (late when today is after week_start + the on-time days; scoring gives it
// the late credit), at most one per week; or an edit of their unrated report
// (optimistic version; a rated report can no longer change).
func (wk *Work) SubmitWeekly(ctx context.Context, a Actor, in WeeklyInput) (models.WeeklyReport, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpSubmitWeekly); err != nil {
		return models.WeeklyReport{}, err
	}
	if a.AgentID == nil {
		return models.WeeklyReport{}, s.deny(a, OpSubmitWeekly, "no agent record")
	}
	var ag models.Agent
	if err := s.db.First(&ag, *a.AgentID).Error; err != nil {
		return models.WeeklyReport{}, fmt.Errorf("submit weekly report: %w", translate(err))
	}
	if err := s.requireAgent(a, OpSubmitWeekly, &ag); err != nil {
		return models.WeeklyReport{}, err
	}
	in.TasksDone, in.Issues, in.Suggestions = strings.TrimSpace(in.TasksDone), strings.TrimSpace(in.Issues), strings.TrimSpace(in.Suggestions)
	if in.TasksDone == "" {
		return models.WeeklyReport{}, fmt.Errorf("submit weekly report: %w", models.Invalid("error.tasks_required", nil, "the tasks done are required"))
	}
	if in.Interactions != nil && *in.Interactions < 0 {
		return models.WeeklyReport{}, fmt.Errorf("submit weekly report: %w", models.Invalid("error.negative_interactions", map[string]any{"N": *in.Interactions}, "interactions %d is negative", *in.Interactions))
	}
	var rep models.WeeklyReport
	err := s.db.Transaction(func(tx *gorm.DB) (err error) {
		if in.ID == 0 {
			rep, err = s.createWeekly(tx, a, ag, in)
		} else {
			rep, err = s.editWeekly(tx, a, ag, in)
		}
		return err
	})
	if err != nil {
		return models.WeeklyReport{}, fmt.Errorf("submit weekly report of %s: %w", ag.EmployeeNo, err)
	}
	return rep, nil
}

// createWeekly stores agent ag's new report in, in tx (SubmitWeekly with
// ID 0): for the week asked, or this week (on a Sunday, last week when it
// has no report yet), submitted today.
func (s *Store) createWeekly(tx *gorm.DB, a Actor, ag models.Agent, in WeeklyInput) (rep models.WeeklyReport, err error) {
	today := models.DateOf(s.now())
	week := in.WeekStart
	if week.IsZero() {
		week = today.WeekStart()
		if today.Weekday() == time.Sunday {
			prev := week.AddDays(-7)
			var n int64
			if err := tx.Model(&models.WeeklyReport{}).Where("agent_id = ? AND week_start = ?", ag.ID, prev).Count(&n).Error; err != nil {
				return rep, err
			}
			if n == 0 && weekAllowed(ag, prev, today) == nil {
				week = prev
			}
		}
	}
	if err := weekAllowed(ag, week, today); err != nil {
		return rep, err
	}
	rep = models.WeeklyReport{AgentID: ag.ID, WeekStart: week, SubmittedOn: today, TasksDone: in.TasksDone,
		Interactions: in.Interactions, Issues: in.Issues, Suggestions: in.Suggestions, Version: 1}
	var n int64
	if err := tx.Model(&models.WeeklyReport{}).Where("agent_id = ? AND week_start = ?", ag.ID, rep.WeekStart).Count(&n).Error; err != nil {
		return rep, err
	}
	if n > 0 {
		return rep, fmt.Errorf("week of %s: %w", rep.WeekStart, models.ErrAlreadyExists)
	}
	if err := tx.Omit(clause.Associations).Create(&rep).Error; err != nil {
		return rep, translate(err)
	}
	if err := s.refreshWeeklySummaries(tx, summaryKeys{{ag.ID, rep.WeekStart.Year}: {}}); err != nil {
		return rep, err
	}
	return rep, s.logChange(tx, a, "create", "weekly_report", fmt.Sprintf("%s/%s", ag.EmployeeNo, rep.WeekStart), nil, weeklyView(rep))
}

// editWeekly changes agent ag's unrated report in.ID, in tx (SubmitWeekly
// with an ID): the text and the interactions, at the version given.
func (s *Store) editWeekly(tx *gorm.DB, a Actor, ag models.Agent, in WeeklyInput) (rep models.WeeklyReport, err error) {
	var old models.WeeklyReport
	if err := tx.First(&old, in.ID).Error; err != nil {
		return rep, translate(err)
	}
	if old.AgentID != ag.ID {
		return rep, s.deny(a, OpSubmitWeekly, fmt.Sprintf("weekly report #%d", in.ID))
	}
	if old.Rating != nil {
		return rep, fmt.Errorf("the report of the week of %s is already rated: %w", old.WeekStart, models.ErrStale)
	}
	res := tx.Model(&models.WeeklyReport{}).Where("id = ? AND version = ? AND rating IS NULL", in.ID, in.Version).Updates(map[string]any{
		"tasks_done": in.TasksDone, "interactions": in.Interactions, "issues": in.Issues, "suggestions": in.Suggestions,
		"version": in.Version + 1, "updated_at": s.now().UTC()})
	if res.Error != nil {
		return rep, translate(res.Error)
	}
	if res.RowsAffected == 0 {
		return rep, models.ErrStale
	}
	rep = old
	rep.TasksDone, rep.Interactions, rep.Issues, rep.Suggestions, rep.Version = in.TasksDone, in.Interactions, in.Issues, in.Suggestions, in.Version+1
	// the text only: nothing the weekly summary counts changes
	return rep, s.logChange(tx, a, "update", "weekly_report", fmt.Sprintf("%s/%s", ag.EmployeeNo, rep.WeekStart), weeklyView(old), weeklyView(rep))
}

// MyWeeklyReports lists the signed-in agent's own reports, newest week first.
func (wk *Work) MyWeeklyReports(ctx context.Context, a Actor) ([]models.WeeklyReport, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpSubmitWeekly); err != nil {
		return nil, err
	}
	if a.AgentID == nil {
		return nil, s.deny(a, OpSubmitWeekly, "no agent record")
	}
	var out []models.WeeklyReport
	if err := s.db.Where("agent_id = ?", *a.AgentID).Order("week_start DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list my weekly reports: %w", err)
	}
	return out, nil
}

// RatingQueue lists the unrated reports of the agents the actor rates (a
// supervisor: their own team only), newest week first.
func (wk *Work) RatingQueue(ctx context.Context, a Actor) ([]WeeklyEntry, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpRateWeekly); err != nil {
		return nil, err
	}
	q := scopeAgents(s.db.Model(&models.WeeklyReport{}).Joins("JOIN agents ON agents.id = weekly_reports.agent_id"), a, OpRateWeekly)
	var out []WeeklyEntry
	if err := q.Where("weekly_reports.rating IS NULL").
		Select("weekly_reports.*, agents.employee_no AS employee_no, agents.full_name AS agent_name").
		Order("weekly_reports.week_start DESC, agents.employee_no").Scan(&out).Error; err != nil {
		return nil, fmt.Errorf("list rating queue: %w", err)
	}
	return out, nil
}

// RateWeekly rates a report 1–5 with a comment (a supervisor, for their own
// team). version is the report's version as read; a report changed since
// (edited, or rated by someone else) is refused with ErrStale.
func (wk *Work) RateWeekly(ctx context.Context, a Actor, reportID uint, version, rating int, comment string) (models.WeeklyReport, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpRateWeekly); err != nil {
		return models.WeeklyReport{}, err
	}
	var old models.WeeklyReport
	if err := s.db.Preload("Agent").First(&old, reportID).Error; err != nil {
		return models.WeeklyReport{}, fmt.Errorf("rate weekly report #%d: %w", reportID, translate(err))
	}
	if err := s.requireAgent(a, OpRateWeekly, old.Agent); err != nil {
		return models.WeeklyReport{}, err
	}
	key := fmt.Sprintf("%s/%s", old.Agent.EmployeeNo, old.WeekStart)
	if rating < 1 || rating > 5 {
		return models.WeeklyReport{}, fmt.Errorf("rate weekly report %s: %w", key, models.Invalid("error.rating_range", map[string]any{"Rating": rating}, "rating %d is not 1–5", rating))
	}
	comment = strings.TrimSpace(comment)
	now := s.now().UTC()
	rep := old
	err := s.db.Transaction(func(tx *gorm.DB) error {
		res := tx.Model(&models.WeeklyReport{}).Where("id = ? AND version = ?", reportID, version).Updates(map[string]any{
			"rating": rating, "rating_comment": comment, "rated_by": optID(a.UserID), "rated_at": now,
			"version": version + 1, "updated_at": now})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		rep.Rating, rep.RatingComment, rep.RatedBy, rep.RatedAt, rep.Version = &rating, comment, optID(a.UserID), &now, version+1
		if err := s.refreshWeeklySummaries(tx, summaryKeys{{rep.AgentID, rep.WeekStart.Year}: {}}); err != nil {
			return err
		}
		return s.logChange(tx, a, "rate", "weekly_report", key, weeklyView(old), weeklyView(rep))
	})
	if err != nil {
		return models.WeeklyReport{}, fmt.Errorf("rate weekly report %s: %w", key, err)
	}
	rep.Agent = nil
	return rep, nil
}

// MissingReports lists the active agents the actor rates (a supervisor: their
// team) who have no report for the week starting week.
func (wk *Work) MissingReports(ctx context.Context, a Actor, week models.Date) ([]models.Agent, error) {
	s := wk.s
	s = s.withContext(ctx)
	if err := s.require(a, OpRateWeekly); err != nil {
		return nil, err
	}
	q := scopeAgents(s.db.Model(&models.Agent{}), a, OpRateWeekly)
	var out []models.Agent
	if err := q.Where("agents.status = ? AND agents.hire_date <= ?", models.Active, week.AddDays(6)).
		Where("NOT EXISTS (SELECT 1 FROM weekly_reports w WHERE w.agent_id = agents.id AND w.week_start = ?)", week).
		Order("agents.employee_no").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list missing reports of %s: %w", week, err)
	}
	return out, nil
}
