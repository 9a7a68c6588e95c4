package store_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"sullam/store"
)

// Rule (issue 11, Ctrl-C during `migrate --to`): cancelling the copy's
// context stops it at the next batch, even though a SQLite source is read
// under a context that does not end (copier.readContext, issue 17: no
// goroutine a row): no batch is written after the cancel, the error is the
// context's, and the target is left as it was.
func TestMigrateStopsAtTheNextBatchWhenCancelled(t *testing.T) {
	src := filled(t, filepath.Join(t.TempDir(), "desk.db"))
	targets := map[string]string{"sqlite": filepath.Join(t.TempDir(), "new.db")}
	if os.Getenv("SULLAM_TEST_PG") != "" {
		targets["postgres"] = store.NewPostgresDSN(t)
	}
	for name, dsn := range targets {
		t.Run(name, func(t *testing.T) {
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			var after int
			cancelled := false
			_, err := src.MigrateTo(ctx, store.SystemActor("test"), dsn, store.CopyOptions{
				BatchRows: 7,
				Progress: func(table string, rows int64) error {
					if cancelled {
						after++
					}
					if table == "attendance_days" && !cancelled {
						cancelled = true
						cancel()
					}
					return nil
				},
			})
			if !errors.Is(err, context.Canceled) {
				t.Fatalf("migrate: %v; want the context's cancellation", err)
			}
			if !cancelled {
				t.Fatal("the copy never reached attendance_days: the test proves nothing")
			}
			if after != 0 {
				t.Errorf("%d batches were written after the cancel", after)
			}
			if name == "sqlite" {
				if _, err := os.Stat(dsn); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("the cancelled copy left the file %s: %v", dsn, err)
				}
				return
			}
			if d := dump(t, dsn); len(d) != 0 {
				t.Errorf("the cancelled copy left tables in the target: %d", len(d))
			}
		})
	}
}
