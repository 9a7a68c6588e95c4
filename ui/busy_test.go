package ui

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// Rule (issue 10 item 3): saving while another program holds the write lock
// shows the translated "database is busy" message in a dialog, and the form
// comes back with what the user typed; once the lock is gone, Save works.
func TestAgentFormBusyKeepsEntries(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	path := filepath.Join(t.TempDir(), "busy.db")
	st, err := store.Open(path, store.WithBusyTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		waitFor(t, "the last loads", func() bool { return true })
		st.Close()
	})
	hr := store.ActorOf(mustTestUser(t, st, "hr1", models.RoleHR))
	holder, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	w := test.NewWindow(nil)
	defer w.Close()
	ladder, _ := st.Ladder()
	var saved *models.Agent
	f := newAgentForm(Deps{Store: st, Win: w, Actor: hr}, st, models.Agent{}, ladder, func(a models.Agent) { saved = &a })
	f.show()
	test.Type(f.no, "B1")
	test.Type(f.name, "Busy Person")
	test.Type(f.hire, "2024-01-07")
	test.Type(f.roleStart, "2024-01-07")
	test.Type(f.team, "A")
	test.Tap(findButton(w.Canvas().Overlays().Top(), lang.L("action.save")))

	waitFor(t, "the busy message", func() bool { return findLabel(w.Canvas().Overlays().Top(), lang.L("error.busy")) })
	if saved != nil {
		t.Fatal("a save while busy reported success")
	}
	test.Tap(findButton(w.Canvas().Overlays().Top(), "OK"))
	waitFor(t, "the form again", func() bool { return hasButton(w, lang.L("action.save")) })
	if f.name.Text != "Busy Person" || f.no.Text != "B1" {
		t.Errorf("the form lost the entries: %q %q", f.no.Text, f.name.Text)
	}

	holder.Exec("ROLLBACK")
	test.Tap(findButton(w.Canvas().Overlays().Top(), lang.L("action.save")))
	waitFor(t, "the save", func() bool { return saved != nil })
	if _, err := st.Agent(hr, "B1"); err != nil {
		t.Errorf("the retried save: %v", err)
	}
}
