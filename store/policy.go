package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/scoring"
)

// Policy returns the newest scoring policy version.
func (s *Store) Policy(ctx context.Context) (scoring.Policy, error) {
	s = s.withContext(ctx)
	return s.policyTx(s.db, 0)
}

// PolicyVersion returns one stored version of the scoring policy.
func (s *Store) PolicyVersion(ctx context.Context, version int) (scoring.Policy, error) {
	s = s.withContext(ctx)
	return s.policyTx(s.db, version)
}

func (s *Store) policyTx(tx *gorm.DB, version int) (scoring.Policy, error) {
	var row models.PolicyVersion
	q := tx.Order("version DESC")
	if version > 0 {
		q = q.Where("version = ?", version)
	}
	if err := q.First(&row).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return scoring.Policy{}, fmt.Errorf("load policy version %d: %w", version, models.ErrNotFound)
		}
		return scoring.Policy{}, fmt.Errorf("load policy version %d: %w", version, err)
	}
	var p scoring.Policy
	if err := json.Unmarshal([]byte(row.Data), &p); err != nil {
		return scoring.Policy{}, fmt.Errorf("decode policy version %d: %w", row.Version, err)
	}
	p.Version = row.Version
	return p, nil
}

// PolicyVersions lists the stored policy versions, newest first.
func (s *Store) PolicyVersions(ctx context.Context) ([]models.PolicyVersion, error) {
	s = s.withContext(ctx)
	var out []models.PolicyVersion
	if err := s.db.Order("version DESC").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list policy versions: %w", err)
	}
	return out, nil
}

// SavePolicy validates p and stores it as a new version; admins only. The
// ladder and competency tables follow the new version. Finalized evaluations
// keep the version they used.
func (s *Store) SavePolicy(ctx context.Context, a Actor, p scoring.Policy, note string) (scoring.Policy, error) {
	s = s.withContext(ctx)
	if err := s.require(a, OpEditPolicy); err != nil {
		return scoring.Policy{}, err
	}
	if err := p.Validate(); err != nil {
		return scoring.Policy{}, fmt.Errorf("save policy: %w", err)
	}
	err := s.db.Transaction(func(tx *gorm.DB) error {
		old, err := s.policyTx(tx, 0)
		if err != nil {
			return err
		}
		p.Version = old.Version + 1
		if err := s.insertPolicy(tx, p, a.Username, note); err != nil {
			return err
		}
		return s.logChange(tx, a, "update", "policy", fmt.Sprint(p.Version), old, p)
	})
	if err != nil {
		return scoring.Policy{}, translate(err)
	}
	return p, nil
}

func (s *Store) insertPolicy(tx *gorm.DB, p scoring.Policy, by, note string) error {
	data, err := json.Marshal(p)
	if err != nil {
		return fmt.Errorf("encode policy: %w", err)
	}
	row := models.PolicyVersion{Version: p.Version, Data: string(data), CreatedAt: s.now().UTC(), CreatedBy: by, Note: note}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("store policy version %d: %w", p.Version, err)
	}
	return s.syncPolicyTables(tx, p)
}

// syncPolicyTables mirrors the policy's ladder and competencies in their tables.
func (s *Store) syncPolicyTables(tx *gorm.DB, p scoring.Policy) error {
	for i, l := range p.Ladder {
		row := models.LadderRole{Code: l.Code, NameAr: l.NameAr, NameEn: l.NameEn, Rank: i + 1, NextCode: l.Next}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("store ladder role %s: %w", l.Code, err)
		}
	}
	if err := tx.Model(&models.Competency{}).Where("1 = 1").Update("active", false).Error; err != nil {
		return fmt.Errorf("retire competencies: %w", err)
	}
	for i, c := range p.Competencies {
		row := models.Competency{Code: c.Code, NameAr: c.NameAr, NameEn: c.NameEn, DescriptionAr: c.DescriptionAr,
			DescriptionEn: c.DescriptionEn, Weight: c.Weight, Sort: i + 1, Active: true}
		if err := tx.Save(&row).Error; err != nil {
			return fmt.Errorf("store competency %s: %w", c.Code, err)
		}
	}
	return nil
}

// Ladder returns the career ladder, bottom first.
func (s *Store) Ladder(ctx context.Context) ([]models.LadderRole, error) {
	s = s.withContext(ctx)
	var out []models.LadderRole
	if err := s.db.Order("rank").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list ladder: %w", err)
	}
	return out, nil
}

// Competencies returns the active supervisor-review competencies in order.
func (s *Store) Competencies(ctx context.Context) ([]models.Competency, error) {
	s = s.withContext(ctx)
	var out []models.Competency
	if err := s.db.Where("active = ?", true).Order("sort").Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list competencies: %w", err)
	}
	return out, nil
}
