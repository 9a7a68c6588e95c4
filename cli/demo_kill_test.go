package cli

import (
	"database/sql"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// demoChildEnv holds the database a re-executed test binary loads the demo into.
const demoChildEnv = "SULLAM_CLI_DEMO_CHILD"

var demoArgs = []string{"demo", "--agents", "10", "--years", "1", "--seed", "7"}

// TestDemoChildProcess is not a test: it is the child process of
// TestDemoKilledRunsAgain, started with demoChildEnv set, and skips otherwise.
func TestDemoChildProcess(t *testing.T) {
	db := os.Getenv(demoChildEnv)
	if db == "" {
		t.Skip("only run as the child of a kill test")
	}
	code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": demoPassword}, demoArgs...)
	if code != 0 {
		os.Stderr.WriteString(stderr)
	}
	os.Exit(code)
}

// demoCounts returns the agents, attendance days and accounts in db and
// checks that the database is sound.
func demoCounts(t *testing.T, db string) [3]int {
	t.Helper()
	h, err := sql.Open("sqlite3", "file:"+db)
	if err != nil {
		t.Fatal(err)
	}
	defer h.Close()
	var ok string
	if err := h.QueryRow("PRAGMA integrity_check").Scan(&ok); err != nil || ok != "ok" {
		t.Fatalf("integrity check: %q, %v", ok, err)
	}
	var c [3]int
	for i, table := range []string{"agents", "attendance_days", "users"} {
		if err := h.QueryRow("SELECT count(*) FROM " + table).Scan(&c[i]); err != nil {
			t.Fatal(err)
		}
	}
	return c
}

// Rule (issue 10 item 9): a demo killed (SIGKILL) at random points leaves
// a sound database holding either no demo data, where running demo again
// succeeds, or the whole demo; never a half-loaded one that refuses to run.
func TestDemoKilledRunsAgain(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	start := func(db string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^TestDemoChildProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), demoChildEnv+"="+db)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	whole := filepath.Join(t.TempDir(), "whole.db")
	began := time.Now()
	if err := start(whole).Wait(); err != nil {
		t.Fatalf("uninterrupted demo: %v", err)
	}
	full := time.Since(began) // to spread the kills over a run; not asserted
	want := demoCounts(t, whole)
	if want[0] == 0 {
		t.Fatal("the uninterrupted demo loaded no agents")
	}

	empty, done := 0, 0
	for i := range 6 {
		db := filepath.Join(t.TempDir(), "demo.db")
		cmd := start(db)
		time.Sleep(time.Duration(rand.Int64N(int64(full))))
		cmd.Process.Kill() // SIGKILL on Unix
		cmd.Wait()
		if _, err := os.Stat(db); err != nil {
			empty++ // killed before the database was created
			continue
		}
		// opens it as the next run would; signed in when the demo finished (its accounts exist)
		code, _, stderr := run(t, db, as("manager"), "score", "--year", "2025")
		if code != 0 {
			t.Fatalf("trial %d: the database does not open after the kill: %s", i, stderr)
		}
		switch got := demoCounts(t, db); {
		case got == want:
			done++
		case got[0] == 0 && got[1] == 0:
			empty++
			if code, _, stderr := run(t, db, map[string]string{"SULLAM_PASSWORD": demoPassword}, demoArgs...); code != 0 {
				t.Fatalf("trial %d: demo again after the kill: exit %d: %s", i, code, stderr)
			}
			if again := demoCounts(t, db); again != want {
				t.Errorf("trial %d: the rerun loaded %v, want %v", i, again, want)
			}
		default:
			t.Fatalf("trial %d: half a demo is left: %v of %v", i, got, want)
		}
		if l, _ := filepath.Glob(db + ".inflight-*"); len(l) > 0 {
			t.Errorf("trial %d: markers left: %v", i, l)
		}
	}
	t.Logf("6 kills over a %s demo: %d left nothing (and ran again), %d had finished", full.Round(time.Millisecond), empty, done)
}
