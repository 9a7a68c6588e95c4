package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// tableCells returns the texts of the rendered cells of table tb (headers
// excluded), row by row in displayed column order.
func tableCells(tb *widget.Table) [][]string {
	rows, cols := tb.Length()
	out := make([][]string, rows)
	for r := range rows {
		for c := range cols {
			o := tb.CreateCell()
			tb.UpdateCell(widget.TableCellID{Row: r, Col: c}, o)
			out[r] = append(out[r], o.(*widget.Label).Text)
		}
	}
	return out
}

// Rule (issue 13, Settings → Backup): an admin who taps Settings and then
// the Backup tab sees the automatic backups of this desk, newest first,
// each with its day in words, its size and its file name, in English and
// in Arabic (mirrored: the day in the rightmost column); a manual backup
// in the same folder is not an automatic one and is not listed.
func TestSettingsListsAutomaticBackups(t *testing.T) {
	for _, code := range []string{"en", "ar"} {
		t.Run(code, func(t *testing.T) {
			test.NewTempApp(t)
			i18n.Use(code)
			t.Cleanup(func() { i18n.Use("en") })
			path := filepath.Join(t.TempDir(), "desk.db")
			st, err := store.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			root, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "root", Password: uitest.Password})
			if err != nil {
				t.Fatal(err)
			}
			if err := st.Accounts().SetLanguage(t.Context(), store.ActorOf(root), code); err != nil {
				t.Fatal(err)
			}
			dir := st.AutoBackupDir()
			if err := os.MkdirAll(dir, 0o700); err != nil {
				t.Fatal(err)
			}
			for name, size := range map[string]int{"sullam-2026-11-30.db": 2048, "sullam-2026-12-01.db": 3 << 20, "before-upgrade.db": 10} {
				if err := os.WriteFile(filepath.Join(dir, name), make([]byte, size), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			w := test.NewWindow(nil)
			t.Cleanup(w.Close)
			w.Resize(fyne.NewSize(1366, 768))
			c := NewController(fyne.CurrentApp(), w, st, widgets.NewSettings(fyne.CurrentApp().Preferences()), path)
			c.Start()
			test.Type(c.signIn.username, "root")
			test.Type(c.signIn.password, uitest.Password)
			test.Tap(c.signIn.button)
			uitest.WaitFor(t, "the shell", func() bool { return c.shell != nil })
			uitest.TapShowing(t, w, i18n.T("nav.settings"))
			uitest.WaitFor(t, "the settings", func() bool { return uitest.TappableShowing(w.Content(), i18n.T("settings.backup")) != nil })
			uitest.TapShowing(t, w, i18n.T("settings.backup"))
			var tb *widget.Table
			uitest.WaitFor(t, "the list of backups", func() bool {
				tb, _ = uitest.FindVisible(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Table); return ok }).(*widget.Table)
				if tb == nil {
					return false
				}
				rows, _ := tb.Length()
				return rows > 0
			})
			got := tableCells(tb)
			want := [][]string{
				{"Tuesday 1 December 2026", "3.0 MB", "sullam-2026-12-01.db"},
				{"Monday 30 November 2026", "2.0 KB", "sullam-2026-11-30.db"},
			}
			if code == "ar" {
				want = [][]string{
					{"الثلاثاء 1 ديسمبر 2026", "3.0 م.بايت", "sullam-2026-12-01.db"},
					{"الاثنين 30 نوفمبر 2026", "2.0 ك.بايت", "sullam-2026-11-30.db"},
				}
			}
			if len(got) != len(want) {
				t.Fatalf("listed %d backups, want %d: %q", len(got), len(want), got)
			}
			for i, row := range got {
				day, size, file := row[0], row[2], row[3]
				if code == "ar" { // mirrored: the first column on the right
					day, size, file = row[3], row[1], row[0]
				}
				// the cells are in display order (Arabic with numbers reordered)
				if day != i18n.Display(want[i][0]) || size != i18n.Display(want[i][1]) || file != want[i][2] {
					t.Errorf("row %d = %q, want %q", i, row, want[i])
				}
			}
			if strings.Contains(strings.Join(got[0], " "), "before-upgrade") || strings.Contains(strings.Join(got[1], " "), "before-upgrade") {
				t.Error("a manual backup is listed as automatic")
			}
			if !uitest.FindLabelContaining(w.Content(), i18n.T("settings.autobackups_count", map[string]any{"Count": 2, "Keep": 14})) { // the logical text (wrapLabel)
				t.Error("no count of the automatic backups above the list")
			}
		})
	}
}

// Rule (issue 13, honest about PostgreSQL): on a PostgreSQL database the
// Backup tab lists no backup files but says that automatic file backups are
// for SQLite desks and how a shared server is backed up (sullam backup).
func TestSettingsBackupsOnPostgres(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	admin := store.Actor{Username: "root", Roles: []models.Role{models.RoleAdmin}}
	s := settings.NewSettingsScreen(widgets.WithAccounts(st), test.NewWindow(nil), admin, models.User{Username: "root"}, func(string) {}, "postgres://sullam:pw@db.example/sullam")
	content := s.BackupTab()
	text := strings.Join(uitest.LabelTexts(content), "\n")
	if !strings.Contains(text, "only on desks whose database is a SQLite file") || !strings.Contains(text, "backup <file>") {
		t.Errorf("no honest sentence about PostgreSQL backups:\n%s", text)
	}
	if uitest.FindObject(content, func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Table); return ok }) != nil {
		t.Error("a list of backup files on PostgreSQL")
	}
}
