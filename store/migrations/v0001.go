package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

func init() {
	register(&gormigrate.Migration{
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
	})
}
