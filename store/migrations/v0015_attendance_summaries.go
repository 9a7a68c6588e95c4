package migrations

import (
	"fmt"

	"github.com/go-gormigrate/gormigrate/v2"
	"gorm.io/gorm"
)

// v15AttendanceSummary is the table migration 0015 adds, frozen: one
// agent's attendance days dated in one year, as counts (issue 17).
type v15AttendanceSummary struct {
	AgentID     uint `gorm:"primaryKey;autoIncrement:false"` // references agents(id), ON DELETE CASCADE
	Year        int  `gorm:"primaryKey;autoIncrement:false"`
	Days        int  // records of any status
	PresentDays int
	AbsentDays  int
	LeaveDays   int
	HolidayDays int
	// WeekBits: bit i set when a present or absent day falls in the week
	// starting i weeks after the week start (Sunday) of 1 January.
	WeekBits int64
	// PresentMinutes: the present days by the larger of their late and
	// early-leave minutes, "minutes:days" pairs separated by ";".
	PresentMinutes string
}

func (v15AttendanceSummary) TableName() string { return "attendance_summaries" }

// v15Create is the table's definition (the same text on SQLite and
// PostgreSQL).
const v15Create = `CREATE TABLE IF NOT EXISTS attendance_summaries (
	agent_id bigint NOT NULL REFERENCES agents(id) ON DELETE CASCADE,
	year integer NOT NULL,
	days integer NOT NULL,
	present_days integer NOT NULL,
	absent_days integer NOT NULL,
	leave_days integer NOT NULL,
	holiday_days integer NOT NULL,
	week_bits bigint NOT NULL,
	present_minutes text NOT NULL,
	PRIMARY KEY (agent_id, year)
)`

// v15Fill returns the statement filling the table from attendance_days,
// as the store computed the summaries when this migration was written.
func v15Fill(dialect string) string {
	var year, dn, anchor, bounds, maxMin, concat, bits string
	if dialect == "postgres" {
		year = "CAST(EXTRACT(YEAR FROM date) AS INTEGER)"
		dn = "(w.date - DATE '1970-01-01')"
		anchor = "(make_date(CAST(EXTRACT(YEAR FROM w.date) AS INTEGER), 1, 1) - DATE '1970-01-01')"
		bounds = "make_date(c.year, 1, 1) AND make_date(c.year, 12, 31)"
		maxMin = "GREATEST(late_minutes, early_leave_minutes)"
		concat = "string_agg"
		bits = "CAST(SUM(DISTINCT CAST(1 AS BIGINT) << CAST(%s AS INTEGER)) AS BIGINT)"
	} else {
		year = "CAST(substr(date, 1, 4) AS INTEGER)"
		dn = "CAST(julianday(substr(w.date, 1, 10)) - 2440587.5 AS INTEGER)"
		anchor = "CAST(julianday(substr(w.date, 1, 4) || '-01-01') - 2440587.5 AS INTEGER)"
		bounds = "printf('%04d-01-01', c.year) AND printf('%04d-12-31', c.year)"
		maxMin = "MAX(late_minutes, early_leave_minutes)"
		concat = "group_concat"
		bits = "SUM(DISTINCT 1 << (%s))"
	}
	ws := func(x string) string { return "(" + x + " - ((" + x + " + 4) % 7 + 7) % 7)" }
	week := "(" + ws(dn) + " - " + ws(anchor) + ") / 7"
	return "INSERT INTO attendance_summaries (agent_id, year, days, present_days, absent_days, leave_days, holiday_days, week_bits, present_minutes) " +
		"SELECT c.agent_id, c.year, SUM(c.n)," +
		" SUM(CASE WHEN c.status = 'present' THEN c.n ELSE 0 END)," +
		" SUM(CASE WHEN c.status = 'absent' THEN c.n ELSE 0 END)," +
		" SUM(CASE WHEN c.status = 'leave' THEN c.n ELSE 0 END)," +
		" SUM(CASE WHEN c.status = 'holiday' THEN c.n ELSE 0 END)," +
		" COALESCE((SELECT " + fmt.Sprintf(bits, week) + " FROM attendance_days w WHERE w.agent_id = c.agent_id AND w.date BETWEEN " + bounds +
		" AND w.status IN ('present', 'absent')), 0)," +
		" COALESCE(" + concat + "(CASE WHEN c.status = 'present' THEN CAST(c.m AS TEXT) || ':' || CAST(c.n AS TEXT) END, ';'), '')" +
		" FROM (SELECT agent_id, " + year + " AS year, status, CASE WHEN status = 'present' THEN " + maxMin + " ELSE 0 END AS m, COUNT(*) AS n" +
		" FROM attendance_days GROUP BY 1, 2, 3, 4) c GROUP BY c.agent_id, c.year"
}

// Migration 0015 adds attendance_summaries, the per agent-year counts the
// yearly scoring reads instead of every attendance day (issue 17), and
// fills it from the days already stored. From then on every write of
// attendance_days keeps it in the same transaction.
func init() {
	register(&gormigrate.Migration{
		ID: "0015_attendance_summaries",
		Migrate: func(tx *gorm.DB) error {
			if err := tx.Exec(v15Create).Error; err != nil {
				return fmt.Errorf("create attendance_summaries: %w", err)
			}
			if err := tx.Exec("DELETE FROM attendance_summaries").Error; err != nil {
				return err
			}
			if err := tx.Exec(v15Fill(tx.Dialector.Name())).Error; err != nil {
				return fmt.Errorf("fill attendance_summaries: %w", err)
			}
			return nil
		},
		Rollback: func(tx *gorm.DB) error {
			return tx.Migrator().DropTable(&v15AttendanceSummary{})
		},
	})
}
