package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v17ReviewSummary is the table migration 0017 adds, frozen: one agent's
// supervisor reviews dated in one year (probation reviews and reviews
// without a rating left out), each with its ratings (issue 17).
type v17ReviewSummary struct {
	AgentID uint `gorm:"primaryKey;autoIncrement:false"` // references agents(id), ON DELETE CASCADE
	Year    int  `gorm:"primaryKey;autoIncrement:false"`
	Reviews int  // reviews in the list
	// Ratings: per review, in id order, "YYYY-MM-DD=" and its ratings as
	// "code:rating" separated by U+001E; reviews separated by U+001D.
	Ratings string
}

func (v17ReviewSummary) TableName() string { return "review_summaries" }

// v17Create is the table's definition (the same text on SQLite and
// PostgreSQL).
const v17Create = `CREATE TABLE IF NOT EXISTS review_summaries (
	agent_id bigint NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
	year integer NOT NULL,
	reviews integer NOT NULL,
	ratings text NOT NULL,
	PRIMARY KEY (agent_id, year)
)`

// v17Fill returns the statement filling the table from reviews and
// review_ratings, as the store computed the summaries when this migration
// was written.
func v17Fill(dialect string) string {
	year, date, concat, sep, rsep, no := "CAST(substr(v.review_date, 1, 4) AS INTEGER)", "CAST(v.review_date AS TEXT)", "group_concat", "char(29)", "char(30)", "0"
	if dialect == "postgres" {
		year, date, concat, sep, rsep, no = "CAST(EXTRACT(YEAR FROM v.review_date) AS INTEGER)", "to_char(v.review_date, 'YYYY-MM-DD')", "string_agg", "chr(29)", "chr(30)", "false"
	}
	return "INSERT INTO review_summaries (agent_id, year, reviews, ratings) " +
		"SELECT s.agent_id, s.year, COUNT(*), " + concat + "(s.d || '=' || s.r, " + sep + " ORDER BY s.id)" +
		" FROM (SELECT v.id, v.agent_id, " + year + " AS year, " + date + " AS d, " +
		concat + "(r.competency_code || ':' || CAST(r.rating AS TEXT), " + rsep + ") AS r" +
		" FROM reviews v JOIN review_ratings r ON r.review_id = v.id WHERE v.probation = " + no +
		" GROUP BY v.id, v.agent_id, v.review_date) s GROUP BY s.agent_id, s.year"
}

// Migration 0017 adds review_summaries, the per agent-year reviews with
// their ratings that the yearly scoring reads instead of every review and
// rating (issue 17: at 10,000 agents × 7 years, 132,000 reviews and 1.1 M
// ratings read through random pages), and fills it from the rows already
// stored. From then on every write of reviews and review_ratings keeps it
// in the same transaction.
func init() {
	register(&gormigrate.Migration{
		ID: "0017_review_summaries",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec(v17Create).Error; err != nil {
				return fmt.Errorf("create review summaries: %w", err)
			}
			if err := tx.Exec("DELETE FROM review_summaries").Error; err != nil {
				return fmt.Errorf("clear review_summaries: %w", err)
			}
			if err := tx.Exec(v17Fill(tx.Dialector.Name())).Error; err != nil {
				return fmt.Errorf("fill review summaries: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable(&v17ReviewSummary{})
		},
	})
}
