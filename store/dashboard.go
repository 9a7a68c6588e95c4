package store

import (
	"context"
	"fmt"
	"sort"

	"sullam/evaluation"
	"sullam/models"
	"sullam/recruiting"
	"sullam/scoring"
)

// CalibrationTolerance is how far (in score points) a supervisor's review gap
// may differ from everyone's before the dashboard flags them lenient or harsh.
const CalibrationTolerance scoring.Cents = 500

// TrendYears is how many past years the manager's team trend shows.
const TrendYears = 4

// Dashboard holds the home screen's sections for one actor; a section is nil
// when the actor does not hold its role.
type Dashboard struct {
	AsOf       models.Date
	Counts     Counts
	Manager    *ManagerDashboard
	HR         *HRDashboard
	Supervisor *SupervisorDashboard
	Quality    *QualityDashboard
	// Self is the actor's own promotion readiness (an agent or supervisor
	// with an agent record), nil otherwise; the same assessment as the
	// promotion board's.
	Self *AgentReadiness
}

// ManagerDashboard is the manager's view: readiness, overdue agents, the
// distribution of last year's annual scores, team trends and supervisor
// calibration.
type ManagerDashboard struct {
	// Year is the last complete year (the year before AsOf).
	Year      int
	Readiness map[models.ReadinessStatus]int
	Ready     []AgentReadiness
	Overdue   []AgentReadiness
	// Scores are the complete annual scores of Year.
	Scores []scoring.Cents
	// Years are the trend's years, oldest first; TeamMeans[team][i] is the
	// team's mean annual score in Years[i] (ok false: no complete score).
	Years     []int
	TeamMeans map[string][]TeamMean
	// Calibration compares each supervisor's reviews with quality audits in Year.
	Calibration []SupervisorCalibration
	// CalibrationMin is the policy's minimum number of rated agents before a
	// supervisor is flagged lenient or harsh.
	CalibrationMin int
}

// TeamMean is a team's mean annual score in one year (evaluation.TeamMean).
type TeamMean = evaluation.TeamMean

// SupervisorCalibration is one supervisor's calibration with their name.
type SupervisorCalibration struct {
	Name string
	scoring.Calibration
}

// HRDashboard is HR's view of the recruitment pipeline.
type HRDashboard struct {
	// Pipeline counts candidates by job title (in both languages) and stage.
	Pipeline []PipelineRow
	// DaysInStage is the mean number of days open candidates have spent in
	// their current stage, by stage.
	DaysInStage map[models.Stage]float64
	InStage     map[models.Stage]int
}

// PipelineRow counts one job's candidates by stage.
type PipelineRow struct {
	JobCode, TitleAr, TitleEn string
	ByStage                   map[models.Stage]int
}

// SupervisorDashboard is a supervisor's view of their own team.
type SupervisorDashboard struct {
	WeekStart models.Date
	// Unrated is the number of the team's submitted weekly reports not rated yet.
	Unrated int64
	// Missing are the team's active agents without a report for this week.
	Missing []models.Agent
	// Scores are the team's evaluations of the current year so far.
	Scores []AgentYear
	// Readiness is each active team member's promotion readiness as of the
	// dashboard date (the promotion board's assessment, team-scoped).
	Readiness []AgentReadiness
}

// QualityDashboard counts this month's audits by auditor and by agent.
type QualityDashboard struct {
	From, To  models.Date
	Total     int
	ByAuditor []NameCount
	ByAgent   []NameCount
}

// NameCount is a count with its label (evaluation.NameCount).
type NameCount = evaluation.NameCount

// Dashboard returns the home dashboard of actor a as of asOf: the sections of
// the roles the actor holds, each read through the actor's access.
func (es *Evaluations) Dashboard(ctx context.Context, a Actor, asOf models.Date) (Dashboard, error) {
	return es.s.withContext(ctx).dashboard(ctx, a, asOf, homeCache(a, asOf))
}

// homeCache returns the year cache of one home screen of actor a: the
// sections of the dashboard and of the inbox read the same years, loaded
// once, with the manager's trend years; the current year too for a
// supervisor (their team's year so far), not for the others, whose
// sections read the completed years only (a year outside the cache is
// still read, on its own).
func homeCache(a Actor, asOf models.Date) *yearCache {
	hi := asOf.Year - 1
	if a.Has(models.RoleSupervisor) && a.AgentID != nil {
		hi = asOf.Year
	}
	return newYearCache(asOf.Year-TrendYears, hi)
}

// HomeData is the home screen's data: the actor's inbox and dashboard,
// each with its own error (one failing does not hide the other).
type HomeData struct {
	Inbox        Inbox
	InboxErr     error
	Dashboard    Dashboard
	DashboardErr error
}

// Home returns the inbox and the dashboard of actor a as of asOf, as Inbox
// and Dashboard give them, their years read once for both (and a
// manager's board assessed once): the home screen shows both. When ctx
// ends during the inbox, the dashboard is not read (DashboardErr is the
// context's error).
func (es *Evaluations) Home(ctx context.Context, a Actor, asOf models.Date) HomeData {
	s := es.s.withContext(ctx)
	c := homeCache(a, asOf)
	var h HomeData
	h.Inbox, h.InboxErr = s.inbox(ctx, a, asOf, c)
	if err := ctx.Err(); err != nil {
		h.DashboardErr = err
		return h
	}
	h.Dashboard, h.DashboardErr = s.dashboard(ctx, a, asOf, c)
	return h
}

// dashboard is Dashboard reading the years through c.
func (s *Store) dashboard(ctx context.Context, a Actor, asOf models.Date, c *yearCache) (Dashboard, error) {
	if err := s.checkSession(a); err != nil {
		return Dashboard{}, err
	}
	d := Dashboard{AsOf: asOf}
	var err error
	if d.Counts, err = s.Evaluations().HomeCounts(ctx, a); err != nil {
		return d, err
	}
	if a.Has(models.RoleManager) {
		if d.Manager, err = s.managerDashboard(a, asOf, c); err != nil {
			return d, err
		}
	}
	if a.Has(models.RoleHR) && a.ScopeOf(OpViewCandidates) == ScopeAll {
		if d.HR, err = s.hrDashboard(asOf); err != nil {
			return d, err
		}
	}
	if a.Has(models.RoleSupervisor) && a.AgentID != nil {
		if d.Supervisor, err = s.supervisorDashboard(a, asOf, c); err != nil {
			return d, err
		}
	}
	if a.AgentID != nil && a.Can(OpViewScores) {
		own, err := s.promotions(a, asOf, ReadinessFilter{AgentID: *a.AgentID}, c)
		if err != nil {
			return d, fmt.Errorf("dashboard own readiness: %w", err)
		}
		if len(own) == 1 {
			d.Self = &own[0]
		}
	}
	if a.Has(models.RoleQuality) && a.Can(OpEnterAudits) {
		if d.Quality, err = s.qualityDashboard(asOf); err != nil {
			return d, err
		}
	}
	return d, nil
}

func (s *Store) managerDashboard(a Actor, asOf models.Date, c *yearCache) (*ManagerDashboard, error) {
	m := &ManagerDashboard{Year: asOf.Year - 1}
	rs, err := s.promotions(a, asOf, ReadinessFilter{}, c)
	if err != nil {
		return nil, err
	}
	m.Readiness, m.Ready, m.Overdue = evaluation.ReadinessTally(rs, func(r AgentReadiness) scoring.Readiness { return r.Readiness })
	m.Years = evaluation.TrendYears(m.Year, TrendYears)
	if err := s.dashboardYears(a, m, c); err != nil {
		return nil, err
	}
	// the calibrated supervisors' names (those the actor may see)
	ids := make([]uint, 0, len(m.Calibration))
	for _, c := range m.Calibration {
		ids = append(ids, c.SupervisorID)
	}
	if len(ids) > 0 {
		var sups []models.Agent
		if err := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewAgents).Select("id", "full_name").Where("id IN ?", ids).Find(&sups).Error; err != nil {
			return nil, fmt.Errorf("dashboard names: %w", err)
		}
		names := make(map[uint]string, len(sups))
		for _, ag := range sups {
			names[ag.ID] = ag.FullName
		}
		for i := range m.Calibration {
			m.Calibration[i].Name = names[m.Calibration[i].SupervisorID]
		}
	}
	return m, nil
}

// dashboardYears adds to m the trend years' team means, the last full
// year's scores and its calibration of supervisors: the agents the actor
// may score with a record in each year (an inactive agent left out of the
// last year only), as the evaluations of each year list them, but read
// once for all the years (through c) and scored on the short paths
// (scoring.EvaluateResult, scoring.ComponentScores; a finalized year by
// its snapshot), without the details, explanations and inputs digests the
// dashboard does not show. The supervisors' names are left to the caller.
func (s *Store) dashboardYears(a Actor, m *ManagerDashboard, c *yearCache) error {
	if !a.Can(OpViewScores) {
		return s.deny(a, OpViewScores, fmt.Sprint(m.Year))
	}
	p, err := s.Policy(s.dbContext())
	if err != nil {
		return fmt.Errorf("dashboard years: %w", err)
	}
	agents := s.agentsRoom()
	if err := scopeAgents(s.db.Model(&models.Agent{}), a, OpViewScores).Select("id", "employee_no", "team", "status", "supervisor_id").Find(&agents).Error; err != nil {
		return fmt.Errorf("dashboard years: list agents: %w", err)
	}
	sort.Slice(agents, func(i, j int) bool { return agents[i].EmployeeNo < agents[j].EmployeeNo })
	data, err := c.load(s, p, m.Years[0], m.Years[len(m.Years)-1], yearScope{})
	if err != nil {
		return err
	}
	means := evaluation.NewTeamMeans(len(m.Years))
	var cal []scoring.CalibrationInput
	for i, y := range m.Years {
		d := data[y]
		for _, ag := range agents {
			if !d.present[ag.ID] || ag.Status != models.Active && y == m.Year {
				continue
			}
			if r := d.result(p, y, ag); r.Complete {
				means.Add(ag.Team, i, r.Score)
				if y == m.Year {
					m.Scores = append(m.Scores, r.Score)
				}
			}
			if y == m.Year && ag.SupervisorID != nil {
				sc, has := d.componentScores(p, y, ag)
				cal = append(cal, scoring.CalibrationInput{SupervisorID: *ag.SupervisorID,
					Review: sc[scoring.Supervisor], HasReview: has[scoring.Supervisor],
					Quality: sc[scoring.Quality], HasQuality: has[scoring.Quality]})
			}
		}
	}
	m.CalibrationMin = p.CalibrationMinAgents()
	for _, c := range scoring.Calibrate(cal, CalibrationTolerance, m.CalibrationMin) {
		m.Calibration = append(m.Calibration, SupervisorCalibration{Calibration: c})
	}
	m.TeamMeans = means.Means()
	return nil
}

func (s *Store) hrDashboard(asOf models.Date) (*HRDashboard, error) {
	type row struct {
		JobID uint
		Stage models.Stage
		N     int
	}
	var rows []row
	if err := s.db.Model(&models.Candidate{}).Select("job_id, stage, COUNT(*) AS n").Group("job_id, stage").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("dashboard pipeline: %w", err)
	}
	var jobs []models.JobDescription
	if err := s.db.Order("code").Find(&jobs).Error; err != nil {
		return nil, fmt.Errorf("dashboard jobs: %w", err)
	}
	byJob := map[uint]*PipelineRow{}
	h := &HRDashboard{}
	for _, j := range jobs {
		byJob[j.ID] = &PipelineRow{JobCode: j.Code, TitleAr: j.TitleAr, TitleEn: j.TitleEn, ByStage: map[models.Stage]int{}}
	}
	for _, r := range rows {
		if p := byJob[r.JobID]; p != nil {
			p.ByStage[r.Stage] += r.N
		}
	}
	for _, j := range jobs {
		if p := byJob[j.ID]; len(p.ByStage) > 0 {
			h.Pipeline = append(h.Pipeline, *p)
		}
	}
	// Time in the current stage of open candidates: since the last stage change, else since applying.
	type open struct {
		ID        uint
		Stage     models.Stage
		AppliedOn models.Date
	}
	var cands []open
	closed := []models.Stage{models.StageHired, models.StageRejected, models.StageWithdrawn}
	if err := s.db.Model(&models.Candidate{}).Where("stage NOT IN ?", closed).Select("id, stage, applied_on").Scan(&cands).Error; err != nil {
		return nil, fmt.Errorf("dashboard open candidates: %w", err)
	}
	var changes []models.StageChange
	if err := s.db.Select("candidate_id", "on").Order("id").Find(&changes).Error; err != nil {
		return nil, fmt.Errorf("dashboard stage changes: %w", err)
	}
	last := map[uint]models.Date{}
	for _, c := range changes {
		if c.On.After(last[c.CandidateID]) {
			last[c.CandidateID] = c.On
		}
	}
	stays := make([]recruiting.OpenCandidate, len(cands))
	for i, c := range cands {
		stays[i] = recruiting.OpenCandidate{Stage: c.Stage, AppliedOn: c.AppliedOn, LastMove: last[c.ID]}
	}
	h.InStage, h.DaysInStage = recruiting.TimeInStage(stays, asOf)
	return h, nil
}

func (s *Store) supervisorDashboard(a Actor, asOf models.Date, c *yearCache) (*SupervisorDashboard, error) {
	sd := &SupervisorDashboard{WeekStart: asOf.WeekStart()}
	// the readiness first: it reads the widest span of years, which the
	// year's scores below then take from c
	var err error
	if sd.Readiness, err = s.promotions(a, asOf, ReadinessFilter{SupervisorID: a.AgentID}, c); err != nil {
		return nil, fmt.Errorf("dashboard team readiness: %w", err)
	}
	team := s.db.Model(&models.Agent{}).Where("supervisor_id = ? AND status = ?", *a.AgentID, models.Active)
	var agents []models.Agent
	if err := team.Order("employee_no").Find(&agents).Error; err != nil {
		return nil, fmt.Errorf("dashboard team: %w", err)
	}
	ids := make([]uint, len(agents))
	for i, ag := range agents {
		ids[i] = ag.ID
	}
	if len(ids) > 0 {
		if err := s.db.Model(&models.WeeklyReport{}).Where("agent_id IN ? AND rating IS NULL", ids).Count(&sd.Unrated).Error; err != nil {
			return nil, fmt.Errorf("dashboard unrated reports: %w", err)
		}
		var have []uint
		if err := s.db.Model(&models.WeeklyReport{}).Where("agent_id IN ? AND week_start = ?", ids, sd.WeekStart).Pluck("agent_id", &have).Error; err != nil {
			return nil, fmt.Errorf("dashboard weekly reports: %w", err)
		}
		got := map[uint]bool{}
		for _, id := range have {
			got[id] = true
		}
		for _, ag := range agents {
			if !got[ag.ID] {
				sd.Missing = append(sd.Missing, ag)
			}
		}
	}
	// the team's year only (the readiness above read the team's years)
	years, err := s.evaluateYear(a, asOf.Year, YearFilter{SupervisorID: a.AgentID}, c)
	if err != nil {
		return nil, err
	}
	for _, y := range years {
		if y.Agent.SupervisorID != nil && *y.Agent.SupervisorID == *a.AgentID && y.Agent.Status == models.Active {
			sd.Scores = append(sd.Scores, y)
		}
	}
	return sd, nil
}

func (s *Store) qualityDashboard(asOf models.Date) (*QualityDashboard, error) {
	q := &QualityDashboard{}
	q.From, q.To = evaluation.Month(asOf)
	type row struct {
		Auditor  string
		FullName string
	}
	var rows []row
	err := s.db.Table("audits").Select("audits.auditor, agents.full_name").Joins("JOIN agents ON agents.id = audits.agent_id").
		Where("audits.audit_date BETWEEN ? AND ?", q.From, q.To).Scan(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("dashboard audits: %w", err)
	}
	byAuditor, byAgent := map[string]int{}, map[string]int{}
	for _, r := range rows {
		byAuditor[r.Auditor]++
		byAgent[r.FullName]++
	}
	q.Total = len(rows)
	q.ByAuditor, q.ByAgent = evaluation.NameCounts(byAuditor), evaluation.NameCounts(byAgent)
	return q, nil
}
