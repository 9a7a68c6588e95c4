package settings

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 11): Settings → Backup never shows the database password: on
// PostgreSQL it names the database as postgres://user:***@host/db; on
// SQLite it names the backups folder.
func TestBackupTabMasksDSNPassword(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	w := test.NewWindow(nil)
	defer w.Close()
	admin := store.Actor{Username: "root", Roles: []models.Role{models.RoleAdmin}}
	for dsn, want := range map[string]string{
		"postgres://sullam:s3cret-pw@db.example:5432/sullam?sslmode=require": "postgres://sullam:***@db.example:5432/sullam?sslmode=require",
		"/home/hr/.config/sullam.db":                                         "/home/hr/.config/backups",
	} {
		s := NewSettingsScreen(widgets.WithAccounts(st), w, admin, models.User{Username: "root"}, func(string) {}, dsn)
		text := strings.Join(uitest.LabelTexts(s.BackupTab()), "\n")
		if strings.Contains(text, "s3cret-pw") {
			t.Errorf("%s: the Backup tab shows the password:\n%s", dsn, text)
		}
		if !strings.Contains(text, want) {
			t.Errorf("%s: the Backup tab does not show %q:\n%s", dsn, want, text)
		}
	}
}
