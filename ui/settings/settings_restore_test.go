package settings

import (
	"errors"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 10 item 2): an admin restores a backup from Settings → Backup:
// typing the file, tapping Restore and confirming replaces the database
// (a later agent is gone), says where the old file is kept, and hands the
// closed store back to be opened again.
func TestSettingsRestoreAsAdmin(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	dir := t.TempDir()
	path := filepath.Join(dir, "live.db")
	st, err := store.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	admin, err := st.Accounts().CreateFirstAdmin(t.Context(), store.NewUser{Username: "admin", Password: "a long enough secret"})
	if err != nil {
		t.Fatal(err)
	}
	a := store.ActorOf(admin)
	uitest.SeedAgents(t, st, 1)
	backup := filepath.Join(dir, "backup.db")
	if err := st.Backup(t.Context(), a, backup); err != nil {
		t.Fatal(err)
	}
	later := mustAgentNo(t, st, "LATER-1")

	reopened := 0
	scr := NewSettingsScreen(widgets.WithAccounts(st), nil, a, admin, func(string) {}, path).OnRestored(func() { reopened++ })
	w := test.NewWindow(nil)
	defer w.Close()
	scr.win = w
	w.SetContent(scr.BackupTab())
	test.Type(uitest.FindEntry(w.Content(), i18n.T("settings.restore_file")), backup)
	test.Tap(uitest.FindButton(w.Content(), i18n.T("settings.restore_now")))
	uitest.WaitFor(t, "the confirmation", func() bool { return uitest.HasButton(w, "Yes") })
	test.Tap(uitest.FindButton(w.Canvas().Overlays().Top(), "Yes"))
	uitest.WaitFor(t, "the restore", func() bool { return reopened > 0 })

	if !uitest.FindLabelContaining(w.Content(), "The database was restored from") {
		t.Error("no success message on the screen")
	}
	kept, _ := filepath.Glob(path + ".before-restore-*")
	if len(kept) != 1 || !uitest.FindLabelContaining(w.Content(), kept[0]) {
		t.Errorf("kept files %v: want one, named on the screen", kept)
	}
	r, err := store.Open(path)
	if err != nil {
		t.Fatalf("the restored database does not open: %v", err)
	}
	defer r.Close()
	if _, err := r.Agent(t.Context(), store.SystemActor("t"), later); !errors.Is(err, models.ErrNotFound) {
		t.Errorf("agent made after the backup: %v, want gone", err)
	}
}

// Rule: the Backup tab (backup and restore) is an admin's only; a manager's
// settings have no such tab, and the store refuses the call anyway
// (store.TestRestoreAdminOnly).
func TestSettingsBackupTabAdminOnly(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	mgr := uitest.MustTestUser(t, st, "boss", models.RoleManager)
	scr := NewSettingsScreen(widgets.WithAccounts(st), test.NewWindow(nil), store.ActorOf(mgr), mgr, func(string) {}, "x.db")
	tabs := scr.Content().(*widgets.ReadingTabs)
	for _, it := range tabs.Items {
		if it.Text == i18n.T("settings.backup") {
			t.Fatal("a manager sees the Backup tab")
		}
	}
	if _, err := st.Restore(t.Context(), store.ActorOf(mgr), "x.db"); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("restore as manager: %v, want forbidden", err)
	}
}

// mustAgentNo creates an agent with the employee number and returns it.
func mustAgentNo(t *testing.T, st *store.Store, no string) string {
	t.Helper()
	_, err := st.SaveAgent(t.Context(), store.SystemActor("t"), models.Agent{EmployeeNo: no, FullName: "Later", HireDate: models.MustDate("2020-01-05"),
		Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), Team: "A", Status: models.Active})
	if err != nil {
		t.Fatal(err)
	}
	return no
}
