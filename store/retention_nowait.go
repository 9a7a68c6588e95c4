package store

import (
	"context"
	"fmt"

	"sullam/models"
)

// AutoRetentionIfIdle is AutoRetention for a command that only reads: it
// never waits for another process's write. When the retention already ran
// today it does nothing (one read); when it is due but another process holds
// SQLite's write lock it is skipped (ran false) — the next command or window
// start runs it — so a read beside a long import stays instant.
func (r *Recruitment) AutoRetentionIfIdle(ctx context.Context, backupDir string) (RetentionRun, error) {
	s := r.s
	s = s.withContext(ctx)
	last, err := getMeta(s.db, metaRetentionLastRun)
	if err != nil {
		return RetentionRun{}, fmt.Errorf("automatic retention: %w", err)
	}
	pending, err := getMeta(s.db, metaErasePending)
	if err != nil {
		return RetentionRun{}, fmt.Errorf("automatic retention: %w", err)
	}
	if last == models.DateOf(s.now().UTC()).String() && pending != "1" {
		return RetentionRun{}, nil
	}
	if s.dialect == "sqlite" {
		free, err := s.writeLockFree()
		if err != nil || !free {
			return RetentionRun{}, err
		}
	}
	return s.Recruitment().AutoRetention(ctx, backupDir)
}

// writeLockFree probes SQLite's write lock without waiting: a connection
// with no busy timeout begins and rolls back an immediate transaction.
func (s *Store) writeLockFree() (bool, error) {
	sqlDB, err := s.db.DB()
	if err != nil {
		return false, fmt.Errorf("probe the write lock: %w", err)
	}
	ctx := context.Background()
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return false, fmt.Errorf("probe the write lock: %w", err)
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "PRAGMA busy_timeout = 0"); err != nil {
		return false, fmt.Errorf("probe the write lock: %w", err)
	}
	defer conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", s.busy.Milliseconds()))
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return false, nil // SQLITE_BUSY: another process is writing
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		return false, fmt.Errorf("probe the write lock: %w", err)
	}
	return true, nil
}
