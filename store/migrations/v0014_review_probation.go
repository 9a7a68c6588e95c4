package migrations

import (
	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v14Review is the column migration 0014 adds to reviews, frozen.
type v14Review struct {
	// Probation marks the 90-day review of a new hire: it is kept apart
	// from the annual supervisor score.
	Probation bool `gorm:"not null;default:false"`
}

func (v14Review) TableName() string { return "reviews" }

// Migration 0014 adds reviews.probation: the supervisor's competency review
// of a new hire at the end of the 90-day probation. Existing reviews are
// all ordinary ones and stay false.
func init() {
	register(&gormigrate.Migration{
		ID: "0014_review_probation",
		Migrate: func(tx *gorm.DB) error {
			if tx.Migrator().HasColumn(&v14Review{}, "Probation") {
				return nil
			}
			return tx.Migrator().AddColumn(&v14Review{}, "Probation")
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropColumn(&v14Review{}, "Probation")
		},
	})
}
