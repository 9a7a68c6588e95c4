package store

import (
	"fmt"
	"strings"

	"gorm.io/gorm"

	"sullam/assets"
	"sullam/models"
	"sullam/scoring"
)

// seedDefaults fills a new database with the default content of the seeds:
// the scoring policy (with the ladder and competencies), the job
// descriptions, the interview question bank and the audit form CS-STD-1.
// It does nothing when a policy is already stored.
func (s *Store) seedDefaults() error {
	var n int64
	if err := s.db.Model(&models.PolicyVersion{}).Count(&n).Error; err != nil {
		return err
	}
	if n > 0 {
		return nil
	}
	c, err := assets.Defaults()
	if err != nil {
		return err
	}
	return s.db.Transaction(func(tx *gorm.DB) error {
		p := scoring.DefaultPolicy()
		p.Version = 1
		if err := s.insertPolicy(tx, p, "system", "default policy of spec/scoring.md"); err != nil {
			return err
		}
		for _, j := range c.Jobs {
			job := models.JobDescription{Code: j.Code, TitleAr: j.TitleAr, TitleEn: j.TitleEn, LadderRole: j.LadderRole,
				LocationAr: j.LocationAr, LocationEn: j.LocationEn, PurposeAr: j.PurposeAr, PurposeEn: j.PurposeEn,
				ResponsibilitiesAr: lines(j.ResponsibilitiesAr), ResponsibilitiesEn: lines(j.ResponsibilitiesEn),
				QualificationsAr: lines(j.QualificationsAr), QualificationsEn: lines(j.QualificationsEn),
				SkillsAr: lines(j.SkillsAr), SkillsEn: lines(j.SkillsEn), Version: 1}
			if err := tx.Create(&job).Error; err != nil {
				return fmt.Errorf("seed job %s: %w", j.Code, err)
			}
		}
		for i, cat := range c.Categories {
			if err := tx.Create(&models.QuestionCategory{Code: cat.Code, NameAr: cat.NameAr, NameEn: cat.NameEn, Sort: i + 1}).Error; err != nil {
				return fmt.Errorf("seed category %s: %w", cat.Code, err)
			}
		}
		for _, q := range c.Questions {
			row := models.Question{Code: q.Code, CategoryCode: q.Category, TextAr: q.TextAr, TextEn: q.TextEn, Competency: q.Competency,
				Guide1Ar: q.Guide1Ar, Guide1En: q.Guide1En, Guide3Ar: q.Guide3Ar, Guide3En: q.Guide3En, Guide5Ar: q.Guide5Ar, Guide5En: q.Guide5En, Version: 1}
			if err := tx.Omit("Category").Create(&row).Error; err != nil {
				return fmt.Errorf("seed question %s: %w", q.Code, err)
			}
		}
		f := c.AuditForm
		form := models.AuditForm{Code: f.Code, FormVer: max(f.Version, 1), NameAr: f.NameAr, NameEn: f.NameEn}
		for i, it := range f.Items {
			form.Items = append(form.Items, models.AuditFormItem{Code: it.Code, TextAr: it.TextAr, TextEn: it.TextEn, Weight: it.Weight, Critical: it.Critical, Sort: i + 1})
		}
		if err := tx.Create(&form).Error; err != nil {
			return fmt.Errorf("seed audit form %s: %w", f.Code, err)
		}
		return nil
	})
}

func lines(items []string) string { return strings.Join(items, "\n") }
