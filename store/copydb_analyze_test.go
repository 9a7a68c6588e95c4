package store_test

import (
	"context"
	"path/filepath"
	"testing"

	"sullam/store"
)

// Rule (issue 17, PostgreSQL): `migrate --to` a PostgreSQL database leaves
// every copied table with the planner's statistics (an ANALYZE of each, in
// the copy's transaction), so the first screens read after a move are not
// planned blind: pg_stat_user_tables shows a manual analyze of each table
// (autovacuum's own would be last_autoanalyze, and comes a minute or more
// after the commit, never for a table of under 50 rows), and the planner's
// row count of attendance_days is the number of rows copied.
func TestMigrateToPostgresAnalyzesEveryTable(t *testing.T) {
	pg := needPG(t)
	src := filled(t, filepath.Join(t.TempDir(), "desk.db"))
	res, err := src.MigrateTo(context.Background(), store.SystemActor("test"), pg, store.CopyOptions{})
	if err != nil {
		t.Fatalf("migrate: %v", err)
	}
	db := rawDB(t, pg)
	var days int64
	for _, tc := range res.Tables {
		var analyzed bool
		err := db.QueryRow("SELECT last_analyze IS NOT NULL FROM pg_stat_user_tables WHERE schemaname = 'public' AND relname = $1", tc.Table).Scan(&analyzed)
		if err != nil {
			t.Fatalf("statistics of %s: %v", tc.Table, err)
		}
		if !analyzed {
			t.Errorf("table %s (%d rows copied) was not analyzed by the copy", tc.Table, tc.Rows)
		}
		if tc.Table == "attendance_days" {
			days = tc.Rows
		}
	}
	if days == 0 {
		t.Fatal("the demo copied no attendance day")
	}
	var planned float64
	if err := db.QueryRow("SELECT reltuples FROM pg_class WHERE oid = 'public.attendance_days'::regclass").Scan(&planned); err != nil {
		t.Fatal(err)
	}
	if int64(planned) != days {
		t.Errorf("the planner counts %.0f attendance days, the copy wrote %d", planned, days)
	}
}
