package store

import (
	"encoding/json"
	"fmt"
	"time"

	"gorm.io/gorm"

	"sullam/models"
)

// logChange writes one audit-log row inside tx: who, when, what, old → new.
// old and new are encoded as JSON (nil stays empty).
func (s *Store) logChange(tx *gorm.DB, a Actor, action, entity, key string, old, new any) error {
	row := models.AuditLog{At: s.now().UTC(), UserID: optID(a.UserID), Username: a.Username,
		Action: action, Entity: entity, EntityKey: key, Old: jsonText(old), New: jsonText(new)}
	if err := tx.Create(&row).Error; err != nil {
		return fmt.Errorf("write audit log %s %s: %w", action, key, err)
	}
	return nil
}

func jsonText(v any) string {
	if v == nil {
		return ""
	}
	if s, ok := v.(string); ok {
		return s
	}
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprintf("%v", v)
	}
	return string(b)
}

// AuditFilter narrows an audit-log listing.
type AuditFilter struct {
	From, To time.Time // zero: unbounded
	Action   string
	Username string
	Limit    int // 0: 500
}

// AuditLog lists audit-log rows, newest first. Admins and managers only.
func (s *Store) AuditLog(a Actor, f AuditFilter) ([]models.AuditLog, error) {
	if err := s.require(a, OpViewAuditLog); err != nil {
		return nil, err
	}
	q := s.db.Model(&models.AuditLog{}).Order("id DESC")
	if !f.From.IsZero() {
		q = q.Where("at >= ?", f.From)
	}
	if !f.To.IsZero() {
		q = q.Where("at < ?", f.To)
	}
	if f.Action != "" {
		q = q.Where("action = ?", f.Action)
	}
	if f.Username != "" {
		q = q.Where("username = ?", f.Username)
	}
	if f.Limit <= 0 {
		f.Limit = 500
	}
	var out []models.AuditLog
	if err := q.Limit(f.Limit).Find(&out).Error; err != nil {
		return nil, fmt.Errorf("list audit log: %w", err)
	}
	return out, nil
}
