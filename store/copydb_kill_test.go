package store_test

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"sullam/store"
)

// Environment of the child process of TestMigrateKilledLeavesTargetEmpty.
const (
	copyChildSrc = "SULLAM_COPY_CHILD_SRC"
	copyChildDst = "SULLAM_COPY_CHILD_DST"
	copyingMark  = "COPYING attendance_days"
)

// TestMigrateKilledChild is not a test: it is the child process of
// TestMigrateKilledLeavesTargetEmpty (started with copyChildSrc set, and
// skipped otherwise). It migrates, says so on stdout once the copy is
// inside attendance_days, and then waits there to be killed.
func TestMigrateKilledChild(t *testing.T) {
	src := os.Getenv(copyChildSrc)
	if src == "" {
		t.Skip("only run as the child of a kill test")
	}
	st, err := store.Open(src)
	if err != nil {
		fmt.Fprintln(os.Stderr, "open:", err)
		os.Exit(3)
	}
	_, err = st.MigrateTo(context.Background(), store.SystemActor("child"), os.Getenv(copyChildDst), store.CopyOptions{
		BatchRows: 50,
		Progress: func(table string, rows int64) error {
			if table == "attendance_days" {
				fmt.Printf("%s %d\n", copyingMark, rows)
				select {} // killed here, in the middle of the copy
			}
			return nil
		},
	})
	fmt.Fprintln(os.Stderr, "the copy ended before it was killed:", err)
	os.Exit(3)
}

// Rule (issue 11): a migrate killed (SIGKILL) in the middle of the copy,
// after thousands of rows were written into the target, leaves the target
// empty (one transaction, schema included: no table on PostgreSQL, none in
// the SQLite file), and migrate into it again then succeeds.
func TestMigrateKilledLeavesTargetEmpty(t *testing.T) {
	if testing.Short() {
		t.Skip("child processes")
	}
	srcPath := filepath.Join(t.TempDir(), "desk.db")
	src := filled(t, srcPath)
	targets := map[string]string{"sqlite": filepath.Join(t.TempDir(), "target.db")}
	if os.Getenv("SULLAM_TEST_PG") != "" {
		targets["postgres"] = store.NewPostgresDSN(t)
	}
	for name, dst := range targets {
		t.Run(name, func(t *testing.T) {
			cmd := exec.Command(os.Args[0], "-test.run=^TestMigrateKilledChild$", "-test.count=1")
			cmd.Env = append(os.Environ(), copyChildSrc+"="+srcPath, copyChildDst+"="+dst)
			var stderr strings.Builder
			cmd.Stderr = &stderr
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			seen := false
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				if strings.HasPrefix(sc.Text(), copyingMark) {
					seen = true
					break
				}
			}
			cmd.Process.Kill()
			cmd.Wait()
			if !seen {
				t.Fatalf("the child never reached the middle of the copy: %s", stderr.String())
			}
			if d := dump(t, dst); len(d) != 0 {
				names := []string{}
				for n := range d {
					names = append(names, n)
				}
				t.Fatalf("the killed copy left tables in the target: %v", names)
			}
			want := dump(t, srcPath)
			if _, err := src.MigrateTo(context.Background(), store.SystemActor("test"), dst, store.CopyOptions{}); err != nil {
				t.Fatalf("migrate again after the kill: %v", err)
			}
			sameDump(t, want, dump(t, dst))
		})
	}
}
