package ui

import (
	"database/sql"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 10 item 3): saving while another program holds the write lock
// shows the translated "database is busy" message inside the form, which
// stays open with what the user typed; once the lock is gone, Save works.
func TestAgentFormBusyKeepsEntries(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	path := filepath.Join(t.TempDir(), "busy.db")
	st, err := store.Open(path, store.WithBusyTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		for deadline := time.Now().Add(10 * time.Second); !widgets.Background.Drain() && time.Now().Before(deadline); {
			time.Sleep(5 * time.Millisecond)
		}
		st.Close()
	})
	uitest.SeedAgents(t, st, 1)
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1000, 800))
	s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: hr})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the agents list", func() bool { return s.Total == 1 && len(s.Ladder) > 0 })

	holder, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}

	test.Tap(uitest.FindButton(w.Content(), "New agent"))
	no := uitest.TypeField(t, w, "Employee no.", "B1")
	name := uitest.TypeField(t, w, "Full name", "Busy Person")
	uitest.TypeField(t, w, "Hire date", "2024-01-07")
	uitest.TypeField(t, w, "In role since", "2024-01-07")
	uitest.TypeField(t, w, "Team", "A")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the busy message", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("error.busy") {
		t.Errorf("busy: error shown %q, want %q", got, i18n.T("error.busy"))
	}
	if !uitest.OnScreen(w, name) || name.Text != "Busy Person" || no.Text != "B1" {
		t.Errorf("the form closed or lost the entries: %q %q", no.Text, name.Text)
	}

	holder.Exec("ROLLBACK")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the save", func() bool { return s.Total == 2 })
	if _, err := st.Agent(t.Context(), hr, "B1"); err != nil {
		t.Errorf("the retried save: %v", err)
	}
}
