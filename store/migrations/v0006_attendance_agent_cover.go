package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// Migration 0006 turns the covering index of attendance around: agent first
// (agent_id, date, status, late_minutes, early_leave_minutes) instead of date
// first. An import, sorted by agent and date, then appends to it in order
// (the date-first index took a random write per row, or a rebuild), and the
// yearly read seeks each agent's range of the year in it without visiting
// the table rows.
func init() {
	register(&gormigrate.Migration{
		ID: "0006_attendance_agent_cover",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec("DROP INDEX IF EXISTS ix_att_cover").Error; err != nil {
				return err
			}
			return tx.Exec("CREATE INDEX IF NOT EXISTS ix_att_agent_cover ON attendance_days (agent_id, date, status, late_minutes, early_leave_minutes)").Error
		},
		Rollback: func(tx *gorm.DB) error {
			if err := tx.Exec("DROP INDEX IF EXISTS ix_att_agent_cover").Error; err != nil {
				return err
			}
			return tx.Exec("CREATE INDEX IF NOT EXISTS ix_att_cover ON attendance_days (date, agent_id, status, late_minutes, early_leave_minutes)").Error
		},
	})
}
