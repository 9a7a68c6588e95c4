package store

import (
	"context"
	"fmt"
	"regexp"
	"strconv"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/recruiting"
)

// ListJobs lists the job descriptions, sorted by code; archived ones only
// when withArchived is set.
func (r *Recruitment) ListJobs(ctx context.Context, a Actor, withArchived bool) ([]models.JobDescription, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewJobs) && !a.Can(OpViewCandidates) {
		return nil, s.deny(a, OpViewJobs, "")
	}
	q := s.db.Model(&models.JobDescription{})
	if !withArchived {
		q = q.Where("archived = ?", false)
	}
	var out []models.JobDescription
	if err := q.Order("code").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list jobs: %w", err)
	}
	return out, nil
}

// Job returns one job description.
func (r *Recruitment) Job(ctx context.Context, a Actor, id uint) (models.JobDescription, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return models.JobDescription{}, err
	}
	if !a.Can(OpViewJobs) && !a.Can(OpViewCandidates) {
		return models.JobDescription{}, s.deny(a, OpViewJobs, fmt.Sprint(id))
	}
	var j models.JobDescription
	if err := s.db.First(&j, id).Error; err != nil {
		return j, fmt.Errorf("job #%d: %w", id, translate(err))
	}
	return j, nil
}

// validateJob applies recruiting.NormalizeJob to j and checks, inside tx,
// that its ladder role is on the career ladder.
func validateJob(tx *gorm.DB, j *models.JobDescription) error {
	if err := recruiting.NormalizeJob(j); err != nil {
		return err
	}
	var n int64
	if err := tx.Model(&models.LadderRole{}).Where("code = ?", j.LadderRole).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return models.Invalid("error.role_not_on_ladder", map[string]any{"Role": j.LadderRole}, "ladder role %q is not on the career ladder", j.LadderRole)
	}
	return nil
}

func jobView(j models.JobDescription) map[string]any {
	return map[string]any{"code": j.Code, "title_ar": j.TitleAr, "title_en": j.TitleEn, "ladder_role": j.LadderRole,
		"location_en": j.LocationEn, "archived": j.Archived, "version": j.Version}
}

// SaveJob creates (ID 0) or updates a job description (HR). An update whose
// Version is not the stored one is refused with ErrStale.
func (r *Recruitment) SaveJob(ctx context.Context, a Actor, j models.JobDescription) (models.JobDescription, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageJobs); err != nil {
		return j, err
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := validateJob(tx, &j); err != nil {
			return err
		}
		if j.ID == 0 {
			j.Version = 1
			if err := tx.Create(&j).Error; err != nil {
				return translate(err)
			}
			return s.logChange(tx, a, "create", "job", j.Code, nil, jobView(j))
		}
		var old models.JobDescription
		if err := tx.First(&old, j.ID).Error; err != nil {
			return translate(err)
		}
		res := tx.Model(&models.JobDescription{}).Where("id = ? AND version = ?", j.ID, j.Version).Updates(map[string]any{
			"code": j.Code, "title_ar": j.TitleAr, "title_en": j.TitleEn, "ladder_role": j.LadderRole,
			"location_ar": j.LocationAr, "location_en": j.LocationEn, "purpose_ar": j.PurposeAr, "purpose_en": j.PurposeEn,
			"responsibilities_ar": j.ResponsibilitiesAr, "responsibilities_en": j.ResponsibilitiesEn,
			"qualifications_ar": j.QualificationsAr, "qualifications_en": j.QualificationsEn,
			"skills_ar": j.SkillsAr, "skills_en": j.SkillsEn, "archived": j.Archived,
			"version": j.Version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		j.Version++
		return s.logChange(tx, a, "update", "job", j.Code, jobView(old), jobView(j))
	})
	if err != nil {
		return j, fmt.Errorf("save job %s: %w", j.Code, err)
	}
	return j, nil
}

// JobFromTemplate returns a new, unsaved job description copied from the job
// with ID templateID (e.g. the seeded CSR or CSO), with an unused code.
func (r *Recruitment) JobFromTemplate(ctx context.Context, a Actor, templateID uint) (models.JobDescription, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageJobs); err != nil {
		return models.JobDescription{}, err
	}
	var t models.JobDescription
	if err := s.db.First(&t, templateID).Error; err != nil {
		return t, fmt.Errorf("job template #%d: %w", templateID, translate(err))
	}
	j := recruiting.FromTemplate(t)
	for i := 2; ; i++ {
		code := recruiting.TemplateCode(t.Code, i)
		var n int64
		if err := s.db.Model(&models.JobDescription{}).Where("code = ?", code).Count(&n).Error; err != nil {
			return j, fmt.Errorf("job template %s: %w", t.Code, err)
		}
		if n == 0 {
			j.Code = code
			return j, nil
		}
	}
}

// SetJobArchived archives or restores a job description (HR).
func (r *Recruitment) SetJobArchived(ctx context.Context, a Actor, id uint, version int, archived bool) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageJobs); err != nil {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		var j models.JobDescription
		if err := tx.First(&j, id).Error; err != nil {
			return fmt.Errorf("archive job #%d: %w", id, translate(err))
		}
		res := tx.Model(&models.JobDescription{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"archived": archived, "version": version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return fmt.Errorf("archive job %s: %w", j.Code, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("archive job %s: %w", j.Code, models.ErrStale)
		}
		return s.logChange(tx, a, "update", "job", j.Code, map[string]any{"archived": j.Archived}, map[string]any{"archived": archived})
	})
}

// ListQuestionCategories lists the question categories in their order.
func (r *Recruitment) ListQuestionCategories(ctx context.Context, a Actor) ([]models.QuestionCategory, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewJobs) && !a.Can(OpViewCandidates) {
		return nil, s.deny(a, OpViewJobs, "categories")
	}
	var out []models.QuestionCategory
	if err := s.db.Order("sort").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list question categories: %w", err)
	}
	return out, nil
}

// ListQuestions lists the question bank by category and code; retired
// questions only when withRetired is set.
func (r *Recruitment) ListQuestions(ctx context.Context, a Actor, withRetired bool) ([]models.Question, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.checkSession(a); err != nil {
		return nil, err
	}
	if !a.Can(OpViewJobs) && !a.Can(OpViewCandidates) {
		return nil, s.deny(a, OpViewJobs, "questions")
	}
	q := s.db.Model(&models.Question{}).Joins("JOIN question_categories ON question_categories.code = questions.category_code")
	if !withRetired {
		q = q.Where("questions.retired = ?", false)
	}
	var out []models.Question
	if err := q.Order("question_categories.sort, questions.code").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list questions: %w", err)
	}
	return out, nil
}

var questionCode = regexp.MustCompile(`^Q(\d+)$`)

// nextQuestionCode returns Qnn, one more than the highest Qnn code in use.
func nextQuestionCode(tx *gorm.DB) (string, error) {
	var codes []string
	if err := tx.Model(&models.Question{}).Pluck("code", &codes).Error; err != nil {
		return "", err
	}
	max := 0
	for _, c := range codes {
		if m := questionCode.FindStringSubmatch(c); m != nil {
			if n, _ := strconv.Atoi(m[1]); n > max {
				max = n
			}
		}
	}
	return fmt.Sprintf("Q%02d", max+1), nil
}

func questionView(q models.Question) map[string]any {
	return map[string]any{"code": q.Code, "category": q.CategoryCode, "text_ar": q.TextAr, "text_en": q.TextEn,
		"competency": q.Competency, "retired": q.Retired, "version": q.Version}
}

// SaveQuestion creates (ID 0) or updates a question of the bank (HR). A new
// question without a code gets the next free Qnn code; codes are unique.
func (r *Recruitment) SaveQuestion(ctx context.Context, a Actor, q models.Question) (models.Question, error) {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageQuestions); err != nil {
		return q, err
	}
	q.Category = nil
	err := s.db.Transaction(func(tx *gorm.DB) error {
		if err := recruiting.NormalizeQuestion(&q); err != nil {
			return err
		}
		var n int64
		if err := tx.Model(&models.QuestionCategory{}).Where("code = ?", q.CategoryCode).Count(&n).Error; err != nil {
			return err
		}
		if n == 0 {
			return models.Invalid("error.unknown_category", map[string]any{"Category": q.CategoryCode}, "question category %q", q.CategoryCode)
		}
		if q.Code == "" {
			code, err := nextQuestionCode(tx)
			if err != nil {
				return err
			}
			q.Code = code
		}
		if err := tx.Model(&models.Question{}).Where("code = ? AND id <> ?", q.Code, q.ID).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return fmt.Errorf("question code %s: %w", q.Code, models.ErrAlreadyExists)
		}
		if q.ID == 0 {
			q.Version = 1
			if err := tx.Omit("Category").Create(&q).Error; err != nil {
				return translate(err)
			}
			return s.logChange(tx, a, "create", "question", q.Code, nil, questionView(q))
		}
		var old models.Question
		if err := tx.First(&old, q.ID).Error; err != nil {
			return translate(err)
		}
		res := tx.Model(&models.Question{}).Where("id = ? AND version = ?", q.ID, q.Version).Updates(map[string]any{
			"code": q.Code, "category_code": q.CategoryCode, "text_ar": q.TextAr, "text_en": q.TextEn, "competency": q.Competency,
			"guide1_ar": q.Guide1Ar, "guide1_en": q.Guide1En, "guide3_ar": q.Guide3Ar, "guide3_en": q.Guide3En,
			"guide5_ar": q.Guide5Ar, "guide5_en": q.Guide5En, "retired": q.Retired,
			"version": q.Version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return translate(res.Error)
		}
		if res.RowsAffected == 0 {
			return models.ErrStale
		}
		q.Version++
		return s.logChange(tx, a, "update", "question", q.Code, questionView(old), questionView(q))
	})
	if err != nil {
		return q, fmt.Errorf("save question %s: %w", q.Code, err)
	}
	return q, nil
}

// SetQuestionRetired retires (or restores) a question (HR). A retired
// question is no longer offered for new interview kits but stays on the
// interviews that used it.
func (r *Recruitment) SetQuestionRetired(ctx context.Context, a Actor, id uint, version int, retired bool) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageQuestions); err != nil {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		var q models.Question
		if err := tx.First(&q, id).Error; err != nil {
			return fmt.Errorf("retire question #%d: %w", id, translate(err))
		}
		res := tx.Model(&models.Question{}).Where("id = ? AND version = ?", id, version).
			Updates(map[string]any{"retired": retired, "version": version + 1, "updated_at": s.now().UTC()})
		if res.Error != nil {
			return fmt.Errorf("retire question %s: %w", q.Code, res.Error)
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("retire question %s: %w", q.Code, models.ErrStale)
		}
		return s.logChange(tx, a, "update", "question", q.Code, map[string]any{"retired": q.Retired}, map[string]any{"retired": retired})
	})
}
