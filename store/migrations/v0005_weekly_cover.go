package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// Migration 0005 adds a covering index for the yearly read of weekly reports
// (score and promotions read week_start, agent_id, submitted_on and rating of
// one year), so the read never visits the table rows.
func init() {
	register(&gormigrate.Migration{
		ID: "0005_weekly_cover_index",
		Migrate: func(tx *gorm.DB) error {
			return tx.Exec("CREATE INDEX IF NOT EXISTS ix_weekly_cover ON weekly_reports (week_start, agent_id, submitted_on, rating)").Error
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Exec("DROP INDEX IF EXISTS ix_weekly_cover").Error
		},
	})
}
