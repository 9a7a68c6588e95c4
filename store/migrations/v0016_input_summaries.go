package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v16AuditSummary is the first table migration 0016 adds, frozen: one
// agent's audits dated in one year, each reduced to its exact score
// (issue 17).
type v16AuditSummary struct {
	AgentID uint `gorm:"primaryKey;autoIncrement:false"` // references agents(id), ON DELETE CASCADE
	Year    int  `gorm:"primaryKey;autoIncrement:false"`
	Audits  int  // audits dated in the year
	// Scores: "YYYY-MM-DD:passed/answered" per audit (the weights of its
	// passed and of its passed or failed items; "0/1" when a critical item
	// failed; "x<id>" when the audit cannot be scored), separated by ";",
	// in date then id order.
	Scores string
}

func (v16AuditSummary) TableName() string { return "audit_summaries" }

// v16WeeklySummary is the second table migration 0016 adds, frozen: one
// agent's weekly reports whose week starts in one year, as counts.
type v16WeeklySummary struct {
	AgentID   uint `gorm:"primaryKey;autoIncrement:false"` // references agents(id), ON DELETE CASCADE
	Year      int  `gorm:"primaryKey;autoIncrement:false"`
	Reports   int
	Rated     int
	RatingSum int
	// Delays: "delay:weekbits" per number of days from week start to
	// submission, separated by ";"; bit i of weekbits is the week starting
	// i weeks after the week start (Sunday) of 1 January. On SQLite a date
	// that does not parse is kept as "x<submitted>/<week start>" in place
	// of the delay.
	Delays string
}

func (v16WeeklySummary) TableName() string { return "weekly_summaries" }

// v16Create are the tables' definitions (the same text on SQLite and
// PostgreSQL).
var v16Create = []string{`CREATE TABLE IF NOT EXISTS audit_summaries (
	agent_id bigint NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
	year integer NOT NULL,
	audits integer NOT NULL,
	scores text NOT NULL,
	PRIMARY KEY (agent_id, year)
)`, `CREATE TABLE IF NOT EXISTS weekly_summaries (
	agent_id bigint NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
	year integer NOT NULL,
	reports integer NOT NULL,
	rated integer NOT NULL,
	rating_sum integer NOT NULL,
	delays text NOT NULL,
	PRIMARY KEY (agent_id, year)
)`}

// v16Fill returns the statements filling the tables from audits (with
// their answers and forms) and weekly_reports, as the store computed the
// summaries when this migration was written.
func v16Fill(dialect string) []string {
	var year, ws, date, dn, anchor, delay, concat, bits string
	if dialect == "postgres" {
		year = "CAST(EXTRACT(YEAR FROM %s) AS INTEGER)"
		date = "to_char(a.audit_date, 'YYYY-MM-DD')"
		dn = "(week_start - DATE '1970-01-01')"
		anchor = "(make_date(CAST(EXTRACT(YEAR FROM week_start) AS INTEGER), 1, 1) - DATE '1970-01-01')"
		delay = "CAST(submitted_on - week_start AS TEXT)"
		concat = "string_agg"
		bits = "CAST(SUM(DISTINCT CAST(1 AS BIGINT) << CAST(%s AS INTEGER)) AS BIGINT)"
	} else {
		year = "CAST(substr(%s, 1, 4) AS INTEGER)"
		date = "substr(CAST(a.audit_date AS TEXT), 1, 10)"
		dn = "CAST(julianday(substr(week_start, 1, 10)) - 2440587.5 AS INTEGER)"
		anchor = "CAST(julianday(substr(week_start, 1, 4) || '-01-01') - 2440587.5 AS INTEGER)"
		// a date that does not parse is kept as it is, for the read to refuse
		delay = "CASE WHEN date(substr(submitted_on, 1, 10)) = substr(submitted_on, 1, 10) AND date(substr(week_start, 1, 10)) = substr(week_start, 1, 10)" +
			" THEN CAST(CAST(julianday(substr(submitted_on, 1, 10)) - julianday(substr(week_start, 1, 10)) AS INTEGER) AS TEXT)" +
			" ELSE 'x' || CAST(submitted_on AS TEXT) || '/' || CAST(week_start AS TEXT) END"
		concat = "group_concat"
		bits = "SUM(DISTINCT 1 << (%s))"
	}
	ws = "(" + dn + " - ((" + dn + " + 4) % 7 + 7) % 7)"
	wsAnchor := "(" + anchor + " - ((" + anchor + " + 4) % 7 + 7) % 7)"
	audits := "INSERT INTO audit_summaries (agent_id, year, audits, scores) " +
		"SELECT s.agent_id, s.year, COUNT(*), " + concat + "(s.d || ':' || CASE WHEN s.k <> s.n OR s.w = 0 THEN 'x' || CAST(s.id AS TEXT)" +
		" WHEN s.c > 0 THEN '0/1' ELSE CAST(s.p AS TEXT) || '/' || CAST(s.w AS TEXT) END, ';' ORDER BY s.d, s.id)" +
		" FROM (SELECT a.id, a.agent_id, " + fmt.Sprintf(year, "a.audit_date") + " AS year, " + date + " AS d," +
		" COALESCE(SUM(CASE WHEN r.answer = 'pass' THEN i.weight ELSE 0 END), 0) AS p," +
		" COALESCE(SUM(CASE WHEN r.answer IN ('pass', 'fail') THEN i.weight ELSE 0 END), 0) AS w," +
		" COALESCE(MAX(CASE WHEN r.answer = 'fail' AND i.critical THEN 1 ELSE 0 END), 0) AS c," +
		" COUNT(CASE WHEN i.id IS NOT NULL AND r.answer IN ('pass', 'fail', 'na') THEN 1 END) AS k," +
		" (SELECT COUNT(*) FROM audit_form_items f WHERE f.form_id = a.form_id) AS n" +
		" FROM audits a LEFT JOIN audit_results r ON r.audit_id = a.id LEFT JOIN audit_form_items i ON i.id = r.item_id AND i.form_id = a.form_id" +
		" GROUP BY a.id, a.agent_id, a.audit_date, a.form_id) s GROUP BY s.agent_id, s.year"
	weekly := "INSERT INTO weekly_summaries (agent_id, year, reports, rated, rating_sum, delays) " +
		"SELECT g.agent_id, g.year, SUM(g.n), SUM(g.rated), SUM(g.rsum), " + concat + "(g.delay || ':' || CAST(g.bits AS TEXT), ';' ORDER BY g.delay)" +
		" FROM (SELECT agent_id, " + fmt.Sprintf(year, "week_start") + " AS year, " + delay + " AS delay, COUNT(*) AS n, COUNT(rating) AS rated, COALESCE(SUM(rating), 0) AS rsum, " +
		fmt.Sprintf(bits, "("+ws+" - "+wsAnchor+") / 7") + " AS bits FROM weekly_reports GROUP BY 1, 2, 3) g GROUP BY g.agent_id, g.year"
	return []string{audits, weekly}
}

// Migration 0016 adds audit_summaries and weekly_summaries, the per
// agent-year audit scores and weekly report counts the yearly scoring
// reads instead of every audit with its answers and every report (issue
// 17), and fills them from the rows already stored. From then on every
// write of audits, audit_results and weekly_reports keeps them in the same
// transaction.
func init() {
	register(&gormigrate.Migration{
		ID: "0016_input_summaries",
		Migrate: func(tx *gorm.DB) error {
			for _, q := range v16Create {
				if err := tx.Exec(q).Error; err != nil {
					return fmt.Errorf("create input summaries: %w", err)
				}
			}
			for _, t := range []string{"audit_summaries", "weekly_summaries"} {
				if err := tx.Exec("DELETE FROM " + t).Error; err != nil {
					return fmt.Errorf("clear %s: %w", t, err)
				}
			}
			for _, q := range v16Fill(tx.Dialector.Name()) {
				if err := tx.Exec(q).Error; err != nil {
					return fmt.Errorf("fill input summaries: %w", err)
				}
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable(&v16WeeklySummary{}, &v16AuditSummary{})
		},
	})
}
