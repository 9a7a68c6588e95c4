package store

import (
	"database/sql"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"sullam/models"
)

// childEnv names the job a re-executed test binary does (see TestChildProcess).
const childEnv = "SULLAM_STORE_CHILD"

// TestChildProcess is not a test: it is the child process of the kill
// tests, started with childEnv set ("restore DB BACKUP"), and skips otherwise.
func TestChildProcess(t *testing.T) {
	job := strings.Fields(os.Getenv(childEnv))
	if len(job) == 0 {
		t.Skip("only run as the child of a kill test")
	}
	switch job[0] {
	case "restore":
		var opts []Option
		if len(job) > 3 { // kill this process right after that step
			opts = append(opts, withRestoreHook(func(step string) {
				if step == job[3] {
					if me, err := os.FindProcess(os.Getpid()); err == nil {
						me.Kill() // SIGKILL on Unix
					}
				}
			}))
		}
		s, err := Open(job[1], opts...)
		if err != nil {
			fmt.Fprintln(os.Stderr, "child open:", err)
			os.Exit(3)
		}
		if _, err := s.Restore(t.Context(), SystemActor("child"), job[2]); err != nil {
			fmt.Fprintln(os.Stderr, "child restore:", err)
			os.Exit(4)
		}
	case "backup":
		s, err := Open(job[1])
		if err != nil {
			os.Exit(3)
		}
		if err := s.Backup(t.Context(), SystemActor("child"), job[2]); err != nil {
			fmt.Fprintln(os.Stderr, "child backup:", err)
			os.Exit(4)
		}
		s.Close()
	}
	os.Exit(0)
}

// startChild runs this test binary as a child doing job.
func startChild(t *testing.T, job string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+job)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	return cmd
}

// agentNos lists the employee numbers in the database at path, and fails
// the test when it does not open or is not sound.
func agentNos(t *testing.T, path string) string {
	t.Helper()
	s, err := Open(path)
	if err != nil {
		t.Fatalf("the database does not open: %v", err)
	}
	defer s.Close()
	var res string
	if err := s.db.Raw("PRAGMA integrity_check").Scan(&res).Error; err != nil || res != "ok" {
		t.Fatalf("integrity check: %q, %v", res, err)
	}
	var nos []string
	if err := s.db.Model(&models.Agent{}).Order("employee_no").Pluck("employee_no", &nos).Error; err != nil {
		t.Fatal(err)
	}
	return strings.Join(nos, ",")
}

// addAgents inserts n agents named prefix-1… quickly (one transaction).
func addAgents(t *testing.T, s *Store, prefix string, n int) {
	t.Helper()
	rows := make([]models.AgentRow, n)
	for i := range rows {
		rows[i] = models.AgentRow{Agent: models.Agent{EmployeeNo: fmt.Sprintf("%s-%05d", prefix, i+1), FullName: strings.Repeat("name ", 20),
			HireDate: models.MustDate("2020-01-05"), Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), Team: "A", Status: models.Active}}
	}
	if _, err := s.ImportAgents(SystemActor("t"), ImportSource{File: "t"}, rows); err != nil {
		t.Fatal(err)
	}
}

// restoreFixture makes, in dir, a database live.db holding agents OLD-*
// and a backup b.db holding agents NEW-*, both closed.
func restoreFixture(t *testing.T, dir string, n int) (live, backup string) {
	t.Helper()
	live, backup = filepath.Join(dir, "live.db"), filepath.Join(dir, "b.db")
	other := filepath.Join(dir, "other.db")
	o, err := Open(other)
	if err != nil {
		t.Fatal(err)
	}
	addAgents(t, o, "NEW", n)
	if err := o.Backup(t.Context(), SystemActor("t"), backup); err != nil {
		t.Fatal(err)
	}
	o.Close()
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	addAgents(t, s, "OLD", n)
	s.Close()
	return live, backup
}

func copyDB(t *testing.T, src, dst string) {
	t.Helper()
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// leftovers lists the temporary files of a backup or restore in dir.
func leftovers(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if isTempName(e.Name()) || strings.Contains(e.Name(), inflightInfix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// Rule (issue 10 item 2): a restore killed (SIGKILL) at any moment leaves a
// database that opens, passes integrity_check and holds either the old or
// the new content entirely; the next Open removes the staged copy.
func TestRestoreKilledAtRandomPoints(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	tmpl := t.TempDir()
	live, backup := restoreFixture(t, tmpl, 3000)
	oldNos, newNos := agentNos(t, live), agentNos(t, backup)

	// One uninterrupted run tells how long a restore takes, to spread the
	// kills over it (the time is not asserted).
	dir := t.TempDir()
	copyDB(t, live, filepath.Join(dir, "live.db"))
	began := time.Now()
	if err := startChild(t, "restore "+filepath.Join(dir, "live.db")+" "+backup).Wait(); err != nil {
		t.Fatalf("uninterrupted restore: %v", err)
	}
	full := time.Since(began)
	if got := agentNos(t, filepath.Join(dir, "live.db")); got != newNos {
		t.Fatal("the uninterrupted restore did not restore the backup")
	}

	const trials = 12
	counts := map[string]int{}
	for i := range trials {
		dir := t.TempDir()
		db := filepath.Join(dir, "live.db")
		copyDB(t, live, db)
		cmd := startChild(t, "restore "+db+" "+backup)
		time.Sleep(time.Duration(rand.Int64N(int64(full))))
		cmd.Process.Kill() // SIGKILL on Unix
		cmd.Wait()
		switch got := agentNos(t, db); got {
		case oldNos:
			counts["old"]++
		case newNos:
			counts["new"]++
		default:
			t.Fatalf("trial %d: the database holds neither the old nor the new content (%d bytes of employee numbers)", i, len(got))
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("trial %d: left after the next open: %v", i, l)
		}
	}
	t.Logf("%d kills over a %s restore: old content %d, new content %d", trials, full.Round(time.Millisecond), counts["old"], counts["new"])
}

// Rule (issue 10 item 2): a restore killed (SIGKILL) right after each step
// of the swap leaves the old content before the rename and the new one
// after it, whole; the old database is kept from "kept" on, and the next
// Open leaves no temporary file behind.
func TestRestoreKilledAtEachStep(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	tmpl := t.TempDir()
	live, backup := restoreFixture(t, tmpl, 200)
	oldNos, newNos := agentNos(t, live), agentNos(t, backup)
	for _, tc := range []struct {
		step     string
		want     string
		keptFile bool
	}{
		{"staged", oldNos, false},
		{"locked", oldNos, false},
		{"checkpointed", oldNos, false},
		{"kept", oldNos, true},
		{"renamed", newNos, true},
	} {
		dir := t.TempDir()
		db := filepath.Join(dir, "live.db")
		copyDB(t, live, db)
		cmd := startChild(t, "restore "+db+" "+backup+" "+tc.step)
		err := cmd.Wait()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() == 3 || ee.ExitCode() == 4 {
			t.Fatalf("step %s: the child was not killed there (it ended: %v)", tc.step, err)
		}
		if got := agentNos(t, db); got != tc.want {
			t.Errorf("killed after %s: the database holds the wrong content", tc.step)
		}
		kept, _ := filepath.Glob(db + ".before-restore-*")
		if (len(kept) == 1) != tc.keptFile {
			t.Errorf("killed after %s: kept files %v", tc.step, kept)
		}
		if len(kept) == 1 && agentNos(t, kept[0]) != oldNos {
			t.Errorf("killed after %s: the kept file is not the old database", tc.step)
		}
		if l := leftovers(t, dir); len(l) > 0 {
			t.Errorf("killed after %s: left after the next open: %v", tc.step, l)
		}
	}
}

// Rule: a restore is refused while another Sullam process (here another
// open store, which holds its own lock) has the database open; the
// database keeps its content.
func TestRestoreRefusedWhileOpenElsewhere(t *testing.T) {
	dir := t.TempDir()
	live, backup := restoreFixture(t, dir, 3)
	oldNos := agentNos(t, live)
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	other, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	res, err := s.Restore(t.Context(), SystemActor("t"), backup)
	if !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while another store has the database open: %v, want ErrInUse", err)
	}
	if !res.Closed {
		t.Error("the result does not say the store was closed")
	}
	other.Close()
	if got := agentNos(t, live); got != oldNos {
		t.Errorf("the database changed: %s", got)
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// Rule: a restore is refused while a connection that does not take
// Sullam's lock (the sqlite3 shell, an older Sullam) has the database open:
// SQLite itself refuses to leave WAL mode then.
func TestRestoreRefusedWhileSQLiteConnectionOpen(t *testing.T) {
	dir := t.TempDir()
	live, backup := restoreFixture(t, dir, 3)
	oldNos := agentNos(t, live)
	raw, err := sql.Open("sqlite3", "file:"+live+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := raw.QueryRow("SELECT count(*) FROM agents").Scan(&n); err != nil { // the connection is now open
		t.Fatal(err)
	}
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Restore(t.Context(), SystemActor("t"), backup); !errors.Is(err, ErrInUse) {
		t.Fatalf("restore while a raw connection is open: %v, want ErrInUse", err)
	}
	raw.Close()
	if got := agentNos(t, live); got != oldNos {
		t.Errorf("the database changed: %s", got)
	}
}

// Rule: while a restore holds the exclusive lock, Open refuses (busy)
// instead of opening a file about to be replaced.
func TestOpenRefusedDuringRestoreLock(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	lock, err := lockFile(live+lockSuffix, true)
	if err != nil {
		t.Fatal(err)
	}
	defer lock.release()
	if _, err := Open(live); !errors.Is(err, models.ErrBusy) {
		t.Fatalf("open during a restore: %v, want ErrBusy", err)
	}
}

// Rule: a truncated or damaged backup is refused, the live database is
// untouched and the store stays open; nothing is left behind.
func TestRestoreRefusesDamagedBackup(t *testing.T) {
	dir := t.TempDir()
	live, backup := restoreFixture(t, dir, 500)
	oldNos := agentNos(t, live)
	data, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "truncated.db")
	os.WriteFile(truncated, data[:len(data)/2], 0o600)
	damaged := filepath.Join(dir, "damaged.db")
	bad := append([]byte(nil), data...)
	for i := 4096 * 2; i < len(bad) && i < 4096*6; i++ { // pages 3–6: the schema's and the tables' b-trees
		bad[i] = 0xA5
	}
	os.WriteFile(damaged, bad, 0o600)
	notSullam := filepath.Join(dir, "plain.db")
	p, _ := sql.Open("sqlite3", notSullam)
	if _, err := p.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	p.Close()

	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, f := range []string{truncated, damaged, notSullam} {
		res, err := s.Restore(t.Context(), SystemActor("t"), f)
		if err == nil || !errors.Is(err, models.ErrInvalid) || res.Closed {
			t.Errorf("restore from %s: %v (closed %v), want refused as invalid with the store open", filepath.Base(f), err, res.Closed)
		}
		if err != nil && !strings.Contains(err.Error(), f) {
			t.Errorf("the message does not name the file: %v", err)
		}
	}
	if _, err := s.Agent(t.Context(), SystemActor("t"), "OLD-00001"); err != nil {
		t.Errorf("the store no longer reads: %v", err)
	}
	s.Close()
	if got := agentNos(t, live); got != oldNos {
		t.Error("the live database changed")
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("left behind: %v", l)
	}
}

// Rule: a backup made by a newer Sullam (a migration this program does not
// know) is refused.
func TestRestoreRefusesNewerMigration(t *testing.T) {
	dir := t.TempDir()
	live, backup := restoreFixture(t, dir, 3)
	oldNos := agentNos(t, live)
	b, _ := sql.Open("sqlite3", backup)
	if _, err := b.Exec("INSERT INTO schema_migrations (id) VALUES ('9999_from_the_future')"); err != nil {
		t.Fatal(err)
	}
	b.Close()
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Restore(t.Context(), SystemActor("t"), backup)
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "newer Sullam") || !strings.Contains(err.Error(), "9999_from_the_future") {
		t.Fatalf("restore of a newer backup: %v", err)
	}
	s.Close()
	if got := agentNos(t, live); got != oldNos {
		t.Error("the live database changed")
	}
}

// Rule: only an admin restores; the check is in the store.
func TestRestoreAdminOnly(t *testing.T) {
	dir := t.TempDir()
	live, backup := restoreFixture(t, dir, 3)
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, r := range []models.Role{models.RoleManager, models.RoleHR, models.RoleQuality, models.RoleSupervisor, models.RoleAgent} {
		u := mustUser(t, s, "u-"+string(r), nil, r)
		res, err := s.Restore(t.Context(), ActorOf(u), backup)
		if !errors.Is(err, models.ErrForbidden) || res.Closed {
			t.Errorf("restore as %s: %v, want forbidden", r, err)
		}
	}
	if _, err := s.Agent(t.Context(), SystemActor("t"), "OLD-00001"); err != nil {
		t.Errorf("after the refusals: %v", err)
	}
}

// Rule: restore is refused on PostgreSQL with a clear message.
func TestRestoreRefusedOnPostgres(t *testing.T) {
	if os.Getenv("SULLAM_TEST_PG") == "" {
		t.Skip("SULLAM_TEST_PG not set")
	}
	s := newPostgres(t)
	_, err := s.Restore(t.Context(), SystemActor("t"), filepath.Join(t.TempDir(), "b.db"))
	if !errors.Is(err, models.ErrInvalid) || !strings.Contains(err.Error(), "PostgreSQL") {
		t.Fatalf("restore on PostgreSQL: %v", err)
	}
}

// Rule (issue 10 item 9): the temporary file of a backup that died is
// removed by the next Open; one whose backup still runs is left alone.
func TestOpenRemovesPartialBackupOfDeadProcess(t *testing.T) {
	dir := t.TempDir()
	live := filepath.Join(dir, "live.db")
	s, err := Open(live)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	elsewhere := t.TempDir()
	dead := filepath.Join(elsewhere, "dead.db"+partialSuffix)
	mark, err := beginInflight(live, dead)
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(dead, []byte("half a backup"), 0o600)
	mark.lock.release() // the process died: its lock is gone, its files stay
	running := filepath.Join(elsewhere, "running.db"+partialSuffix)
	busy, err := beginInflight(live, running)
	if err != nil {
		t.Fatal(err)
	}
	defer busy.end()
	os.WriteFile(running, []byte("a backup being written"), 0o600)

	s, err = Open(live)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	if _, err := os.Stat(dead); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dead backup's partial file is still there: %v", err)
	}
	if _, err := os.Stat(mark.marker); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the dead backup's marker is still there: %v", err)
	}
	if _, err := os.Stat(running); err != nil {
		t.Errorf("the running backup's partial file was removed: %v", err)
	}
}

// Rule (issue 10 item 9): a backup killed (SIGKILL) at random points leaves
// no .partial file once the database is opened again, and any backup file
// it did finish is a sound database.
func TestBackupKilledLeavesNoPartial(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	dir := t.TempDir()
	live, _ := restoreFixture(t, dir, 3000)
	out := t.TempDir()
	began := time.Now()
	if err := startChild(t, "backup "+live+" "+filepath.Join(out, "full.db")).Wait(); err != nil {
		t.Fatal(err)
	}
	full := time.Since(began)
	for i := range 8 {
		target := filepath.Join(out, fmt.Sprintf("b%d.db", i))
		cmd := startChild(t, "backup "+live+" "+target)
		time.Sleep(time.Duration(rand.Int64N(int64(full))))
		cmd.Process.Kill() // SIGKILL on Unix
		cmd.Wait()
		agentNos(t, live) // opens the database: removes the debris
		if _, err := os.Stat(target); err == nil {
			agentNos(t, target)
		}
	}
	var names []string
	entries, _ := os.ReadDir(out)
	for _, e := range entries {
		names = append(names, e.Name())
	}
	sort.Strings(names)
	for _, n := range names {
		if strings.HasSuffix(n, partialSuffix) {
			t.Errorf("left behind: %s (files: %v)", n, names)
		}
	}
	if l := leftovers(t, dir); len(l) > 0 {
		t.Errorf("markers left behind: %v", l)
	}
}
