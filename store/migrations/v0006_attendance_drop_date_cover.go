package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// Migration 0006 drops the date-first covering index of attendance. Every
// row an import wrote had to go to a random place in it (or the index had to
// be rebuilt), while the yearly read is as fast without it: it now seeks
// each agent's range of the year in the (agent_id, date) unique index, and
// an agent's days, written in order, lie together in the table.
func init() {
	register(&gormigrate.Migration{
		ID: "0006_attendance_drop_date_cover",
		Migrate: func(tx *gorm.DB) error {
			return tx.Exec("DROP INDEX IF EXISTS ix_att_cover").Error
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Exec("CREATE INDEX IF NOT EXISTS ix_att_cover ON attendance_days (date, agent_id, status, late_minutes, early_leave_minutes)").Error
		},
	})
}
