// Package migrations holds Sullam's versioned schema migrations. Each migration
// keeps a frozen copy of the structs it migrates, so that a later change to
// models never rewrites history.
package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// List returns every migration in order.
func List() []*gormigrate.Migration {
	return []*gormigrate.Migration{
		{
			ID: "0001_initial_schema",
			Migrate: func(tx *gorm.DB) error {
				if err := tx.AutoMigrate(v0001Models...); err != nil {
					return err
				}
				// Covering index for the yearly attendance scan: one range read, no table lookups.
				return tx.Exec("CREATE INDEX IF NOT EXISTS ix_att_cover ON attendance_days (date, agent_id, status, late_minutes, early_leave_minutes)").Error
			},
			Rollback: func(tx *gorm.DB) error {
				for i := len(v0001Models) - 1; i >= 0; i-- {
					if err := tx.Migrator().DropTable(v0001Models[i]); err != nil {
						return err
					}
				}
				return nil
			},
		},
	}
}

// Run applies every pending migration.
func Run(db *gorm.DB) error {
	m := gormigrate.New(db, &gormigrate.Options{TableName: "schema_migrations", IDColumnName: "id", IDColumnSize: 255, UseTransaction: true}, List())
	if err := m.Migrate(); err != nil {
		return fmt.Errorf("run migrations: %w", err)
	}
	return nil
}

// Latest returns the ID of the newest migration.
func Latest() string {
	l := List()
	return l[len(l)-1].ID
}
