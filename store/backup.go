package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Backup writes a consistent copy of the database to file while it may be
// in use, syncs it to disk and checks its integrity; admins only. From
// SQLite the copy is made with VACUUM INTO; from PostgreSQL it is a Sullam
// SQLite file (see BackupTo), which restore opens like any other backup.
func (s *Store) Backup(ctx context.Context, a Actor, file string) error {
	s = s.withContext(ctx)
	_, err := s.BackupTo(context.Background(), a, file, CopyOptions{})
	return err
}

// BackupTo is Backup with a context and, from PostgreSQL, the copy's
// options (progress) and result (rows per table; empty from SQLite).
//
// From PostgreSQL the rows are read in one REPEATABLE READ READ ONLY
// transaction (a consistent snapshot) and written into a new SQLite file
// made by the same migrations, at the same migration level, with every
// table and id; the file is built under a temporary name (<file>.partial),
// synced, checked (integrity, Sullam's tables) and only then renamed to
// file.
func (s *Store) BackupTo(ctx context.Context, a Actor, file string, opt CopyOptions) (CopyResult, error) {
	if err := s.require(a, OpBackup); err != nil {
		return CopyResult{}, err
	}
	if s.dialect != "sqlite" {
		return s.backupPostgres(ctx, a, file, opt)
	}
	return CopyResult{}, s.backupSQLite(a, file)
}

// backupSQLite makes the backup of a SQLite database with VACUUM INTO.
func (s *Store) backupSQLite(a Actor, file string) error {
	abs, err := filepath.Abs(file)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	if _, err := os.Stat(abs); err == nil {
		return fmt.Errorf("backup to %s: the file already exists", file)
	}
	tmp := abs + partialSuffix
	mark, err := beginInflight(s.path, tmp)
	if err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	defer mark.end()
	os.Remove(tmp)
	if err := s.db.Exec("VACUUM INTO ?", tmp).Error; err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := syncFile(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := checkIntegrity(tmp); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := syncDir(filepath.Dir(abs)); err != nil {
		return fmt.Errorf("backup to %s: %w", file, err)
	}
	return s.logChange(s.db, a, "backup", "database", file, nil, map[string]any{"file": abs})
}

// backupPostgres makes a Sullam SQLite file of a PostgreSQL database.
func (s *Store) backupPostgres(ctx context.Context, a Actor, file string, opt CopyOptions) (CopyResult, error) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return CopyResult{}, fmt.Errorf("backup to %s: %w", file, err)
	}
	if _, err := os.Stat(abs); err == nil {
		return CopyResult{}, fmt.Errorf("backup to %s: the file already exists", file)
	}
	tmp := abs + partialSuffix
	removeSQLiteFiles(tmp)
	defer removeSQLiteFiles(tmp) // nothing is left once renamed
	res, err := s.stagePostgresBackup(ctx, tmp, opt)
	if err != nil {
		return CopyResult{}, fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := os.Rename(tmp, abs); err != nil {
		return CopyResult{}, fmt.Errorf("backup to %s: %w", file, err)
	}
	if err := syncDir(filepath.Dir(abs)); err != nil {
		return CopyResult{}, fmt.Errorf("backup to %s: %w", file, err)
	}
	err = s.logChange(s.db, a, "backup", "database", file, nil, map[string]any{"file": abs, "rows": res.Rows()})
	return res, err
}

// stagePostgresBackup copies the database into the new SQLite file tmp,
// syncs it and verifies it as restore would.
func (s *Store) stagePostgresBackup(ctx context.Context, tmp string, opt CopyOptions) (CopyResult, error) {
	dst, err := openCopyTarget(tmp, true)
	if err != nil {
		return CopyResult{}, err
	}
	res, err := s.copyInto(ctx, dst, opt)
	if cerr := dst.close(false); err == nil && cerr != nil {
		err = fmt.Errorf("close the copy: %w", cerr)
	}
	if err != nil {
		return CopyResult{}, err
	}
	if err := syncFile(tmp); err != nil {
		return CopyResult{}, err
	}
	if err := checkIntegrity(tmp); err != nil {
		return CopyResult{}, err
	}
	if err := checkSullamSchema(tmp); err != nil {
		return CopyResult{}, err
	}
	return res, nil
}

func syncFile(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	return f.Sync()
}

// syncDir makes a rename or a new file in dir durable (a no-op where a
// folder cannot be synced, as on Windows).
func syncDir(dir string) error {
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	if err := d.Sync(); err != nil && runtime.GOOS != "windows" {
		return fmt.Errorf("sync folder %s: %w", dir, err)
	}
	return nil
}

// checkIntegrity runs PRAGMA integrity_check on a SQLite file.
func checkIntegrity(path string) error {
	db, err := gorm.Open(sqlite.Open("file:"+path+"?mode=ro"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		return err
	}
	sqlDB, err := db.DB()
	if err != nil {
		return err
	}
	defer sqlDB.Close()
	var res string
	if err := db.Raw("PRAGMA integrity_check").Scan(&res).Error; err != nil {
		return err
	}
	if res != "ok" {
		return fmt.Errorf("integrity check failed: %s", res)
	}
	return nil
}

// AutoBackup makes the daily backup in dir when today's does not exist yet and
// keeps the newest keep copies. It runs as the system.
func (s *Store) AutoBackup(ctx context.Context, dir string, keep int) (string, error) {
	s = s.withContext(ctx)
	if s.dialect != "sqlite" {
		return "", nil
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("auto backup: %w", err)
	}
	name := filepath.Join(dir, "sullam-"+s.now().Format("2006-01-02")+".db")
	if _, err := os.Stat(name); err == nil {
		return "", nil
	}
	if err := s.Backup(ctx, SystemActor("auto-backup"), name); err != nil {
		return "", err
	}
	entries, _ := filepath.Glob(filepath.Join(dir, "sullam-*.db"))
	sort.Strings(entries)
	for len(entries) > keep && keep > 0 {
		if strings.HasSuffix(entries[0], ".db") {
			os.Remove(entries[0])
		}
		entries = entries[1:]
	}
	return name, nil
}
