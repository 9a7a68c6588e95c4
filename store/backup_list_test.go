package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"sullam/models"
)

// Rule: an admin lists the automatic backups AutoBackup writes
// (sullam-YYYY-MM-DD.db), newest first, each with the date of its name and
// its size; other files in the folder (a manual backup, a partial copy, a
// name with an impossible date, a folder) are not listed.
func TestListAutoBackups(t *testing.T) {
	now := time.Date(2026, 12, 2, 9, 0, 0, 0, time.UTC)
	s := newSQLite(t, WithClock(func() time.Time { return now }))
	admin := ActorOf(mustUser(t, s, "root", nil, models.RoleAdmin))
	dir := s.AutoBackupDir()
	made, err := s.AutoBackup(t.Context(), dir, 7)
	if err != nil || made == "" {
		t.Fatalf("auto backup: %q %v", made, err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sullam-2026-11-30.db"), []byte("twelve bytes"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, other := range []string{"sullam-2026-02-30.db", "sullam-manual.db", "sullam-2026-11-29.db.partial", "notes.txt"} {
		if err := os.WriteFile(filepath.Join(dir, other), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "sullam-2026-11-28.db"), 0o700); err != nil {
		t.Fatal(err)
	}
	got, err := s.ListAutoBackups(t.Context(), admin)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("listed %d backups, want 2: %+v", len(got), got)
	}
	info, err := os.Stat(made)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Path != made || got[0].Day != models.MustDate("2026-12-02") || got[0].Size != info.Size() || got[0].Size == 0 {
		t.Errorf("newest = %+v, want %s of %d bytes dated 2026-12-02", got[0], made, info.Size())
	}
	if filepath.Base(got[1].Path) != "sullam-2026-11-30.db" || got[1].Day != models.MustDate("2026-11-30") || got[1].Size != 12 {
		t.Errorf("second = %+v, want sullam-2026-11-30.db of 12 bytes", got[1])
	}
	if got[1].Modified.IsZero() {
		t.Error("no modification time")
	}
}

// Rule: listing the automatic backups is an admin's right (as making one
// is): a manager, HR or quality user is refused with ErrForbidden.
func TestListAutoBackupsAdminOnly(t *testing.T) {
	s := newStore(t)
	for _, r := range []models.Role{models.RoleManager, models.RoleHR, models.RoleQuality} {
		u := ActorOf(mustUser(t, s, "u"+string(r), nil, r))
		if _, err := s.ListAutoBackups(t.Context(), u); !errors.Is(err, models.ErrForbidden) {
			t.Errorf("%s: err = %v, want ErrForbidden", r, err)
		}
	}
}

// Rule: a database without automatic backups lists none, without an error:
// a SQLite desk whose backup folder does not exist yet, and PostgreSQL
// (automatic file backups are for SQLite desks; AutoBackupDir is empty).
func TestListAutoBackupsNone(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open(t)
			admin := ActorOf(mustUser(t, s, "root", nil, models.RoleAdmin))
			if name == "postgres" && s.AutoBackupDir() != "" {
				t.Errorf("PostgreSQL has a backup folder %q", s.AutoBackupDir())
			}
			got, err := s.ListAutoBackups(t.Context(), admin)
			if err != nil || got == nil || len(got) != 0 {
				t.Errorf("got %v, %v; want an empty list", got, err)
			}
			if name == "sqlite" && !strings.HasSuffix(s.AutoBackupDir(), "backups") {
				t.Errorf("backup folder %q", s.AutoBackupDir())
			}
		})
	}
}
