package store

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"sullam/models"
)

// autoBackupPrefix and autoBackupSuffix frame the names AutoBackup gives
// its daily copies: sullam-YYYY-MM-DD.db.
const (
	autoBackupPrefix = "sullam-"
	autoBackupSuffix = ".db"
)

// AutoBackupDir returns the folder of the automatic backups of the SQLite
// database dsn (the "backups" folder beside it), or "" for PostgreSQL.
func AutoBackupDir(dsn string) string {
	if dsn == "" || IsPostgres(dsn) {
		return ""
	}
	return filepath.Join(filepath.Dir(dsn), "backups")
}

// AutoBackupDir returns the folder of this database's automatic backups
// (see the AutoBackupDir function), or "" for PostgreSQL.
func (s *Store) AutoBackupDir() string { return AutoBackupDir(s.path) }

// expiredAutoBackups lists the automatic backups in dir (sullam-YYYY-MM-DD.db,
// as AutoBackup names them) dated before the given date, oldest first. Any
// other file, including a manual backup under another name, is left alone.
// An empty dir lists nothing.
func expiredAutoBackups(dir string, before models.Date) ([]string, error) {
	if dir == "" {
		return nil, nil
	}
	names, err := filepath.Glob(filepath.Join(dir, autoBackupPrefix+"*"+autoBackupSuffix))
	if err != nil {
		return nil, fmt.Errorf("list automatic backups in %s: %w", dir, err)
	}
	var out []string
	for _, name := range names {
		day := strings.TrimSuffix(strings.TrimPrefix(filepath.Base(name), autoBackupPrefix), autoBackupSuffix)
		d, err := models.ParseDate(day)
		if err != nil || d.String() != day {
			continue
		}
		if d.Before(before) {
			out = append(out, name)
		}
	}
	sort.Strings(out)
	return out, nil
}
