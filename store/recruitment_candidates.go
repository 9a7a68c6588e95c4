package store

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/recruiting"
)

// MaxCVSize is the largest CV attachment accepted (recruiting.MaxCVSize).
const MaxCVSize = recruiting.MaxCVSize

// CandidateFilter narrows a candidate listing.
type CandidateFilter struct {
	Search string // part of the name, email or phone
	JobID  uint
	Stage  models.Stage
}

// scopeCandidates restricts a query on candidates to those the actor may see:
// all, or (ScopeAssigned) those whose interview the actor is assigned to.
func scopeCandidates(q *gorm.DB, a Actor) *gorm.DB {
	switch a.ScopeOf(OpViewCandidates) {
	case ScopeAll:
		return q
	case ScopeAssigned:
		return q.Where("candidates.id IN (SELECT interviews.candidate_id FROM interviews JOIN interview_assignments ON interview_assignments.interview_id = interviews.id WHERE interview_assignments.user_id = ?)", a.UserID)
	}
	return q.Where("1 = 0")
}

// candidateVisible loads candidate id if the actor may see it.
func (s *Store) candidateVisible(a Actor, id uint) (models.Candidate, error) {
	if err := s.checkSession(a); err != nil {
		return models.Candidate{}, err
	}
	if !a.Can(OpViewCandidates) {
		return models.Candidate{}, s.deny(a, OpViewCandidates, fmt.Sprint(id))
	}
	var c models.Candidate
	err := scopeCandidates(s.db.Model(&models.Candidate{}), a).Where("candidates.id = ?", id).First(&c).Error
	if err != nil {
		var n int64
		s.db.Model(&models.Candidate{}).Where("id = ?", id).Count(&n)
		if n > 0 {
			return c, s.deny(a, OpViewCandidates, fmt.Sprint(id))
		}
		return c, fmt.Errorf("candidate #%d: %w", id, translate(err))
	}
	return c, nil
}

// ListCandidates lists the candidates the actor may see, newest application
// first, without their CV data.
func (r *Recruitment) ListCandidates(ctx context.Context, a Actor, f CandidateFilter) ([]models.Candidate, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewCandidates) {
		return nil, s.deny(a, OpViewCandidates, "")
	}
	q := scopeCandidates(s.db.Model(&models.Candidate{}).Omit("cv_data").Preload("Job"), a)
	if t := strings.ToLower(strings.TrimSpace(f.Search)); t != "" {
		like := "%" + t + "%"
		q = q.Where("LOWER(candidates.full_name) LIKE ? OR LOWER(candidates.email) LIKE ? OR candidates.phone LIKE ?", like, like, like)
	}
	if f.JobID != 0 {
		q = q.Where("candidates.job_id = ?", f.JobID)
	}
	if f.Stage != "" {
		q = q.Where("candidates.stage = ?", f.Stage)
	}
	var out []models.Candidate
	if err := q.Order("candidates.applied_on DESC, candidates.id DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list candidates: %w", err)
	}
	return out, nil
}

// Candidate returns one candidate (with the job, without the CV data) if
// the actor may see it.
func (r *Recruitment) Candidate(ctx context.Context, a Actor, id uint) (models.Candidate, error) {
	s := r.s
	s = s.withContext(ctx)
	c, err := s.candidateVisible(a, id)
	if err != nil {
		return c, err
	}
	c.CVData = nil
	var j models.JobDescription
	if s.db.First(&j, c.JobID).Error == nil {
		c.Job = &j
	}
	return c, nil
}

// Duplicates returns the other candidates with the same email (ignoring
// case) or phone (digits only) as c; the screen warns before creating one.
func (r *Recruitment) Duplicates(ctx context.Context, a Actor, c models.Candidate) ([]models.Candidate, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return nil, err
	}
	if !recruiting.HasContact(c) {
		return nil, nil
	}
	var all []models.Candidate
	if err := s.db.Select("id", "full_name", "email", "phone", "job_id", "stage", "applied_on").
		Where("id <> ? AND anonymized = ?", c.ID, false).Find(&all).Error; err != nil {
		return nil, fmt.Errorf("find duplicates: %w", err)
	}
	return recruiting.Duplicates(c, all), nil
}

func candidateView(c models.Candidate) map[string]any {
	return map[string]any{"full_name": c.FullName, "email": c.Email, "phone": c.Phone, "job_id": c.JobID,
		"applied_on": c.AppliedOn.String(), "stage": c.Stage, "education": c.Education, "experience_years": c.ExperienceYears,
		"languages": c.Languages, "source": c.Source, "notes": c.Notes, "cv": c.CVName, "version": c.Version}
}

// SaveCandidate creates (ID 0, stage applied) or updates a candidate's
// details (HR). The stage, CV and agent link are not changed here: see
// MoveStage, SetCV and Hire.
func (r *Recruitment) SaveCandidate(ctx context.Context, a Actor, c models.Candidate) (models.Candidate, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return c, err
	}
	c.Job = nil
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := recruiting.NormalizeCandidate(&c); err != nil {
			return err
		}
		if c.AppliedOn.IsZero() {
			c.AppliedOn = models.DateOf(s.now())
		}
		if c.ID == 0 {
			c.Stage, c.Version, c.AgentID, c.Anonymized = models.StageApplied, 1, nil, false
			if len(c.CVData) > MaxCVSize {
				return models.Invalid("error.cv_too_large", map[string]any{"MiB": MaxCVSize >> 20}, "cv is larger than %d MiB", MaxCVSize>>20)
			}
			if err := tx.Omit("Job").Create(&c).Error; err != nil {
				return translate(err)
			}
			if err := tx.Create(&models.StageChange{CandidateID: c.ID, To: models.StageApplied, On: c.AppliedOn, ByUserID: a.UserID}).Error; err != nil {
				return err
			}
			return s.logCandidateChange(tx, a, "create", "candidate", fmt.Sprint(c.ID), nil, candidateView(c))
		}
		var old models.Candidate
		if err := tx.Omit("cv_data").First(&old, c.ID).Error; err != nil {
			return translate(err)
		}
		res := tx.Model(&models.Candidate{}).Where("id = ? AND version = ?", c.ID, c.Version).Updates(map[string]any{
			"full_name": c.FullName, "email": c.Email, "phone": c.Phone, "job_id": c.JobID, "applied_on": c.AppliedOn,
			"education": c.Education, "experience_years": c.ExperienceYears, "languages": c.Languages, "source": c.Source,
			"notes": c.Notes, "version": c.Version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		c.Version++
		c.Stage, c.CVName, c.AgentID = old.Stage, old.CVName, old.AgentID
		return s.logCandidateChange(tx, a, "update", "candidate", fmt.Sprint(c.ID), candidateView(old), candidateView(c))
	})
	if err != nil {
		return c, fmt.Errorf("save candidate %q: %w", c.FullName, err)
	}
	return c, nil
}

// SetCV attaches (or, with empty data, removes) a candidate's CV (HR), at
// most MaxCVSize bytes.
func (r *Recruitment) SetCV(ctx context.Context, a Actor, id uint, version int, name string, data []byte) (int, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return version, err
	}
	if len(data) > MaxCVSize {
		return version, models.Invalid("error.cv_too_large", map[string]any{"Name": name, "MiB": MaxCVSize >> 20}, "cv %s is larger than %d MiB", name, MaxCVSize>>20)
	}
	if len(data) == 0 {
		name = ""
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var old models.Candidate
		if err := tx.Omit("cv_data").First(&old, id).Error; err != nil {
			return translate(err)
		}
		res := tx.Model(&models.Candidate{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"cv_name": name, "cv_data": data, "version": version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		return s.logCandidateChange(tx, a, "update", "candidate_cv", fmt.Sprint(id), map[string]any{"cv": old.CVName}, map[string]any{"cv": name, "bytes": len(data)})
	})
	if err != nil {
		return version, fmt.Errorf("set cv of candidate #%d: %w", id, err)
	}
	return version + 1, nil
}

// CV returns the name and content of a candidate's CV, if the actor may see
// the candidate.
func (r *Recruitment) CV(ctx context.Context, a Actor, id uint) (string, []byte, error) {
	s := r.s
	s = s.withContext(ctx)
	if _, err := s.candidateVisible(a, id); err != nil {
		return "", nil, err
	}
	var c models.Candidate
	if err := s.db.Select("cv_name", "cv_data").First(&c, id).Error; err != nil {
		return "", nil, fmt.Errorf("cv of candidate #%d: %w", id, translate(err))
	}
	return c.CVName, c.CVData, nil
}

// MoveStage moves a candidate to another stage of the pipeline (HR), with a
// reason and a date, when the pipeline allows it (see recruiting.CanMove). Hired is
// reached only through Hire.
func (r *Recruitment) MoveStage(ctx context.Context, a Actor, id uint, version int, to models.Stage, reason string, on models.Date) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	if !recruiting.MovableByHand(to) {
		return models.Invalid("error.hire_not_move", map[string]any{"ID": id}, "move candidate #%d to hired: use hire", id)
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		return s.moveStage(tx, a, id, version, to, reason, on)
	})
}

func (s *Store) moveStage(tx *gorm.DB, a Actor, id uint, version int, to models.Stage, reason string, on models.Date) error {
	var c models.Candidate
	if err := tx.Omit("cv_data").First(&c, id).Error; err != nil {
		return fmt.Errorf("move candidate #%d: %w", id, translate(err))
	}
	if !recruiting.CanMove(c.Stage, to) {
		return models.Invalid("error.stage_move", map[string]any{"ID": id, "From": c.Stage, "To": to}, "move candidate #%d from %s to %s: not allowed", id, c.Stage, to)
	}
	if on.IsZero() {
		on = models.DateOf(s.now())
	}
	res := tx.Model(&models.Candidate{}).Where("id = ? AND version = ?", id, version).
		Updates(map[string]any{"stage": to, "version": version + 1, "updated_at": s.now().UTC()})
	if res.Error != nil {
		return fmt.Errorf("move candidate #%d: %w", id, res.Error)
	}
	if res.RowsAffected == 0 {
		return fmt.Errorf("move candidate #%d: %w", id, models.ErrStale)
	}
	if err := tx.Create(&models.StageChange{CandidateID: id, From: c.Stage, To: to, Reason: strings.TrimSpace(reason), On: on, ByUserID: a.UserID}).Error; err != nil {
		return fmt.Errorf("move candidate #%d: %w", id, err)
	}
	return s.logCandidateChange(tx, a, "stage", "candidate", fmt.Sprint(id), map[string]any{"stage": c.Stage}, map[string]any{"stage": to, "reason": reason, "on": on.String()})
}

// StageHistory lists a candidate's moves through the pipeline, oldest first.
func (r *Recruitment) StageHistory(ctx context.Context, a Actor, id uint) ([]models.StageChange, error) {
	s := r.s
	s = s.withContext(ctx)
	if _, err := s.candidateVisible(a, id); err != nil {
		return nil, err
	}
	var out []models.StageChange
	if err := s.db.Where("candidate_id = ?", id).Order("id").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("stage history of candidate #%d: %w", id, err)
	}
	return out, nil
}

// PipelineCounts counts the candidates the actor may see in each stage, for
// one job (0: all jobs).
func (r *Recruitment) PipelineCounts(ctx context.Context, a Actor, jobID uint) (map[models.Stage]int, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewCandidates) {
		return nil, s.deny(a, OpViewCandidates, "pipeline")
	}
	q := scopeCandidates(s.db.Model(&models.Candidate{}), a)
	if jobID != 0 {
		q = q.Where("candidates.job_id = ?", jobID)
	}
	var rows []struct {
		Stage models.Stage
		N     int
	}
	if err := q.Select("candidates.stage AS stage, COUNT(*) AS n").Group("candidates.stage").Scan(&rows).Error; err != nil {
		return nil, fmt.Errorf("pipeline counts: %w", err)
	}
	out := map[models.Stage]int{}
	for _, r := range rows {
		out[r.Stage] = r.N
	}
	return out, nil
}

// HireInput is what HR enters when hiring a candidate (recruiting.HireTerms).
type HireInput = recruiting.HireTerms

// Hire creates the agent record (role csr) of a candidate at the offer stage,
// links both ways (Candidate.AgentID, Agent.CandidateID) and moves the
// candidate to hired, in one transaction (HR).
func (r *Recruitment) Hire(ctx context.Context, a Actor, id uint, version int, in HireInput) (models.Agent, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return models.Agent{}, err
	}
	if err := s.require(a, OpEditAgents); err != nil {
		return models.Agent{}, err
	}
	var ag models.Agent
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var c models.Candidate
		if err := tx.Omit("cv_data").First(&c, id).Error; err != nil {
			return translate(err)
		}
		if !recruiting.Hireable(c) {
			return models.Invalid("error.candidate_anonymised", nil, "candidate is anonymised")
		}
		ag = recruiting.NewAgent(c, in)
		if err := s.validateAgent(tx, &ag); err != nil {
			return err
		}
		if err := s.moveStage(tx, a, id, version, models.StageHired, recruiting.HireReason(ag.EmployeeNo), in.HireDate); err != nil {
			return err
		}
		if err := tx.Omit("Supervisor").Create(&ag).Error; err != nil {
			return translate(err)
		}
		if err := tx.Create(&models.RoleHistory{AgentID: ag.ID, Role: ag.Role, StartDate: ag.RoleStartDate, Reason: "hired"}).Error; err != nil {
			return err
		}
		if err := tx.Model(&models.Candidate{}).Where("id = ?", id).Update("agent_id", ag.ID).Error; err != nil {
			return err
		}
		return s.logChange(tx, a, "create", "agent", ag.EmployeeNo, nil, agentView(ag))
	})
	if err != nil {
		return models.Agent{}, fmt.Errorf("hire candidate #%d: %w", id, err)
	}
	return ag, nil
}
