package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v4AuditForm is the frozen part of audit_forms that migration 0004 adds:
// an optimistic version for edits of a form version in place.
type v4AuditForm struct {
	Version int `gorm:"not null;default:1"`
}

func (v4AuditForm) TableName() string { return "audit_forms" }

func init() {
	register(&gormigrate.Migration{
		ID: "0004_audit_form_version",
		Migrate: func(tx *gorm.DB) error {
			if tx.Migrator().HasColumn(&v4AuditForm{}, "Version") {
				return nil
			}
			return tx.Migrator().AddColumn(&v4AuditForm{}, "Version")
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropColumn(&v4AuditForm{}, "Version")
		},
	})
}
