package store

import (
	"context"
	"crypto/sha256"
	"database/sql/driver"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/recruiting"
)

// ErrErasePending says that an erasure was committed but another connection
// kept the WAL checkpoint from completing, so old page images may remain in
// the -wal file until the next checkpoint (the next erasure or retention run).
var ErrErasePending = errors.New("the candidate's data is erased, but another open connection kept the database file from being cleaned; it is cleaned at the next start")

// CandidateExport is everything Sullam holds about one candidate record
// (PDPL subject access): the candidate's fields (the CV as metadata in CV,
// not its bytes), the job applied for, the moves through the pipeline with
// their reasons, the interviews with their kits, interviewers' verdicts and
// scores with notes, and the audit-log entries about the record.
type CandidateExport struct {
	Candidate     models.Candidate // CVData left empty: see CV
	CV            *AttachmentInfo  // nil when no CV is attached
	JobCode       string
	StageHistory  []models.StageChange
	Interviews    []models.Interview
	Assignments   []models.InterviewAssignment
	Scores        []models.InterviewScore
	InterviewKits []models.InterviewQuestion
	AuditEntries  []models.AuditLog
}

// AttachmentInfo describes an attached file without its content.
type AttachmentInfo struct {
	Name   string
	Bytes  int
	SHA256 string
}

// ExportCandidate gathers everything held about one candidate record (HR)
// and logs the export.
func (r *Recruitment) ExportCandidate(ctx context.Context, a Actor, id uint) (CandidateExport, error) {
	s := r.s
	s = s.withContext(ctx)
	var x CandidateExport
	if err := s.require(a, OpManageCandidates); err != nil {
		return x, err
	}
	if err := s.db.First(&x.Candidate, id).Error; err != nil {
		return x, fmt.Errorf("export candidate #%d: %w", id, translate(err))
	}
	if len(x.Candidate.CVData) > 0 || x.Candidate.CVName != "" {
		sum := sha256.Sum256(x.Candidate.CVData)
		x.CV = &AttachmentInfo{Name: x.Candidate.CVName, Bytes: len(x.Candidate.CVData), SHA256: hex.EncodeToString(sum[:])}
	}
	x.Candidate.CVData = nil
	var j models.JobDescription
	if s.db.First(&j, x.Candidate.JobID).Error == nil {
		x.JobCode = j.Code
	}
	var ivs []uint
	if err := s.db.Model(&models.Interview{}).Where("candidate_id = ?", id).Order("id").Pluck("id", &ivs).Error; err != nil {
		return x, fmt.Errorf("export candidate #%d: %w", id, err)
	}
	audit := s.db.Where("entity IN ? AND entity_key = ?", []string{"candidate", "candidate_cv"}, fmt.Sprint(id))
	for _, iv := range ivs {
		audit = audit.Or("entity = ? AND (entity_key = ? OR entity_key LIKE ?)", "interview", fmt.Sprint(iv), fmt.Sprintf("%d/%%", iv))
	}
	for _, step := range []error{
		s.db.Where("candidate_id = ?", id).Order("id").Find(&x.StageHistory).Error,
		s.db.Where("candidate_id = ?", id).Order("id").Find(&x.Interviews).Error,
		s.db.Where("interview_id IN ?", append(ivs, 0)).Order("interview_id, user_id").Find(&x.Assignments).Error,
		s.db.Where("interview_id IN ?", append(ivs, 0)).Order("interview_id, user_id, question_id").Find(&x.Scores).Error,
		s.db.Where("interview_id IN ?", append(ivs, 0)).Order("interview_id, sort").Find(&x.InterviewKits).Error,
		s.db.Model(&models.AuditLog{}).Where(audit).Order("id").Find(&x.AuditEntries).Error,
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

// CandidateSubject resolves a person named by the command line's EMAIL|ID
// to their candidate records (HR), oldest first: by number, that record and
// every other with the same e-mail; by e-mail (any case), every record with
// it. A person who applied twice is one subject of a request.
func (r *Recruitment) CandidateSubject(ctx context.Context, a Actor, ref string) ([]uint, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return nil, err
	}
	ref = strings.TrimSpace(ref)
	email := strings.ToLower(ref)
	if n, err := strconv.ParseUint(strings.TrimPrefix(ref, "#"), 10, 32); err == nil {
		var c models.Candidate
		if err := s.db.Select("id", "email").First(&c, uint(n)).Error; err != nil {
			return nil, fmt.Errorf("candidate #%d: %w", n, translate(err))
		}
		email = strings.ToLower(strings.TrimSpace(c.Email))
		if email == "" {
			return []uint{c.ID}, nil
		}
	}
	if email == "" || !strings.Contains(email, "@") {
		return nil, fmt.Errorf("candidate %q: want an e-mail address or a candidate number: %w", ref, models.ErrInvalid)
	}
	var ids []uint
	if err := s.db.Model(&models.Candidate{}).Where("LOWER(TRIM(email)) = ?", email).Order("id").Pluck("id", &ids).Error; err != nil {
		return nil, fmt.Errorf("candidate %s: %w", ref, err)
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("candidate %s: %w", ref, models.ErrNotFound)
	}
	return ids, nil
}

// DeleteCandidate deletes a candidate with their stage history, interviews
// and scores (HR). A hired candidate (linked to an agent) cannot be deleted:
// anonymise them instead.
func (r *Recruitment) DeleteCandidate(ctx context.Context, a Actor, id uint) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var c models.Candidate
		if err := tx.Omit("cv_data").First(&c, id).Error; err != nil {
			return translate(err)
		}
		if !recruiting.Deletable(c) {
			return models.Invalid("error.candidate_linked", nil, "candidate is linked to an agent")
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
		err = s.cleanFileAfterErasure()
	}
	if err != nil {
		return fmt.Errorf("delete candidate #%d: %w", id, err)
	}
	return nil
}

// AnonymiseCandidate removes what identifies a candidate (name, contact,
// education, languages, source, notes, CV, free-text reasons and interview
// notes) and keeps the stages and scores for statistics (HR).
func (r *Recruitment) AnonymiseCandidate(ctx context.Context, a Actor, id uint) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error { return s.anonymise(tx, a, id, "anonymise") })
	if err != nil {
		return fmt.Errorf("anonymise candidate #%d: %w", id, err)
	}
	if err := s.cleanFileAfterErasure(); err != nil {
		return fmt.Errorf("anonymise candidate #%d: %w", id, err)
	}
	return nil
}

// eraseFreedContent makes an erasure reach the disk. On SQLite every
// connection runs with secure_delete (SQLiteDSN), so the rows' old content
// is zeroed where it was (freed pages, cell slack, overflow pages of old CV
// versions); what remains are the WAL's page images of the rows before the
// change and whatever free pages or slack a file kept from before
// secure_delete was on. So: checkpoint the WAL and truncate it; the first
// time on a file, also rewrite it with VACUUM (no free page survives) and
// checkpoint again (in WAL mode VACUUM writes the new pages to the WAL),
// then mark the file in app_meta. Later erasures need only the checkpoint:
// the raw-file erasure tests pass without the VACUUM on a file that had
// secure_delete from its creation, and fail on one that had not (see
// TestFirstErasureVacuumsOldFile). On PostgreSQL it runs VACUUM
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
	done, err := getMeta(s.db, metaSecureVacuumed)
	if err != nil || done == "1" {
		return err
	}
	if err := s.vacuumOnDisk(); err != nil {
		return fmt.Errorf("vacuum after erasure: %w", err)
	}
	if _, err := s.putMeta(s.db, metaSecureVacuumed, "1"); err != nil {
		return err
	}
	return s.checkpointTruncate()
}

// vacuumOnDisk runs VACUUM on one connection switched to temp_store = FILE
// for it: every connection keeps its temporary tables in memory (see
// sqliteConnector), and VACUUM builds its copy of the whole database as a
// temporary database (an 80 MB file took 208 MB of memory). The copy holds
// only what the erasure left, and SQLite deletes it at the end.
func (s *Store) vacuumOnDisk() error {
	sqlDB, err := s.db.DB()
	if err != nil {
		return err
	}
	ctx := context.Background()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA temp_store = FILE"); err != nil {
		return err
	}
	_, err = conn.ExecContext(ctx, "VACUUM")
	if _, rerr := conn.ExecContext(ctx, "PRAGMA temp_store = MEMORY"); rerr != nil {
		// A connection that cannot be put back is dropped from the pool.
		conn.Raw(func(any) error { return driver.ErrBadConn })
		return errors.Join(err, rerr)
	}
	return err
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
func (r *Recruitment) AnonymiseRejectedBefore(ctx context.Context, a Actor, before models.Date) (int, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return 0, err
	}
	n := 0
	err := s.db.Transaction(func(tx *gorm.DB) error {
		var err error
		n, err = s.anonymiseRejectedBefore(tx, a, before)
		return err
	})
	if err == nil && n > 0 {
		err = s.cleanFileAfterErasure()
	}
	if err != nil {
		return 0, fmt.Errorf("anonymise candidates rejected before %s: %w", before, err)
	}
	return n, nil
}

// anonymiseRejectedBefore anonymises, inside tx, the rejected and withdrawn
// candidates whose last stage change is dated before the given date.
func (s *Store) anonymiseRejectedBefore(tx *gorm.DB, a Actor, before models.Date) (int, error) {
	var ids []uint
	err := tx.Model(&models.Candidate{}).Where("anonymized = ? AND stage IN ?", false, recruiting.ClosedStages()).
		Where("(SELECT sc.\"on\" FROM stage_changes sc WHERE sc.candidate_id = candidates.id ORDER BY sc.id DESC LIMIT 1) < ?", before).
		Pluck("id", &ids).Error
	if err != nil {
		return 0, err
	}
	for _, id := range ids {
		if err := s.anonymise(tx, a, id, "retention"); err != nil {
			return 0, err
		}
	}
	return len(ids), nil
}
