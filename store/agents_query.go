package store

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// filterAgents applies an AgentFilter (without paging) to a query on agents.
func filterAgents(q *gorm.DB, f AgentFilter) *gorm.DB {
	if f.Search != "" {
		like := "%" + strings.ToLower(strings.TrimSpace(f.Search)) + "%"
		q = q.Where("(LOWER(agents.full_name) LIKE ? OR LOWER(agents.employee_no) LIKE ?)", like, like)
	}
	if f.Team != "" {
		q = q.Where("agents.team = ?", f.Team)
	}
	if f.SupervisorID != nil {
		q = q.Where("agents.supervisor_id = ?", *f.SupervisorID)
	}
	if f.Role != "" {
		q = q.Where("agents.role = ?", f.Role)
	}
	if f.Status != "" {
		q = q.Where("agents.status = ?", f.Status)
	}
	return q
}

// CountAgents counts the agents the actor may see that match f (Limit and
// Offset are ignored), so a paged list can show "page 3 of 40".
func (s *Store) CountAgents(ctx context.Context, a Actor, f AgentFilter) (int, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return 0, err
	}
	if !a.Can(OpViewAgents) {
		return 0, s.deny(a, OpViewAgents, "")
	}
	var n int64
	q := filterAgents(scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents), f)
	if err := q.Count(&n).Error; err != nil {
		return 0, fmt.Errorf("count agents: %w", err)
	}
	return int(n), nil
}

// Supervisors lists the agents who supervise at least one agent the actor
// may see, by name, for the supervisor filter.
func (s *Store) Supervisors(ctx context.Context, a Actor) ([]models.Agent, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewAgents) {
		return nil, s.deny(a, OpViewAgents, "")
	}
	sub := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents).Where("agents.supervisor_id IS NOT NULL").Select("agents.supervisor_id")
	var out []models.Agent
	if err := s.db.Where("id IN (?)", sub).Order("full_name").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list supervisors: %w", err)
	}
	return out, nil
}

// viewScoresOf loads agent agentID and checks that the actor may see its scores.
func (s *Store) viewScoresOf(a Actor, agentID uint) (models.Agent, error) {
	var ag models.Agent
	if err := s.db.First(&ag, agentID).Error; err != nil {
		return models.Agent{}, fmt.Errorf("agent #%d: %w", agentID, translate(err))
	}
	if err := s.requireAgent(a, OpViewScores, &ag); err != nil {
		return models.Agent{}, err
	}
	return ag, nil
}

// ScoredAudit is one quality audit of an agent with its score.
type ScoredAudit struct {
	Audit models.Audit
	// Score is the audit's rounded score; Err is set when it cannot be scored.
	Score scoring.Cents
	Err   error
}

// AgentAudits lists one agent's quality audits, newest first, each with its score.
func (wk *Work) AgentAudits(ctx context.Context, a Actor, agentID uint) ([]ScoredAudit, error) {
	s := wk.s
	s = s.withContext(ctx)
	if _, err := s.viewScoresOf(a, agentID); err != nil {
		return nil, err
	}
	byID, _, err := s.loadForms(s.db)
	if err != nil {
		return nil, err
	}
	var audits []models.Audit
	if err := s.db.Preload("Results").Where("agent_id = ?", agentID).Order("audit_date DESC, id DESC").Find(&audits).Error; err != nil {
		return nil, fmt.Errorf("audits of agent #%d: %w", agentID, err)
	}
	out := make([]ScoredAudit, 0, len(audits))
	for _, au := range audits {
		form := byID[au.FormID]
		answers := make([]models.Answer, len(form.Items))
		pos := map[uint]int{}
		for i, it := range form.Items {
			pos[it.ID] = i
		}
		for _, r := range au.Results {
			if i, ok := pos[r.ItemID]; ok {
				answers[i] = r.Answer
			}
		}
		sa := ScoredAudit{Audit: au}
		if sc, err := scoring.AuditScore(FormItems(form), answers); err != nil {
			sa.Err = err
		} else {
			sa.Score = scoring.Round(sc)
		}
		sa.Audit.Results = nil
		out = append(out, sa)
	}
	return out, nil
}

// AgentWeekly is one weekly report of an agent with whether it was on time.
type AgentWeekly struct {
	Report models.WeeklyReport
	OnTime bool
}

// AgentWeeklyReports lists one agent's weekly reports, newest week first,
// each marked on time or late by the current policy.
func (wk *Work) AgentWeeklyReports(ctx context.Context, a Actor, agentID uint) ([]AgentWeekly, error) {
	s := wk.s
	s = s.withContext(ctx)
	if _, err := s.viewScoresOf(a, agentID); err != nil {
		return nil, err
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return nil, err
	}
	var reps []models.WeeklyReport
	if err := s.db.Where("agent_id = ?", agentID).Order("week_start DESC").Find(&reps).Error; err != nil {
		return nil, fmt.Errorf("weekly reports of agent #%d: %w", agentID, err)
	}
	out := make([]AgentWeekly, len(reps))
	for i, r := range reps {
		out[i] = AgentWeekly{Report: r, OnTime: scoring.OnTime(p, r.WeekStart, r.SubmittedOn)}
	}
	return out, nil
}

// ScoredReview is one supervisor review of an agent with its score.
type ScoredReview struct {
	Review models.Review
	// ReviewerName is the reviewing supervisor's name, when known.
	ReviewerName string
	Score        scoring.Cents
	Err          error
}

// AgentReviews lists one agent's supervisor reviews, newest first, each
// scored with the current policy's competencies.
func (wk *Work) AgentReviews(ctx context.Context, a Actor, agentID uint) ([]ScoredReview, error) {
	s := wk.s
	s = s.withContext(ctx)
	if _, err := s.viewScoresOf(a, agentID); err != nil {
		return nil, err
	}
	p, err := s.Policy(ctx)
	if err != nil {
		return nil, err
	}
	var revs []models.Review
	if err := s.db.Preload("Ratings").Where("agent_id = ?", agentID).Order("review_date DESC, id DESC").Find(&revs).Error; err != nil {
		return nil, fmt.Errorf("reviews of agent #%d: %w", agentID, err)
	}
	names := map[uint]string{}
	var ids []uint
	for _, r := range revs {
		if r.ReviewerID != nil {
			ids = append(ids, *r.ReviewerID)
		}
	}
	if len(ids) > 0 {
		var rs []models.Agent
		if err := s.db.Select("id", "full_name").Where("id IN ?", ids).Find(&rs).Error; err != nil {
			return nil, fmt.Errorf("reviewers of agent #%d: %w", agentID, err)
		}
		for _, r := range rs {
			names[r.ID] = r.FullName
		}
	}
	out := make([]ScoredReview, 0, len(revs))
	for _, r := range revs {
		ratings := map[string]int{}
		for _, x := range r.Ratings {
			ratings[x.CompetencyCode] = x.Rating
		}
		sr := ScoredReview{Review: r}
		if r.ReviewerID != nil {
			sr.ReviewerName = names[*r.ReviewerID]
		}
		if sc, err := scoring.ReviewScore(p.Competencies, ratings); err != nil {
			sr.Err = err
		} else {
			sr.Score = scoring.Round(sc)
		}
		out = append(out, sr)
	}
	return out, nil
}

// EvaluationYears returns the first and last year in which the agent has
// any record (attendance, audit, weekly report or review), for the profile's
// year range; both are 0 when there is none.
func (es *Evaluations) EvaluationYears(ctx context.Context, a Actor, agentID uint) (first, last int, err error) {
	s := es.s
	s = s.withContext(ctx)
	if _, err := s.viewScoresOf(a, agentID); err != nil {
		return 0, 0, err
	}
	var dates []string
	for _, q := range []string{
		"SELECT MIN(date), MAX(date) FROM attendance_days WHERE agent_id = ?",
		"SELECT MIN(audit_date), MAX(audit_date) FROM audits WHERE agent_id = ?",
		"SELECT MIN(week_start), MAX(week_start) FROM weekly_reports WHERE agent_id = ?",
		"SELECT MIN(review_date), MAX(review_date) FROM reviews WHERE agent_id = ?",
	} {
		var lo, hi *string
		if err := s.db.Raw(q, agentID).Row().Scan(&lo, &hi); err != nil {
			return 0, 0, fmt.Errorf("years of agent #%d: %w", agentID, err)
		}
		if lo != nil && hi != nil {
			dates = append(dates, *lo, *hi)
		}
	}
	if len(dates) == 0 {
		return 0, 0, nil
	}
	sort.Strings(dates)
	year := func(s string) int {
		var y int
		fmt.Sscanf(s, "%4d", &y)
		return y
	}
	return year(dates[0]), year(dates[len(dates)-1]), nil
}
