package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sullam/models"
	"sullam/store/migrations"
)

// ErrInUse says another process has the SQLite database open, so it cannot
// be replaced.
var ErrInUse = errors.New("another Sullam window or command has the database open; close it and try again")

// sullamTables are tables every Sullam database has; a file without them is
// not a Sullam database.
var sullamTables = []string{"schema_migrations", "agents", "users", "policy_versions", "audit_logs"}

// RestoreResult tells what Restore did.
type RestoreResult struct {
	// Kept is the file the replaced database is kept as,
	// <db>.before-restore-<time>; empty when nothing was replaced.
	Kept string
	// Closed reports that the store was closed by the restore: whatever
	// the outcome, it must be opened again before any further use.
	Closed bool
}

// Restore replaces this SQLite database with the backup file; admins only.
//
// The backup is copied to a temporary file beside the database, synced and
// verified there: PRAGMA integrity_check, the tables of a Sullam database,
// no migration newer than this program, and the copy opens and migrates. A
// backup that fails any check is refused and the database is untouched (s
// stays open). Then s is closed, and under the exclusive lock on <db>.lock,
// which proves no other process has the database open, the database is
// checkpointed into its main file, kept as <db>.before-restore-<time> (a
// hard link, or a synced copy) and the verified copy is renamed over it,
// the folder synced after each step. Killed at any point, the database
// file is the old one or the new one, whole; the temporary copy is removed
// by the next Open. PostgreSQL is refused.
func (s *Store) Restore(ctx context.Context, a Actor, backup string) (RestoreResult, error) {
	s = s.withContext(ctx)
	var res RestoreResult
	if err := s.require(a, OpBackup); err != nil {
		return res, err
	}
	if s.dialect != "sqlite" {
		return res, models.Invalid("error.restore_postgres", map[string]any{"Backup": backup}, "restore from %s: this database is PostgreSQL; a Sullam backup restores a SQLite database only (use pg_restore for PostgreSQL)", backup)
	}
	src, err := filepath.Abs(backup)
	if err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	live, err := filepath.Abs(s.path)
	if err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	if src == live {
		return res, models.Invalid("error.restore_self", map[string]any{"Backup": backup}, "restore from %s: that is the database itself", backup)
	}
	tmp := live + restoreTmpInfix + randomID() + restoreTmpExt
	mark, err := beginInflight(s.path, tmp)
	if err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	defer mark.end()
	defer removeSQLiteFiles(tmp) // nothing left once renamed over the database
	if err := stageRestore(src, tmp); err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	s.restoreStep("staged")

	user := a.Username
	res.Closed = true
	if err := s.Close(); err != nil {
		return res, fmt.Errorf("restore from %s: close the database: %w", backup, err)
	}
	lock, err := lockFile(live+lockSuffix, true)
	if errors.Is(err, errLockHeld) {
		return res, fmt.Errorf("restore from %s: %w", backup, ErrInUse)
	}
	if err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	s.restoreStep("locked")
	kept, err := swapIn(live, tmp, time.Now(), s.restoreStep)
	lock.release()
	res.Kept = kept
	if err != nil {
		return res, fmt.Errorf("restore from %s: %w", backup, err)
	}
	noteRestore(s.log, live, user, src, kept)
	return res, nil
}

// stageRestore copies src to tmp and verifies the copy; tmp ends as a
// single-file (rollback journal) database synced to disk.
func stageRestore(src, tmp string) error {
	if err := copyFile(src, tmp); err != nil {
		return fmt.Errorf("copy the backup: %w", err)
	}
	if err := checkIntegrity(tmp); err != nil {
		return fmt.Errorf("the backup is damaged or not a SQLite database: %w: %w", err, models.ErrInvalid)
	}
	if err := checkSullamSchema(tmp); err != nil {
		return err
	}
	st, err := open(tmp)
	if err != nil {
		return fmt.Errorf("the backup does not open as a Sullam database: %w: %w", err, models.ErrInvalid)
	}
	if err := st.Close(); err != nil {
		return fmt.Errorf("close the staged copy: %w", err)
	}
	if err := toSingleFile(tmp); err != nil {
		return fmt.Errorf("prepare the staged copy: %w", err)
	}
	if err := syncFile(tmp); err != nil {
		return fmt.Errorf("sync the staged copy: %w", err)
	}
	return nil
}

// checkSullamSchema refuses a file without Sullam's tables or with a
// migration this program does not know (made by a newer Sullam).
func checkSullamSchema(path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?mode=ro")
	if err != nil {
		return err
	}
	defer db.Close()
	for _, t := range sullamTables {
		var n int
		if err := db.QueryRow("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = ?", t).Scan(&n); err != nil {
			return fmt.Errorf("read the backup's tables: %w", err)
		}
		if n == 0 {
			return models.Invalid("error.backup_not_sullam", map[string]any{"Table": t}, "the backup is not a Sullam database (no table %s)", t)
		}
	}
	rows, err := db.Query("SELECT id FROM schema_migrations")
	if err != nil {
		return fmt.Errorf("read the backup's schema version: %w", err)
	}
	defer rows.Close()
	known := map[string]bool{}
	for _, m := range migrations.List() {
		known[m.ID] = true
	}
	var newer []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return fmt.Errorf("read the backup's schema version: %w", err)
		}
		if !known[id] {
			newer = append(newer, id)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the backup's schema version: %w", err)
	}
	if len(newer) > 0 {
		sort.Strings(newer)
		return models.Invalid("error.backup_newer", map[string]any{"Migrations": strings.Join(newer, ", "), "Latest": migrations.Latest()},
			"the backup was made by a newer Sullam (migration %s; this program knows up to %s): update Sullam first", strings.Join(newer, ", "), migrations.Latest())
	}
	return nil
}

// toSingleFile checkpoints the database at path into its main file and
// leaves WAL mode, so that no -wal file holds any of its data. Leaving WAL
// needs the only connection to the database: another one open anywhere
// makes it fail (busy), which a restore reports as ErrInUse.
func toSingleFile(path string) error {
	db, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		return err
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	var mode string
	if err := db.QueryRow("PRAGMA journal_mode = DELETE").Scan(&mode); err != nil {
		return asBusy(err)
	}
	if mode != "delete" {
		return fmt.Errorf("journal mode stays %q: %w", mode, models.ErrBusy)
	}
	return nil
}

// swapIn replaces the database live by the verified file tmp; the caller
// holds the exclusive lock. It returns the name the old database is kept as.
func swapIn(live, tmp string, now time.Time, step func(string)) (string, error) {
	dir := filepath.Dir(live)
	kept := ""
	if _, err := os.Stat(live); err == nil {
		if err := toSingleFile(live); err != nil {
			if errors.Is(err, models.ErrBusy) {
				return "", ErrInUse
			}
			return "", fmt.Errorf("checkpoint the current database: %w", err)
		}
		for _, ext := range []string{"-wal", "-journal"} {
			if fi, err := os.Stat(live + ext); err == nil && fi.Size() > 0 {
				return "", fmt.Errorf("the current database still has a %s file after its checkpoint; nothing was replaced", ext)
			}
		}
		step("checkpointed")
		kept = live + ".before-restore-" + now.Format("20060102-150405")
		if err := os.Link(live, kept); err != nil {
			if err := copyFile(live, kept); err != nil {
				os.Remove(kept)
				return "", fmt.Errorf("keep the current database as %s: %w", kept, err)
			}
		}
		if err := syncDir(dir); err != nil {
			return "", err
		}
		step("kept")
	}
	if err := os.Rename(tmp, live); err != nil {
		return kept, fmt.Errorf("put the backup in place: %w", err)
	}
	step("renamed")
	if err := syncDir(dir); err != nil {
		return kept, err
	}
	for _, ext := range []string{"-wal", "-shm", "-journal"} {
		os.Remove(live + ext) // empty leftovers of the old file
	}
	return kept, nil
}

// noteRestore writes the restore into the restored database's audit log.
// The restore has happened by then; a failure here is only logged.
func noteRestore(log *slog.Logger, live, user, src, kept string) {
	st, err := Open(live)
	if err != nil {
		log.Warn("note the restore in the audit log", "err", err)
		return
	}
	defer st.Close()
	who := Actor{Username: user, System: true} // the user's id belongs to the replaced database
	if err := st.logChange(st.db, who, "restore", "database", src, nil, map[string]any{"from": src, "kept": kept}); err != nil {
		log.Warn("note the restore in the audit log", "err", err)
	}
}

// restoreStep calls the test hook set by withRestoreHook after each step of
// a restore.
func (s *Store) restoreStep(name string) {
	if s.onRestoreStep != nil {
		s.onRestoreStep(name)
	}
}

// withRestoreHook sets a function called after each step of Restore
// (tests: a child process kills itself there).
func withRestoreHook(f func(step string)) Option { return func(s *Store) { s.onRestoreStep = f } }

// removeSQLiteFiles removes a database file and its journals.
func removeSQLiteFiles(path string) {
	for _, ext := range []string{"", "-journal", "-wal", "-shm"} {
		os.Remove(path + ext)
	}
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
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
