package store

import (
	"context"
	"fmt"
	"sort"

	"gorm.io/gorm"

	"sullam/models"
)

// exportBatch is the number of rows an export reads, with their preloads, at a time.
const exportBatch = 5000

// Exports return the data of each import kind as the rows the importer reads,
// so an export imported into an empty database gives the same data. Each is
// limited to what the actor may see.

// ExportAgents returns every agent the actor may see, with the supervisor's employee number.
func (s *Store) ExportAgents(ctx context.Context, a Actor) ([]models.AgentRow, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	agents, err := s.ListAgents(ctx, a, AgentFilter{})
	if err != nil {
		return nil, err
	}
	idx, err := s.agentIndex(s.db)
	if err != nil {
		return nil, err
	}
	byID := map[uint]string{}
	for no, ag := range idx {
		byID[ag.ID] = no
	}
	// Supervisors first, so the file imports in one pass even without the in-file lookup.
	out := make([]models.AgentRow, 0, len(agents))
	for _, ag := range agents {
		r := models.AgentRow{Agent: ag}
		if ag.SupervisorID != nil {
			r.SupervisorNo = byID[*ag.SupervisorID]
		}
		out = append(out, r)
	}
	return out, nil
}

// EachAttendance streams every attendance day the actor may see, ordered by
// employee number and date, to fn.
func (s *Store) EachAttendance(ctx context.Context, a Actor, fn func(models.AttendanceRow) error) error {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return err
	}
	if !a.Can(OpViewAgents) {
		return s.deny(a, OpViewAgents, "attendance")
	}
	q := scopeAgents(s.db.Table("attendance_days d").Joins("JOIN agents ON agents.id = d.agent_id"), a, OpViewAgents)
	rows, err := q.Select("agents.employee_no, d.date, d.status, d.late_minutes, d.early_leave_minutes").
		Order("agents.employee_no, d.date").Rows()
	if err != nil {
		return fmt.Errorf("export attendance: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r models.AttendanceRow
		var status string
		if err := rows.Scan(&r.EmployeeNo, &r.Day.Date, &status, &r.Day.LateMinutes, &r.Day.EarlyLeaveMinutes); err != nil {
			return fmt.Errorf("export attendance: %w", err)
		}
		r.Day.Status = models.AttendanceStatus(status)
		if err := fn(r); err != nil {
			return err
		}
	}
	return rows.Err()
}

// ExportAudits returns every audit the actor may see with its answers by item code.
func (s *Store) ExportAudits(ctx context.Context, a Actor) ([]models.AuditRow, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewScores, "audits")
	}
	var audits []models.Audit
	q := scopeAgents(s.db.Model(&models.Audit{}).Joins("JOIN agents ON agents.id = audits.agent_id"), a, OpViewScores)
	// In batches: one preload of every audit's results would pass more
	// variables than SQLite allows.
	var batch []models.Audit
	if err := q.Preload("Agent").Preload("Form").Preload("Results.Item").FindInBatches(&batch, exportBatch, func(*gorm.DB, int) error {
		audits = append(audits, batch...)
		return nil
	}).Error; err != nil {
		return nil, fmt.Errorf("export audits: %w", err)
	}
	sort.Slice(audits, func(i, j int) bool { return audits[i].Ref < audits[j].Ref })
	out := make([]models.AuditRow, len(audits))
	for i, au := range audits {
		ans := map[string]models.Answer{}
		for _, r := range au.Results {
			ans[r.Item.Code] = r.Answer
		}
		out[i] = models.AuditRow{EmployeeNo: au.Agent.EmployeeNo, FormCode: au.Form.Code, Audit: au, Answers: ans}
	}
	return out, nil
}

// ExportWeekly returns every weekly report the actor may see.
func (s *Store) ExportWeekly(ctx context.Context, a Actor) ([]models.WeeklyRow, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewScores, "weekly")
	}
	var reps []models.WeeklyReport
	q := scopeAgents(s.db.Model(&models.WeeklyReport{}).Joins("JOIN agents ON agents.id = weekly_reports.agent_id"), a, OpViewScores)
	if err := q.Preload("Agent").Order("agents.employee_no, weekly_reports.week_start").Find(&reps).Error; err != nil {
		return nil, fmt.Errorf("export weekly reports: %w", err)
	}
	out := make([]models.WeeklyRow, len(reps))
	for i, r := range reps {
		out[i] = models.WeeklyRow{EmployeeNo: r.Agent.EmployeeNo, Report: r}
	}
	return out, nil
}

// ExportReviews returns every review the actor may see with its ratings.
func (s *Store) ExportReviews(ctx context.Context, a Actor) ([]models.ReviewRow, error) {
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewScores) {
		return nil, s.deny(a, OpViewScores, "reviews")
	}
	var revs []models.Review
	q := scopeAgents(s.db.Model(&models.Review{}).Joins("JOIN agents ON agents.id = reviews.agent_id"), a, OpViewScores)
	var batch []models.Review
	if err := q.Preload("Agent").Preload("Ratings").FindInBatches(&batch, exportBatch, func(*gorm.DB, int) error {
		revs = append(revs, batch...)
		return nil
	}).Error; err != nil {
		return nil, fmt.Errorf("export reviews: %w", err)
	}
	sort.Slice(revs, func(i, j int) bool {
		a, b := revs[i], revs[j]
		if a.Agent.EmployeeNo != b.Agent.EmployeeNo {
			return a.Agent.EmployeeNo < b.Agent.EmployeeNo
		}
		if c := a.ReviewDate.Compare(b.ReviewDate); c != 0 {
			return c < 0
		}
		return a.ID < b.ID
	})
	idx, err := s.agentIndex(s.db)
	if err != nil {
		return nil, err
	}
	byID := map[uint]string{}
	for no, ag := range idx {
		byID[ag.ID] = no
	}
	out := make([]models.ReviewRow, len(revs))
	for i, r := range revs {
		ratings := map[string]int{}
		for _, x := range r.Ratings {
			ratings[x.CompetencyCode] = x.Rating
		}
		row := models.ReviewRow{EmployeeNo: r.Agent.EmployeeNo, Review: r, Ratings: ratings}
		if r.ReviewerID != nil {
			row.ReviewerNo = byID[*r.ReviewerID]
		}
		out[i] = row
	}
	return out, nil
}

// ExportCandidates returns every candidate (HR and managers).
func (r *Recruitment) ExportCandidates(ctx context.Context, a Actor) ([]models.CandidateRow, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if a.ScopeOf(OpViewCandidates) != ScopeAll {
		return nil, s.deny(a, OpViewCandidates, "export")
	}
	var cands []models.Candidate
	if err := s.db.Preload("Job").Omit("cv_data").Order("id").Find(&cands).Error; err != nil {
		return nil, fmt.Errorf("export candidates: %w", err)
	}
	out := make([]models.CandidateRow, len(cands))
	for i, c := range cands {
		out[i] = models.CandidateRow{JobCode: c.Job.Code, Candidate: c}
	}
	return out, nil
}

// ExportJobs returns every job description.
func (r *Recruitment) ExportJobs(ctx context.Context, a Actor) ([]models.JobRow, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewJobs) {
		return nil, s.deny(a, OpViewJobs, "export")
	}
	var jobs []models.JobDescription
	if err := s.db.Order("code").Find(&jobs).Error; err != nil {
		return nil, fmt.Errorf("export jobs: %w", err)
	}
	out := make([]models.JobRow, len(jobs))
	for i, j := range jobs {
		out[i] = models.JobRow{Job: j}
	}
	return out, nil
}

// ExportQuestions returns every interview question, retired ones included.
func (r *Recruitment) ExportQuestions(ctx context.Context, a Actor) ([]models.QuestionRow, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewJobs) && !a.Can(OpManageQuestions) {
		return nil, s.deny(a, OpManageQuestions, "export")
	}
	var qs []models.Question
	if err := s.db.Order("code, id").Find(&qs).Error; err != nil {
		return nil, fmt.Errorf("export questions: %w", err)
	}
	out := make([]models.QuestionRow, len(qs))
	for i, q := range qs {
		out[i] = models.QuestionRow{Question: q}
	}
	return out, nil
}

// FormItemCodes returns the item codes, in form order, of the forms the audits
// use; when they use several forms, the union in first-seen order.
func (wk *Work) FormItemCodes(ctx context.Context, audits []models.AuditRow) ([]string, error) {
	s := wk.s
	s = s.withContext(ctx)
	byID, _, err := s.loadForms(s.db)
	if err != nil {
		return nil, err
	}
	seen := map[uint]bool{}
	have := map[string]bool{}
	var codes []string
	for _, au := range audits {
		if seen[au.Audit.FormID] {
			continue
		}
		seen[au.Audit.FormID] = true
		for _, it := range byID[au.Audit.FormID].Items {
			if !have[it.Code] {
				have[it.Code] = true
				codes = append(codes, it.Code)
			}
		}
	}
	if len(audits) == 0 {
		for _, f := range byID {
			for _, it := range f.Items {
				if !have[it.Code] {
					have[it.Code] = true
					codes = append(codes, it.Code)
				}
			}
			break
		}
	}
	return codes, nil
}
