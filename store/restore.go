package store

import (
	"fmt"
	"io"
	"os"
	"time"
)

// pendingSuffix names the staged copy a restore puts beside the database file.
const pendingSuffix = ".restore-pending"

// StageRestore checks that backup is a sound Sullam SQLite database and
// stages it to replace this database the next time it is opened (an open
// database cannot be swapped safely); admins only. The current file is kept
// as <name>.before-restore-<time> then.
func (s *Store) StageRestore(a Actor, backup string) error {
	if err := s.require(a, OpBackup); err != nil {
		return err
	}
	if s.dialect != "sqlite" {
		return fmt.Errorf("restore: this database is PostgreSQL; use pg_restore")
	}
	if err := checkIntegrity(backup); err != nil {
		return fmt.Errorf("restore from %s: %w", backup, err)
	}
	probe, err := Open(backup)
	if err != nil {
		return fmt.Errorf("restore from %s: not a Sullam database: %w", backup, err)
	}
	probe.Close()
	pending := s.path + pendingSuffix
	if err := copyFile(backup, pending); err != nil {
		os.Remove(pending)
		return fmt.Errorf("restore from %s: %w", backup, err)
	}
	return s.logChange(s.db, a, "restore_staged", "database", backup, nil, map[string]any{"from": backup})
}

// ApplyPendingRestore swaps in a restore staged by StageRestore, before the
// database at path is opened. It reports whether it did.
func ApplyPendingRestore(path string) (bool, error) {
	pending := path + pendingSuffix
	if _, err := os.Stat(pending); err != nil {
		return false, nil
	}
	if _, err := os.Stat(path); err == nil {
		keep := path + ".before-restore-" + time.Now().Format("20060102-150405")
		if err := os.Rename(path, keep); err != nil {
			return false, fmt.Errorf("apply restore: keep the current database: %w", err)
		}
		for _, ext := range []string{"-wal", "-shm"} {
			os.Rename(path+ext, keep+ext)
		}
	}
	if err := os.Rename(pending, path); err != nil {
		return false, fmt.Errorf("apply restore: %w", err)
	}
	return true, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Sync(); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
