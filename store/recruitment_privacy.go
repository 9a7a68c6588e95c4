package store

import (
	"errors"
	"fmt"

	"gorm.io/gorm"

	"sullam/models"
)

// ErrErasePending says that an erasure was committed but another connection
// kept the WAL checkpoint from completing, so old page images may remain in
// the -wal file until the next checkpoint (the next erasure or retention run).
var ErrErasePending = errors.New("the candidate's data is erased, but another open connection kept the database file from being cleaned; it is cleaned at the next start")

// CandidateExport is everything Sullam holds about one candidate (PDPL).
type CandidateExport struct {
	Candidate     models.Candidate // CVData included; encoded as base64 in JSON
	JobCode       string
	StageHistory  []models.StageChange
	Interviews    []models.Interview
	Assignments   []models.InterviewAssignment
	Scores        []models.InterviewScore
	InterviewKits []models.InterviewQuestion
}

// ExportCandidate gathers everything held about one candidate (HR).
func (s *Store) ExportCandidate(a Actor, id uint) (CandidateExport, error) {
	var x CandidateExport
	if err := s.require(a, OpManageCandidates); err != nil {
		return x, err
	}
	if err := s.db.First(&x.Candidate, id).Error; err != nil {
		return x, fmt.Errorf("export candidate #%d: %w", id, translate(err))
	}
	var j models.JobDescription
	if s.db.First(&j, x.Candidate.JobID).Error == nil {
		x.JobCode = j.Code
	}
	ivIDs := s.db.Model(&models.Interview{}).Select("id").Where("candidate_id = ?", id)
	for _, step := range []error{
		s.db.Where("candidate_id = ?", id).Order("id").Find(&x.StageHistory).Error,
		s.db.Where("candidate_id = ?", id).Order("id").Find(&x.Interviews).Error,
		s.db.Where("interview_id IN (?)", ivIDs).Find(&x.Assignments).Error,
		s.db.Where("interview_id IN (?)", ivIDs).Find(&x.Scores).Error,
		s.db.Where("interview_id IN (?)", ivIDs).Order("interview_id, sort").Find(&x.InterviewKits).Error,
	} {
		if step != nil {
			return x, fmt.Errorf("export candidate #%d: %w", id, step)
		}
	}
	if err := s.db.Transaction(func(tx *gorm.DB) error {
		return s.logChange(tx, a, "export", "candidate", fmt.Sprint(id), nil, nil)
	}); err != nil {
		return x, err
	}
	return x, nil
}

// DeleteCandidate deletes a candidate with their stage history, interviews
// and scores (HR). A hired candidate (linked to an agent) cannot be deleted:
// anonymise them instead.
func (s *Store) DeleteCandidate(a Actor, id uint) error {
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var c models.Candidate
		if err := tx.Omit("cv_data").First(&c, id).Error; err != nil {
			return translate(err)
		}
		if c.AgentID != nil {
			return fmt.Errorf("candidate is linked to an agent: %w", models.ErrInvalid)
		}
		ivIDs := tx.Model(&models.Interview{}).Select("id").Where("candidate_id = ?", id)
		for _, m := range []any{&models.InterviewScore{}, &models.InterviewAssignment{}, &models.InterviewQuestion{}} {
			if err := tx.Where("interview_id IN (?)", ivIDs).Delete(m).Error; err != nil {
				return err
			}
		}
		for _, m := range []any{&models.Interview{}, &models.StageChange{}} {
			if err := tx.Where("candidate_id = ?", id).Delete(m).Error; err != nil {
				return err
			}
		}
		if err := tx.Delete(&models.Candidate{}, id).Error; err != nil {
			return err
		}
		return s.logCandidateChange(tx, a, "delete", "candidate", fmt.Sprint(id), map[string]any{"stage": c.Stage, "job_id": c.JobID}, nil)
	})
	if err == nil {
		err = s.eraseFreedContent()
	}
	if err != nil {
		return fmt.Errorf("delete candidate #%d: %w", id, err)
	}
	return nil
}

// AnonymiseCandidate removes what identifies a candidate (name, contact,
// education, languages, source, notes, CV, free-text reasons and interview
// notes) and keeps the stages and scores for statistics (HR).
func (s *Store) AnonymiseCandidate(a Actor, id uint) error {
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error { return s.anonymise(tx, a, id, "anonymise") })
	if err != nil {
		return fmt.Errorf("anonymise candidate #%d: %w", id, err)
	}
	if err := s.eraseFreedContent(); err != nil {
		return fmt.Errorf("anonymise candidate #%d: %w", id, err)
	}
	return nil
}

// eraseFreedContent makes an erasure reach the disk. On SQLite every
// connection runs with secure_delete (SQLiteDSN), so the rows' old content
// is zeroed where it was; what remains are the WAL's page images of the
// rows before the change and whatever free pages or slack held from before
// secure_delete was on. So: checkpoint the WAL and truncate it, rewrite the
// file with VACUUM (no free page survives), and checkpoint again (in WAL
// mode VACUUM writes the new pages to the WAL). On PostgreSQL it runs VACUUM
// (outside a transaction) on the tables that held the candidate, so the dead
// row versions are pruned; the server's own WAL and any disk blocks it
// released are the DBA's (see README "Privacy").
func (s *Store) eraseFreedContent() error {
	if s.dialect != "sqlite" {
		if err := s.db.Exec("VACUUM candidates, stage_changes, interview_assignments, interview_scores, audit_logs").Error; err != nil {
			return fmt.Errorf("vacuum after erasure: %w", err)
		}
		return nil
	}
	if err := s.checkpointTruncate(); err != nil {
		return err
	}
	if err := s.db.Exec("VACUUM").Error; err != nil {
		return fmt.Errorf("vacuum after erasure: %w", err)
	}
	return s.checkpointTruncate()
}

// checkpointTruncate copies the WAL into the database file and truncates
// the WAL to zero bytes. It fails when a reader kept the checkpoint from
// completing (the busy timeout applies first).
func (s *Store) checkpointTruncate() error {
	var res struct{ Busy, Log, Checkpointed int }
	if err := s.db.Raw("PRAGMA wal_checkpoint(TRUNCATE)").Row().Scan(&res.Busy, &res.Log, &res.Checkpointed); err != nil {
		return fmt.Errorf("checkpoint after erasure: %w", err)
	}
	if res.Busy != 0 {
		return fmt.Errorf("checkpoint after erasure: %w", ErrErasePending)
	}
	return nil
}

func (s *Store) anonymise(tx *gorm.DB, a Actor, id uint, action string) error {
	var c models.Candidate
	if err := tx.Omit("cv_data").First(&c, id).Error; err != nil {
		return translate(err)
	}
	if c.Anonymized {
		return nil
	}
	if err := tx.Model(&models.Candidate{}).Where("id = ?", id).Updates(map[string]any{
		"full_name": fmt.Sprintf("#%d", id), "email": "", "phone": "", "education": "", "experience_years": "",
		"languages": "", "source": "", "notes": "", "cv_name": "", "cv_data": nil, "anonymized": true,
		"version": c.Version + 1, "updated_at": s.now().UTC()}).Error; err != nil {
		return err
	}
	if err := tx.Model(&models.StageChange{}).Where("candidate_id = ?", id).Update("reason", "").Error; err != nil {
		return err
	}
	ivIDs := tx.Model(&models.Interview{}).Select("id").Where("candidate_id = ?", id)
	if err := tx.Model(&models.InterviewAssignment{}).Where("interview_id IN (?)", ivIDs).Update("notes", "").Error; err != nil {
		return err
	}
	if err := tx.Model(&models.InterviewScore{}).Where("interview_id IN (?)", ivIDs).Update("notes", "").Error; err != nil {
		return err
	}
	return s.logCandidateChange(tx, a, action, "candidate", fmt.Sprint(id), map[string]any{"stage": c.Stage}, map[string]any{"anonymized": true})
}

// AnonymiseRejectedBefore anonymises the rejected and withdrawn candidates
// whose latest stage change (the rejection or withdrawal) is dated before the given date (the retention period,
// e.g. 24 months before today), and returns how many (HR).
func (s *Store) AnonymiseRejectedBefore(a Actor, before models.Date) (int, error) {
	if err := s.require(a, OpManageCandidates); err != nil {
		return 0, err
	}
	n := 0
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var ids []uint
		err := tx.Model(&models.Candidate{}).Where("anonymized = ? AND stage IN ?", false, []models.Stage{models.StageRejected, models.StageWithdrawn}).
			Where("(SELECT sc.\"on\" FROM stage_changes sc WHERE sc.candidate_id = candidates.id ORDER BY sc.id DESC LIMIT 1) < ?", before).
			Pluck("id", &ids).Error
		if err != nil {
			return err
		}
		for _, id := range ids {
			if err := s.anonymise(tx, a, id, "retention"); err != nil {
				return err
			}
		}
		n = len(ids)
		return nil
	})
	if err == nil && n > 0 {
		err = s.eraseFreedContent()
	}
	if err != nil {
		return 0, fmt.Errorf("anonymise candidates rejected before %s: %w", before, err)
	}
	return n, nil
}
