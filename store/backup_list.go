package store

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"sullam/models"
)

// AutoBackupFile is one automatic backup on disk: a file AutoBackup wrote
// (sullam-YYYY-MM-DD.db in the AutoBackupDir of the database).
type AutoBackupFile struct {
	// Path is the file's full path.
	Path string
	// Day is the date in the file's name: the day the backup was made.
	Day models.Date
	// Size is the file's size in bytes.
	Size int64
	// Modified is the file's last modification time (when it was written).
	Modified time.Time
}

// ListAutoBackups lists the automatic backups of this database, newest
// first; admins only (the same right as making a backup). Only the files
// AutoBackup names (sullam-YYYY-MM-DD.db with a real date) are listed: a
// manual backup under another name, a partial copy or a folder is not. A
// PostgreSQL database has no automatic file backups and a SQLite database
// whose backup folder does not exist yet has none either: both list nothing.
func (s *Store) ListAutoBackups(ctx context.Context, a Actor) ([]AutoBackupFile, error) {
	s = s.withContext(ctx)
	if err := s.require(a, OpBackup); err != nil {
		return nil, err
	}
	return listAutoBackups(s.AutoBackupDir())
}

// listAutoBackups lists the automatic backups in dir, newest first; an empty
// dir (PostgreSQL) or a missing folder lists nothing.
func listAutoBackups(dir string) ([]AutoBackupFile, error) {
	out := []AutoBackupFile{}
	if dir == "" {
		return out, nil
	}
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return out, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list automatic backups in %s: %w", dir, err)
	}
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, autoBackupPrefix) || !strings.HasSuffix(name, autoBackupSuffix) {
			continue
		}
		day := strings.TrimSuffix(strings.TrimPrefix(name, autoBackupPrefix), autoBackupSuffix)
		d, err := models.ParseDate(day)
		if err != nil || d.String() != day {
			continue
		}
		info, err := e.Info()
		if os.IsNotExist(err) {
			continue // removed by the retention since ReadDir
		}
		if err != nil {
			return nil, fmt.Errorf("list automatic backups: %s: %w", filepath.Join(dir, name), err)
		}
		out = append(out, AutoBackupFile{Path: filepath.Join(dir, name), Day: d, Size: info.Size(), Modified: info.ModTime()})
	}
	sort.Slice(out, func(i, j int) bool { return out[j].Day.Before(out[i].Day) })
	return out, nil
}
