package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v11Promotion is the column migration 0011 adds to promotions, frozen.
type v11Promotion struct {
	// Exception marks the promotion of an agent who was not ready, decided
	// on a written justification.
	Exception bool `gorm:"not null;default:false"`
}

func (v11Promotion) TableName() string { return "promotions" }

// Migration 0011 adds promotions.exception: a promotion approved for an agent
// who was not ready for it (the reason is then the written justification).
// Existing decisions were all taken before the rule and stay false.
func init() {
	register(&gormigrate.Migration{
		ID: "0011_promotion_exception",
		Migrate: func(tx *gorm.DB) error {
			if tx.Migrator().HasColumn(&v11Promotion{}, "Exception") {
				return nil
			}
			return tx.Migrator().AddColumn(&v11Promotion{}, "Exception")
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropColumn(&v11Promotion{}, "Exception")
		},
	})
}
