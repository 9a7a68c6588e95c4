package store

import (
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

// Backup writes a consistent copy of the SQLite database to file while it may
// be in use (VACUUM INTO), syncs it to disk and checks its integrity; admins
// only. PostgreSQL deployments use pg_dump.
func (s *Store) Backup(a Actor, file string) error {
	if err := s.require(a, OpBackup); err != nil {
		return err
	}
	if s.dialect != "sqlite" {
		return fmt.Errorf("backup: this database is PostgreSQL; use pg_dump")
	}
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
func (s *Store) AutoBackup(dir string, keep int) (string, error) {
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
	if err := s.Backup(SystemActor("auto-backup"), name); err != nil {
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
