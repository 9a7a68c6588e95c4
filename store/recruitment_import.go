package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/models"
)

// ImportCandidates imports candidates (HR), keyed by e-mail ignoring case:
// a stored candidate with the row's e-mail and the same values is
// unchanged, one with other values is updated, any other row is inserted
// and starts in the applied stage. A candidate without an e-mail has no
// key: a row without one equal to a stored candidate without one (every
// column of the file the same) is unchanged, each stored candidate matching
// one row at most, so that importing the same file again or an export back
// changes nothing; any other such row is inserted. The audit log of an
// update names the fields changed, never a candidate's values.
func (r *Recruitment) ImportCandidates(a Actor, src ImportSource, rows []models.CandidateRow) (models.ImportResult, error) {
	s := r.s
	if err := s.require(a, OpManageCandidates); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindCandidates); err != nil {
			return err
		}
		jobID, errs, err := candidateJobs(tx, rows)
		if err != nil {
			return err
		}
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		var stored []models.Candidate
		if err := tx.Omit("cv_data").Where("email <> ''").Find(&stored).Error; err != nil {
			return fmt.Errorf("read stored candidates: %w", err)
		}
		byEmail := make(map[string]*models.Candidate, len(stored))
		for i := range stored {
			byEmail[strings.ToLower(stored[i].Email)] = &stored[i]
		}
		var keyless []models.Candidate
		if err := tx.Omit("cv_data").Where("email = '' OR email IS NULL").Order("id").Find(&keyless).Error; err != nil {
			return fmt.Errorf("read stored candidates without an e-mail: %w", err)
		}
		matched := make([]bool, len(keyless))
		log := &updateLog{s: s, a: a}
	rowLoop:
		for _, r := range rows {
			c := r.Candidate
			c.JobID = jobID[strings.ToUpper(r.JobCode)]
			if c.Email == "" {
				for i := range keyless {
					if !matched[i] && sameCandidate(&keyless[i], &c, r.Present) {
						matched[i] = true
						res.Unchanged++
						continue rowLoop
					}
				}
			}
			if old, ok := byEmail[strings.ToLower(c.Email)]; ok && c.Email != "" {
				ch := candidateChanges(old, &c, r.Present)
				if len(ch) == 0 {
					res.Unchanged++
					continue
				}
				upd := map[string]any{"full_name": c.FullName, "job_id": c.JobID, "applied_on": c.AppliedOn,
					"version": gorm.Expr("version + 1"), "updated_at": s.now().UTC()}
				optional(upd, r.Present, map[string]any{"phone": c.Phone, "education": c.Education,
					"experience_years": c.ExperienceYears, "languages": c.Languages, "source": c.Source, "notes": c.Notes})
				if err := tx.Model(&models.Candidate{}).Where("id = ?", old.ID).Updates(upd).Error; err != nil {
					return fmt.Errorf("line %d: update candidate: %w", r.Line, translate(err))
				}
				// the fields changed, not their values (personal data)
				for i := range ch {
					ch[i].old, ch[i].new = "…", "…"
				}
				log.add("candidate", fmt.Sprintf("#%d", old.ID), r.Line, ch)
				res.Updated++
				continue
			}
			if err := insertImportedCandidate(tx, a, src, r.Line, &c); err != nil {
				return err
			}
			if c.Email != "" {
				byEmail[strings.ToLower(c.Email)] = &c
			}
			res.Inserted++
		}
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindCandidates, src, res, len(rows))
	})
	return res, err
}

// candidateJobs reads the jobs' ids by upper-cased code inside tx and
// reports the rows whose job code is none of them.
func candidateJobs(tx *gorm.DB, rows []models.CandidateRow) (map[string]uint, []models.RowError, error) {
	var jobs []models.JobDescription
	if err := tx.Find(&jobs).Error; err != nil {
		return nil, nil, fmt.Errorf("read jobs: %w", err)
	}
	jobID := map[string]uint{}
	for _, j := range jobs {
		jobID[strings.ToUpper(j.Code)] = j.ID
	}
	var errs []models.RowError
	for _, r := range rows {
		if _, ok := jobID[strings.ToUpper(r.JobCode)]; !ok {
			errs = append(errs, models.Msg("import.err.unknown_job", nil, "no job description has this code").Row(r.Line, "job_code", r.JobCode))
		}
	}
	return jobID, errs, nil
}

// candidateChanges lists what the file's candidate c changes of the stored
// old (the optional columns only when present says the file has them; a
// nil present has them all).
func candidateChanges(old, c *models.Candidate, present map[string]bool) changes {
	var ch changes
	ch.add("full_name", old.FullName, c.FullName)
	ch.add("job_id", old.JobID, c.JobID)
	ch.add("applied_on", old.AppliedOn, c.AppliedOn)
	opt := map[string][2]any{"phone": {old.Phone, c.Phone}, "education": {old.Education, c.Education},
		"experience_years": {old.ExperienceYears, c.ExperienceYears}, "languages": {old.Languages, c.Languages},
		"source": {old.Source, c.Source}, "notes": {old.Notes, c.Notes}}
	for _, col := range []string{"phone", "education", "experience_years", "languages", "source", "notes"} {
		if present == nil || present[col] {
			ch.add(col, opt[col][0], opt[col][1])
		}
	}
	return ch
}

// insertImportedCandidate inserts c, of the file's line, as a new applicant
// inside tx, with its applied stage change.
func insertImportedCandidate(tx *gorm.DB, a Actor, src ImportSource, line int, c *models.Candidate) error {
	c.ID = 0
	c.Stage = models.StageApplied
	c.Version = 1
	if err := tx.Omit("Job").Create(c).Error; err != nil {
		return fmt.Errorf("insert candidate: %w", rowConflict(err, src, line, "email", c.Email))
	}
	if err := tx.Create(&models.StageChange{CandidateID: c.ID, To: models.StageApplied, On: c.AppliedOn, ByUserID: a.UserID, Reason: "imported"}).Error; err != nil {
		return fmt.Errorf("line %d: record the applied stage: %w", line, translate(err))
	}
	return nil
}

// sameCandidate reports whether the stored candidate old holds the values
// of the file's candidate c: its name, job and application date, and the
// optional columns the file has (present nil: all of them).
func sameCandidate(old, c *models.Candidate, present map[string]bool) bool {
	if old.FullName != c.FullName || old.JobID != c.JobID || old.AppliedOn != c.AppliedOn {
		return false
	}
	for col, v := range map[string][2]string{"phone": {old.Phone, c.Phone}, "education": {old.Education, c.Education},
		"experience_years": {old.ExperienceYears, c.ExperienceYears}, "languages": {old.Languages, c.Languages},
		"source": {old.Source, c.Source}, "notes": {old.Notes, c.Notes}} {
		if (present == nil || present[col]) && v[0] != v[1] {
			return false
		}
	}
	return true
}

// ImportJobs inserts job descriptions, or updates the one with the same code (HR).
func (r *Recruitment) ImportJobs(a Actor, src ImportSource, rows []models.JobRow) (models.ImportResult, error) {
	s := r.s
	if err := s.require(a, OpManageJobs); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindJobs); err != nil {
			return err
		}
		ladder, err := s.ladderCodes(tx)
		if err != nil {
			return err
		}
		var errs []models.RowError
		for _, r := range rows {
			if !ladder[r.Job.LadderRole] {
				errs = append(errs, models.Msg("import.err.not_ladder_role", nil, "not a role of the career ladder").Row(r.Line, "ladder_role", r.Job.LadderRole))
			}
		}
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		log := &updateLog{s: s, a: a}
		for _, r := range rows {
			j := r.Job
			var old models.JobDescription
			if err := tx.Where("code = ?", j.Code).First(&old).Error; err == nil {
				var c changes
				c.add("title_ar", old.TitleAr, j.TitleAr)
				c.add("title_en", old.TitleEn, j.TitleEn)
				c.add("ladder_role", old.LadderRole, j.LadderRole)
				opt := map[string][2]any{"location_ar": {old.LocationAr, j.LocationAr}, "location_en": {old.LocationEn, j.LocationEn},
					"purpose_ar": {old.PurposeAr, j.PurposeAr}, "purpose_en": {old.PurposeEn, j.PurposeEn},
					"responsibilities_ar": {old.ResponsibilitiesAr, j.ResponsibilitiesAr}, "responsibilities_en": {old.ResponsibilitiesEn, j.ResponsibilitiesEn},
					"qualifications_ar": {old.QualificationsAr, j.QualificationsAr}, "qualifications_en": {old.QualificationsEn, j.QualificationsEn},
					"skills_ar": {old.SkillsAr, j.SkillsAr}, "skills_en": {old.SkillsEn, j.SkillsEn}, "archived": {old.Archived, j.Archived}}
				c.addPresent(r.Present, opt)
				if len(c) == 0 {
					res.Unchanged++
					continue
				}
				log.add("job", j.Code, r.Line, c)
				upd := map[string]any{"title_ar": j.TitleAr, "title_en": j.TitleEn, "ladder_role": j.LadderRole,
					"version": old.Version + 1, "updated_at": s.now().UTC()}
				optional(upd, r.Present, map[string]any{"location_ar": j.LocationAr, "location_en": j.LocationEn,
					"purpose_ar": j.PurposeAr, "purpose_en": j.PurposeEn, "responsibilities_ar": j.ResponsibilitiesAr,
					"responsibilities_en": j.ResponsibilitiesEn, "qualifications_ar": j.QualificationsAr,
					"qualifications_en": j.QualificationsEn, "skills_ar": j.SkillsAr, "skills_en": j.SkillsEn, "archived": j.Archived})
				if err := tx.Model(&models.JobDescription{}).Where("id = ?", old.ID).Updates(upd).Error; err != nil {
					return fmt.Errorf("line %d: update job %s: %w", r.Line, j.Code, translate(err))
				}
				res.Updated++
				continue
			}
			j.ID, j.Version = 0, 1
			if err := tx.Create(&j).Error; err != nil {
				return fmt.Errorf("insert job: %w", rowConflict(err, src, r.Line, "code", j.Code))
			}
			res.Inserted++
		}
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindJobs, src, res, len(rows))
	})
	return res, err
}

// ImportQuestions inserts interview questions, or updates the one with the same code (HR).
func (r *Recruitment) ImportQuestions(a Actor, src ImportSource, rows []models.QuestionRow) (models.ImportResult, error) {
	s := r.s
	if err := s.require(a, OpManageQuestions); err != nil {
		return models.ImportResult{}, err
	}
	var res models.ImportResult
	err := s.importDB(src).Transaction(func(tx *gorm.DB) error {
		if err := s.importLock(tx, models.KindQuestions); err != nil {
			return err
		}
		var cats []string
		if err := tx.Model(&models.QuestionCategory{}).Pluck("code", &cats).Error; err != nil {
			return err
		}
		known := map[string]bool{}
		for _, c := range cats {
			known[c] = true
		}
		var errs []models.RowError
		for _, r := range rows {
			if !known[r.Question.CategoryCode] {
				errs = append(errs, models.Msg("import.err.unknown_category", nil, "no question category has this code").Row(r.Line, "category", r.Question.CategoryCode))
			}
		}
		if len(errs) > 0 {
			return importFail(src, errs)
		}
		log := &updateLog{s: s, a: a}
		for _, r := range rows {
			q := r.Question
			var old models.Question
			if q.Code != "" && tx.Where("code = ?", q.Code).First(&old).Error == nil {
				var c changes
				c.add("category", old.CategoryCode, q.CategoryCode)
				c.add("text_ar", old.TextAr, q.TextAr)
				c.add("text_en", old.TextEn, q.TextEn)
				c.add("competency", old.Competency, q.Competency)
				c.addPresent(r.Present, map[string][2]any{"guide_1_ar": {old.Guide1Ar, q.Guide1Ar}, "guide_1_en": {old.Guide1En, q.Guide1En},
					"guide_3_ar": {old.Guide3Ar, q.Guide3Ar}, "guide_3_en": {old.Guide3En, q.Guide3En},
					"guide_5_ar": {old.Guide5Ar, q.Guide5Ar}, "guide_5_en": {old.Guide5En, q.Guide5En}, "retired": {old.Retired, q.Retired}})
				if len(c) == 0 {
					res.Unchanged++
					continue
				}
				log.add("question", q.Code, r.Line, c)
				upd := map[string]any{"category_code": q.CategoryCode, "text_ar": q.TextAr, "text_en": q.TextEn,
					"competency": q.Competency, "version": old.Version + 1, "updated_at": s.now().UTC()}
				optional(upd, r.Present, map[string]any{"guide_1_ar": q.Guide1Ar, "guide_1_en": q.Guide1En,
					"guide_3_ar": q.Guide3Ar, "guide_3_en": q.Guide3En, "guide_5_ar": q.Guide5Ar, "guide_5_en": q.Guide5En, "retired": q.Retired})
				if err := tx.Model(&models.Question{}).Where("id = ?", old.ID).Updates(upd).Error; err != nil {
					return fmt.Errorf("line %d: update question %s: %w", r.Line, q.Code, translate(err))
				}
				res.Updated++
				continue
			}
			q.ID, q.Version = 0, 1
			if err := tx.Omit("Category").Create(&q).Error; err != nil {
				return fmt.Errorf("insert question: %w", rowConflict(err, src, r.Line, "code", q.Code))
			}
			res.Inserted++
		}
		if err := log.flush(tx); err != nil {
			return err
		}
		return s.finishImport(tx, a, models.KindQuestions, src, res, len(rows))
	})
	return res, err
}

// importColumn maps an optional import column to its database column where
// the two names differ.
var importColumn = map[string]string{"guide_1_ar": "guide1_ar", "guide_1_en": "guide1_en", "guide_3_ar": "guide3_ar",
	"guide_3_en": "guide3_en", "guide_5_ar": "guide5_ar", "guide_5_en": "guide5_en"}

// optional adds to upd the optional columns the file has, so an update
// leaves the absent ones unchanged; a nil present (rows built in code, not
// read from a file) means every column is present.
func optional(upd map[string]any, present map[string]bool, vals map[string]any) {
	for col, v := range vals {
		if present == nil || present[col] {
			if db, ok := importColumn[col]; ok {
				col = db
			}
			upd[col] = v
		}
	}
}
