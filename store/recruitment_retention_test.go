package store

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"sullam/models"
)

// rejectedOn creates a candidate and rejects them on the given date.
func rejectedOn(t *testing.T, s *Store, hr Actor, jobID uint, name, on string) models.Candidate {
	t.Helper()
	c, err := s.Recruitment().SaveCandidate(t.Context(), hr, models.Candidate{FullName: name, Email: name + "@example.com", JobID: jobID, AppliedOn: models.MustDate(on).AddDays(-30)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), hr, c.ID, c.Version, models.StageRejected, "not this time", models.MustDate(on)); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestAutoRetentionOncePerDay checks issue 11 part 3 with an injected
// clock, on both databases: the automatic run anonymises the candidates
// rejected before the retention period (24 months by default) and not the
// recent ones, removes the automatic backups dated before the period (and
// no other file), writes one "retention_run" audit entry, and runs at most
// once a day: a second call the same day does nothing, the next day it runs
// again.
func TestAutoRetentionOncePerDay(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			clk := &testClock{t: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}
			s := open(t, WithClock(clk.Now))
			hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
			jobs, err := s.Recruitment().ListJobs(t.Context(), hr, false)
			if err != nil || len(jobs) == 0 {
				t.Fatalf("jobs: %v", err)
			}
			old := rejectedOn(t, s, hr, jobs[0].ID, "oldone", "2024-04-30")
			edge := rejectedOn(t, s, hr, jobs[0].ID, "edgeone", "2024-05-01")
			recent := rejectedOn(t, s, hr, jobs[0].ID, "recentone", "2025-12-01")
			dir := t.TempDir()
			files := []string{"sullam-2024-03-01.db", "sullam-2024-04-30.db", "sullam-2024-05-01.db", "sullam-2026-04-30.db", "sullam-manual.db", "notes.txt"}
			for _, f := range files {
				if err := os.WriteFile(filepath.Join(dir, f), []byte("x"), 0o600); err != nil {
					t.Fatal(err)
				}
			}
			run, err := s.Recruitment().AutoRetention(t.Context(), dir)
			if err != nil {
				t.Fatalf("first run: %v", err)
			}
			wantRemoved := []string{filepath.Join(dir, "sullam-2024-03-01.db"), filepath.Join(dir, "sullam-2024-04-30.db")}
			if !run.Ran || run.Anonymised != 1 || run.Before != models.MustDate("2024-05-01") || !reflect.DeepEqual(run.BackupsRemoved, wantRemoved) {
				t.Fatalf("first run %+v, want ran, 1 anonymised, before 2024-05-01, removed %v", run, wantRemoved)
			}
			for _, f := range files {
				_, err := os.Stat(filepath.Join(dir, f))
				gone := os.IsNotExist(err)
				if want := f == "sullam-2024-03-01.db" || f == "sullam-2024-04-30.db"; gone != want {
					t.Errorf("backup %s removed=%v, want %v", f, gone, want)
				}
			}
			for c, want := range map[uint]bool{old.ID: true, edge.ID: false, recent.ID: false} {
				got, _ := s.Recruitment().Candidate(t.Context(), hr, c)
				if got.Anonymized != want {
					t.Errorf("candidate %d anonymised=%v, want %v", c, got.Anonymized, want)
				}
			}
			later := rejectedOn(t, s, hr, jobs[0].ID, "laterone", "2024-01-15")
			clk.t = clk.t.Add(10 * time.Hour) // same day
			if run, err := s.Recruitment().AutoRetention(t.Context(), dir); err != nil || run.Ran {
				t.Fatalf("second run the same day: %+v %v, want nothing done", run, err)
			}
			if got, _ := s.Recruitment().Candidate(t.Context(), hr, later.ID); got.Anonymized {
				t.Error("the second run the same day anonymised a candidate")
			}
			clk.t = clk.t.Add(24 * time.Hour)
			run, err = s.Recruitment().AutoRetention(t.Context(), dir)
			if err != nil || !run.Ran || run.Anonymised != 2 || run.Before != models.MustDate("2024-05-02") {
				t.Fatalf("next day's run %+v %v, want ran and 2 anonymised (later and the edge case)", run, err)
			}
			logs, err := s.AuditLog(t.Context(), SystemActor("t"), AuditFilter{Action: "retention_run"})
			if err != nil || len(logs) != 2 || logs[0].Username != "cli:retention" {
				t.Fatalf("retention_run audit entries %+v %v, want 2 by the system", logs, err)
			}
		})
	}
}

// TestRetentionPeriodSetting checks that HR may set the retention period
// (1 to 120 months, audited), others may not, and the run uses it.
func TestRetentionPeriodSetting(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}
	s := newStore(t, WithClock(clk.Now))
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	sup := ActorOf(mustUser(t, s, "sup", nil, models.RoleSupervisor))
	if m, err := s.Recruitment().RetentionMonths(t.Context()); err != nil || m != DefaultRetentionMonths {
		t.Fatalf("default period %d %v", m, err)
	}
	if err := s.Recruitment().SetRetentionMonths(t.Context(), sup, 6); err == nil {
		t.Fatal("a supervisor set the retention period")
	}
	for _, bad := range []int{0, 121} {
		if err := s.Recruitment().SetRetentionMonths(t.Context(), hr, bad); err == nil {
			t.Fatalf("period %d accepted", bad)
		}
	}
	if err := s.Recruitment().SetRetentionMonths(t.Context(), hr, 6); err != nil {
		t.Fatal(err)
	}
	jobs, _ := s.Recruitment().ListJobs(t.Context(), hr, false)
	c := rejectedOn(t, s, hr, jobs[0].ID, "sixmonths", "2025-10-15")
	run, err := s.Recruitment().AutoRetention(t.Context(), "")
	if err != nil || run.Anonymised != 1 || run.Before != models.MustDate("2025-11-01") {
		t.Fatalf("run with a 6-month period %+v %v", run, err)
	}
	if got, _ := s.Recruitment().Candidate(t.Context(), hr, c.ID); !got.Anonymized {
		t.Error("candidate rejected 6.5 months ago kept")
	}
	logs, _ := s.AuditLog(t.Context(), SystemActor("t"), AuditFilter{Action: "update"})
	found := false
	for _, l := range logs {
		found = found || (l.Entity == "retention_period" && l.New == `{"months":6}`)
	}
	if !found {
		t.Error("the period change was not audited")
	}
}

// TestErasePendingIsRetried checks the case where another connection keeps
// the WAL checkpoint after an erasure from completing (a reader in the
// middle of a transaction): the anonymisation is committed, the caller is
// told the clean-up is pending (ErrErasePending), and the next automatic
// call (the next start, even the same day) cleans the file.
// The busy timeout (10 s) elapses once in this test.
func TestErasePendingIsRetried(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}
	s := newStore(t, WithClock(clk.Now))
	if _, err := s.Recruitment().AutoRetention(t.Context(), ""); err != nil { // today's run, before the data
		t.Fatal(err)
	}
	hr := ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	jobs, _ := s.Recruitment().ListJobs(t.Context(), hr, false)
	c := rejectedOn(t, s, hr, jobs[0].ID, "pendingperson", "2026-04-01")
	reader, err := sql.Open("sqlite3", "file:"+s.path+"?_journal_mode=WAL")
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	tx, err := reader.Begin()
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := tx.QueryRow("SELECT COUNT(*) FROM candidates").Scan(&n); err != nil {
		t.Fatal(err)
	}
	err = s.Recruitment().AnonymiseCandidate(t.Context(), hr, c.ID)
	if !errors.Is(err, ErrErasePending) {
		t.Fatalf("anonymise under a reader: %v, want ErrErasePending", err)
	}
	if got, _ := s.Recruitment().Candidate(t.Context(), hr, c.ID); !got.Anonymized {
		t.Fatal("the anonymisation was not committed")
	}
	tx.Rollback()
	clk.t = clk.t.Add(2 * time.Hour) // the same day: the retention itself already ran
	run, err := s.Recruitment().AutoRetention(t.Context(), "")
	if err != nil || run.Ran {
		t.Fatalf("the same day's call %+v %v, want the clean-up only", run, err)
	}
	for k, n := range rawFileHits(t, s.path, []string{"pendingperson"}) {
		t.Errorf("after the retried clean-up, %s occurs %d times", k, n)
	}
	if v, _ := getMeta(s.db, metaErasePending); v != "0" {
		t.Errorf("erase_pending = %q after the clean-up, want 0", v)
	}
}

// TestAutoRetentionDoneTodayNeedsNoLock checks that once today's run is
// done, AutoRetention does not ask for the write lock: while another
// program holds it, the call returns at once without an error (a command
// would otherwise wait the busy timeout and log a failure).
func TestAutoRetentionDoneTodayNeedsNoLock(t *testing.T) {
	clk := &testClock{t: time.Date(2026, 5, 1, 8, 0, 0, 0, time.UTC)}
	s := newStore(t, WithClock(clk.Now))
	if run, err := s.Recruitment().AutoRetention(t.Context(), ""); err != nil || !run.Ran {
		t.Fatalf("first run: %+v %v", run, err)
	}
	holder, err := sql.Open("sqlite3", "file:"+s.path+"?_busy_timeout=0")
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	holder.SetMaxOpenConns(1)
	if _, err := holder.Exec("BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	defer holder.Exec("ROLLBACK")
	s.db.Exec("PRAGMA busy_timeout = 0") // on one pooled connection: a wait for the lock there fails at once, not after 10 s
	if run, err := s.Recruitment().AutoRetention(t.Context(), ""); err != nil || run.Ran {
		t.Fatalf("second call the same day under another writer: %+v %v, want nothing done and no error", run, err)
	}
}
