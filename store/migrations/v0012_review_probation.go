package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v12Review is the column migration 0012 adds to reviews, frozen.
type v12Review struct {
	// Probation marks the 90-day review of a new hire: it is kept apart
	// from the annual supervisor score.
	Probation bool `gorm:"not null;default:false"`
}

func (v12Review) TableName() string { return "reviews" }

// Migration 0012 adds reviews.probation: the supervisor's competency review
// of a new hire at the end of the 90-day probation. Existing reviews are
// all ordinary ones and stay false.
func init() {
	register(&gormigrate.Migration{
		ID: "0012_review_probation",
		Migrate: func(tx *gorm.DB) error {
			if tx.Migrator().HasColumn(&v12Review{}, "Probation") {
				return nil
			}
			return tx.Migrator().AddColumn(&v12Review{}, "Probation")
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropColumn(&v12Review{}, "Probation")
		},
	})
}
