package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"gorm.io/gorm"

	"sullam/models"
	"sullam/recruiting"
)

// DefaultRetentionMonths is how long the data of a rejected or withdrawn
// candidate is kept after their last move (24 months), unless HR sets
// another period (SetRetentionMonths); see recruiting.DefaultRetentionMonths.
const DefaultRetentionMonths = recruiting.DefaultRetentionMonths

// Keys of the app_meta table (migration 0010).
const (
	metaRetentionLastRun = "retention_last_run" // UTC date of the last automatic run
	metaRetentionMonths  = "retention_months"   // the retention period, when HR set one
	metaErasePending     = "erase_pending"      // "1": an erasure's file clean-up did not complete
	metaSecureVacuumed   = "secure_vacuumed"    // "1": VACUUMed once under secure_delete (see eraseFreedContent)
)

// meta is one row of app_meta: what the store remembers about itself.
type meta struct {
	Key   string `gorm:"primaryKey"`
	Value string
}

func (meta) TableName() string { return "app_meta" }

// getMeta returns the value of key, or "" when it is not set.
func getMeta(tx *gorm.DB, key string) (string, error) {
	var m meta
	err := tx.Where("key = ?", key).Limit(1).Find(&m).Error
	if err != nil {
		return "", fmt.Errorf("read %s: %w", key, err)
	}
	return m.Value, nil
}

// putMeta sets key to value. It reports whether the stored value changed:
// false when it already was value (the row is then left alone), which is
// how two processes starting together agree on who runs the daily work.
func (s *Store) putMeta(tx *gorm.DB, key, value string) (bool, error) {
	res := tx.Exec("INSERT INTO app_meta (key, value, updated_at) VALUES (?, ?, ?) "+
		"ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at WHERE app_meta.value <> excluded.value",
		key, value, s.now().UTC())
	if res.Error != nil {
		return false, fmt.Errorf("write %s: %w", key, res.Error)
	}
	return res.RowsAffected > 0, nil
}

// RetentionMonths returns the retention period of rejected and withdrawn
// candidates, in months.
func (r *Recruitment) RetentionMonths(ctx context.Context) (int, error) {
	r = &Recruitment{s: r.s.withContext(ctx)}
	return retentionMonths(r.s.db)
}

func retentionMonths(tx *gorm.DB) (int, error) {
	v, err := getMeta(tx, metaRetentionMonths)
	if err != nil || v == "" {
		return DefaultRetentionMonths, err
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 {
		return DefaultRetentionMonths, fmt.Errorf("retention period %q in app_meta: %w", v, models.ErrInvalid)
	}
	return n, nil
}

// SetRetentionMonths sets the retention period (HR), 1 to 120 months; the
// automatic run uses it from its next day.
func (r *Recruitment) SetRetentionMonths(ctx context.Context, a Actor, months int) error {
	s := r.s
	s = s.withContext(ctx)
	if err := s.require(a, OpManageCandidates); err != nil {
		return err
	}
	if !recruiting.ValidRetentionMonths(months) {
		return models.Invalid("error.retention_range", map[string]any{"Months": months}, "retention period %d months: want 1 to 120", months)
	}
	old, _ := s.Recruitment().RetentionMonths(ctx)
	return s.db.Transaction(func(tx *gorm.DB) error {
		if _, err := s.putMeta(tx, metaRetentionMonths, strconv.Itoa(months)); err != nil {
			return err
		}
		return s.logChange(tx, a, "update", "retention_period", "candidates", map[string]any{"months": old}, map[string]any{"months": months})
	})
}

// RetentionRun says what one automatic retention run did.
type RetentionRun struct {
	// Ran is false when the retention already ran today (nothing was done).
	Ran bool
	// Before is the cut-off: candidates whose last move is older were anonymised.
	Before models.Date
	// Anonymised counts the candidates anonymised.
	Anonymised int
	// BackupsRemoved lists the automatic backups removed (older than the period).
	BackupsRemoved []string
}

// AutoRetention applies the retention period by itself, as the system, at
// most once a (UTC) day whoever opens the database — the window at start,
// the command line before a command: it anonymises the rejected and
// withdrawn candidates whose last move is older than the period, writes one
// "retention_run" audit entry, removes the automatic backups in backupDir
// (none when empty) dated before the period, so that no copy keeps what the
// law says is gone, and cleans the file (see eraseFreedContent) when it
// anonymised someone or an earlier clean-up did not complete (that clean-up
// is retried at every call, even on a day the retention already ran). The
// day of the run is remembered in app_meta within the same transaction.
func (r *Recruitment) AutoRetention(ctx context.Context, backupDir string) (RetentionRun, error) {
	s := r.s
	s = s.withContext(ctx)
	var run RetentionRun
	today := models.DateOf(s.now().UTC())
	a := SystemActor("retention")
	// A plain read first: on a day the run is done and nothing is pending,
	// no write transaction is begun, so a command does not wait for the
	// write lock (the busy timeout) while another program is writing.
	last, err := getMeta(s.db, metaRetentionLastRun)
	if err != nil {
		return run, fmt.Errorf("automatic retention: %w", err)
	}
	if p, err := getMeta(s.db, metaErasePending); err != nil || (last == today.String() && p != "1") {
		if err != nil {
			return run, fmt.Errorf("automatic retention: %w", err)
		}
		return run, nil
	}
	var pending bool
	err = s.db.Transaction(func(tx *gorm.DB) error {
		p, err := getMeta(tx, metaErasePending)
		if err != nil {
			return err
		}
		pending = p == "1"
		claimed, err := s.putMeta(tx, metaRetentionLastRun, today.String())
		if err != nil || !claimed {
			return err
		}
		months, err := retentionMonths(tx)
		if err != nil {
			s.log.Warn("retention period", "err", err)
		}
		run.Ran, run.Before = true, recruiting.RetentionCutoff(today, months)
		if run.Anonymised, err = s.anonymiseRejectedBefore(tx, a, run.Before); err != nil {
			return err
		}
		if run.BackupsRemoved, err = expiredAutoBackups(backupDir, run.Before); err != nil {
			return err
		}
		return s.logChange(tx, a, "retention_run", "candidates", today.String(), nil, map[string]any{
			"months": months, "before": run.Before.String(), "anonymised": run.Anonymised, "backups_removed": len(run.BackupsRemoved)})
	})
	if err != nil {
		return RetentionRun{}, fmt.Errorf("automatic retention: %w", err)
	}
	var errs []error
	for _, f := range run.BackupsRemoved {
		if err := os.Remove(f); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, fmt.Errorf("remove expired backup: %w", err))
		}
	}
	if run.Anonymised > 0 || pending {
		errs = append(errs, s.cleanFileAfterErasure())
	}
	if err := errors.Join(errs...); err != nil {
		return run, fmt.Errorf("automatic retention: %w", err)
	}
	return run, nil
}

// cleanFileAfterErasure runs eraseFreedContent and remembers in app_meta
// whether it completed, so that the next automatic run retries it.
func (s *Store) cleanFileAfterErasure() error {
	err := s.eraseFreedContent()
	flag := "0"
	if errors.Is(err, ErrErasePending) {
		flag = "1"
	}
	if _, perr := s.putMeta(s.db, metaErasePending, flag); perr != nil {
		return errors.Join(err, perr)
	}
	return err
}
