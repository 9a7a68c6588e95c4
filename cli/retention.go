package cli

import (
	"log/slog"

	"sullam/store"
)

// autoRetention runs the daily retention (store.AutoRetention) on a store
// the command line just opened, before the command: a failure is reported
// on the log and does not stop the command. It passes Open's results on.
func autoRetention(st *store.Store, err error) (*store.Store, error) {
	if err != nil {
		return st, err
	}
	if run, rerr := st.AutoRetention(st.AutoBackupDir()); rerr != nil {
		slog.Warn("automatic retention", "err", rerr)
	} else if run.Anonymised > 0 || len(run.BackupsRemoved) > 0 {
		slog.Info("automatic retention", "anonymised", run.Anonymised, "before", run.Before.String(), "backups_removed", len(run.BackupsRemoved))
	}
	return st, nil
}
