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

// agentExport opens an export of table's rows (model's), joined to their
// agents as "agents" and limited to the agents the actor may see for op:
// the session checked first, a refusal logged as what.
func (s *Store) agentExport(a Actor, op Op, what, table string, model any) (*gorm.DB, error) {
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(op) {
		return nil, s.deny(a, op, what)
	}
	return scopeAgents(s.db.Model(model).Joins("JOIN agents ON agents.id = "+table+".agent_id"), a, op), nil
}

// findBatched reads q's records exportBatch at a time: one preload of every
// record's children would pass more variables than SQLite allows.
func findBatched[T any](q *gorm.DB, what string) ([]T, error) {
	var all, batch []T
	if err := q.FindInBatches(&batch, exportBatch, func(*gorm.DB, int) error {
		all = append(all, batch...)
		return nil
	}).Error; err != nil {
		return nil, fmt.Errorf("export %s: %w", what, err)
	}
	return all, nil
}

// exportRows reads q's records and makes each an export row.
func exportRows[T, R any](q *gorm.DB, what string, row func(T) R) ([]R, error) {
	var recs []T
	if err := q.Find(&recs).Error; err != nil {
		return nil, fmt.Errorf("export %s: %w", what, err)
	}
	out := make([]R, len(recs))
	for i, r := range recs {
		out[i] = row(r)
	}
	return out, nil
}

// employeeNos is every agent's employee number by id.
func (s *Store) employeeNos(tx *gorm.DB) (map[uint]string, error) {
	idx, err := s.agentIndex(tx)
	if err != nil {
		return nil, err
	}
	byID := make(map[uint]string, len(idx))
	for no, ag := range idx {
		byID[ag.ID] = no
	}
	return byID, nil
}

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
	byID, err := s.employeeNos(s.db)
	if err != nil {
		return nil, err
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
	q, err := s.agentExport(a, OpViewScores, "audits", "audits", &models.Audit{})
	if err != nil {
		return nil, err
	}
	audits, err := findBatched[models.Audit](q.Preload("Agent").Preload("Form").Preload("Results.Item"), "audits")
	if err != nil {
		return nil, err
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
	q, err := s.agentExport(a, OpViewScores, "weekly", "weekly_reports", &models.WeeklyReport{})
	if err != nil {
		return nil, err
	}
	return exportRows(q.Preload("Agent").Order("agents.employee_no, weekly_reports.week_start"), "weekly reports", func(r models.WeeklyReport) models.WeeklyRow {
		return models.WeeklyRow{EmployeeNo: r.Agent.EmployeeNo, Report: r}
	})
}

// ExportReviews returns every review the actor may see with its ratings.
func (s *Store) ExportReviews(ctx context.Context, a Actor) ([]models.ReviewRow, error) {
	s = s.withContext(ctx)
	q, err := s.agentExport(a, OpViewScores, "reviews", "reviews", &models.Review{})
	if err != nil {
		return nil, err
	}
	revs, err := findBatched[models.Review](q.Preload("Agent").Preload("Ratings"), "reviews")
	if err != nil {
		return nil, err
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
	byID, err := s.employeeNos(s.db)
	if err != nil {
		return nil, err
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
	return exportRows(s.db.Preload("Job").Omit("cv_data").Order("id"), "candidates", func(c models.Candidate) models.CandidateRow {
		return models.CandidateRow{JobCode: c.Job.Code, Candidate: c}
	})
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
	return exportRows(s.db.Order("code"), "jobs", func(j models.JobDescription) models.JobRow { return models.JobRow{Job: j} })
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
	return exportRows(s.db.Order("code, id"), "questions", func(q models.Question) models.QuestionRow { return models.QuestionRow{Question: q} })
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
