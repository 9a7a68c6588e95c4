package store

import (
	"bufio"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// demoKillChild names the database the child process of
// TestDemoKilledHalfWayLeavesNothing loads into.
const demoKillChild = "SULLAM_DEMO_KILL_CHILD"

// journalMode returns the journal mode of st's connection in tx.
func journalMode(t *testing.T, st *Store) string {
	t.Helper()
	var mode string
	if err := st.db.Raw("PRAGMA journal_mode").Scan(&mode).Error; err != nil {
		t.Fatal(err)
	}
	return mode
}

// TestDemoKillChild is not a test: it is the child process of
// TestDemoKilledHalfWayLeavesNothing (started with demoKillChild set,
// skipped otherwise). Inside a demo load it imports agents, writes 4 MB
// more through a page cache of 20 pages (so that SQLite writes them into
// the database file), prints the journal mode and waits to be killed.
func TestDemoKillChild(t *testing.T) {
	path := os.Getenv(demoKillChild)
	if path == "" {
		t.Skip("only run as the child of a kill test")
	}
	st, err := Open(path)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	err = st.LoadDemoAtomically(t.Context(), func(tx *Store) error {
		addAgents(t, tx, "KILLED", 3000)
		if err := tx.db.Exec("PRAGMA cache_size = 20").Error; err != nil {
			return err
		}
		if err := tx.db.Exec("CREATE TABLE filler (x BLOB)").Error; err != nil {
			return err
		}
		if err := tx.db.Exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < 20000) INSERT INTO filler SELECT randomblob(200) FROM c").Error; err != nil {
			return err
		}
		fmt.Println("LOADING", journalMode(t, tx))
		select {} // killed here
	})
	fmt.Fprintln(os.Stderr, "the load ended before it was killed:", err)
	os.Exit(3)
}

// Rule (issue 17, demo speed; issue 10, all or nothing): a demo load on a
// SQLite database that nothing else has open runs with a rollback journal
// (its rows are written once, into the database file, not into the WAL
// and copied from it), and killed (SIGKILL) after it wrote pages into the
// file it still leaves the database as it was: sound, without the load's
// agents, back in WAL mode, and a demo can be loaded again.
func TestDemoKilledHalfWayLeavesNothing(t *testing.T) {
	if testing.Short() {
		t.Skip("child process")
	}
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	addAgents(t, st, "BEFORE", 3)
	st.Close()
	before, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}

	cmd := exec.Command(os.Args[0], "-test.run=^TestDemoKillChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), demoKillChild+"="+path)
	cmd.Stderr = os.Stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	line, _ := bufio.NewReader(out).ReadString('\n')
	during, _ := os.Stat(path)
	cmd.Process.Kill()
	cmd.Wait()
	if !strings.HasPrefix(line, "LOADING") {
		t.Fatalf("the child did not reach the middle of the load: %q", line)
	}
	if mode := strings.TrimSpace(strings.TrimPrefix(line, "LOADING")); mode != "delete" {
		t.Errorf("journal mode during the demo load: %q, want delete (a rollback journal)", mode)
	}
	if during == nil || during.Size() <= before.Size() {
		t.Fatalf("the load wrote nothing into the database file (%d → %v bytes): the kill tests nothing", before.Size(), during)
	}

	st, err = Open(path)
	if err != nil {
		t.Fatalf("the database does not open after the kill: %v", err)
	}
	defer st.Close()
	var ok string
	if err := st.db.Raw("PRAGMA integrity_check").Scan(&ok).Error; err != nil || ok != "ok" {
		t.Fatalf("integrity check after the kill: %q, %v", ok, err)
	}
	var n, killed int64
	st.db.Raw("SELECT count(*) FROM agents").Scan(&n)
	st.db.Raw("SELECT count(*) FROM agents WHERE employee_no LIKE 'KILLED-%'").Scan(&killed)
	var filler int64
	st.db.Raw("SELECT count(*) FROM sqlite_master WHERE name = 'filler'").Scan(&filler)
	if n != 3 || killed != 0 || filler != 0 {
		t.Errorf("after the kill: %d agents (%d of the killed load), %d filler table; want the 3 agents from before", n, killed, filler)
	}
	if mode := journalMode(t, st); mode != "wal" {
		t.Errorf("journal mode after the kill: %q, want wal", mode)
	}
	if err := st.LoadDemoAtomically(t.Context(), func(tx *Store) error { addAgents(t, tx, "AGAIN", 5); return nil }); err != nil {
		t.Fatalf("a load after the kill: %v", err)
	}
	st.db.Raw("SELECT count(*) FROM agents").Scan(&n)
	if n != 8 {
		t.Errorf("after loading again: %d agents, want 8", n)
	}
}

// Rule (issue 17): after a demo load the database is back in WAL mode;
// a load while another connection has the file open (the window, another
// process) cannot leave WAL and runs in it, whole.
func TestDemoLoadJournalModes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "demo.db")
	st, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	// load loads 5 agents and returns the journal mode during the load
	load := func(prefix string) (during string) {
		if err := st.LoadDemoAtomically(t.Context(), func(tx *Store) error {
			during = journalMode(t, tx)
			addAgents(t, tx, prefix, 5)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
		return during
	}
	if during := load("ALONE"); during != "delete" {
		t.Errorf("journal mode of a load with the database alone: %q, want delete", during)
	}
	if mode := journalMode(t, st); mode != "wal" {
		t.Errorf("journal mode after the load: %q, want wal", mode)
	}

	other, err := Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	if _, err := other.HasData(t.Context()); err != nil { // opens a connection of its own
		t.Fatal(err)
	}
	if during := load("SHARED"); during != "wal" {
		t.Errorf("journal mode of a load while another connection has the file: %q, want wal", during)
	}
	var n int64
	other.db.Raw("SELECT count(*) FROM agents").Scan(&n)
	if n != 10 {
		t.Errorf("the other connection sees %d agents, want 10", n)
	}
}
