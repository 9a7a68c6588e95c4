package cli

import (
	"context"
	"log/slog"

	"sullam/store"
)

// openRetained opens the database at dsn and runs the daily retention
// (store.AutoRetention) before the command: a failure is reported on the
// log and does not stop the command. For a command that only reads
// (readOnly) the retention never waits for another process's write
// (store.AutoRetentionIfIdle).
func openRetained(dsn string, readOnly bool) (*store.Store, error) {
	st, err := store.Open(dsn)
	if err != nil {
		return nil, err
	}
	retain := st.Recruitment().AutoRetention
	if readOnly {
		retain = st.Recruitment().AutoRetentionIfIdle
	}
	if run, err := retain(context.Background(), st.AutoBackupDir()); err != nil {
		slog.Warn("automatic retention", "err", err)
	} else if run.Anonymised > 0 || len(run.BackupsRemoved) > 0 {
		slog.Info("automatic retention", "anonymised", run.Anonymised, "before", run.Before.String(), "backups_removed", len(run.BackupsRemoved))
	}
	return st, nil
}
