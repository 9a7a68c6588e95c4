package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"sullam/models"
)

// keyDSNs returns, per backend, a function making a new empty database and
// returning its DSN, for tests that open it more than once (each store its
// own connections, as two desks or two command-line runs would).
func keyDSNs(t *testing.T) map[string]func(t *testing.T) string {
	m := map[string]func(t *testing.T) string{"sqlite": func(t *testing.T) string {
		return filepath.Join(t.TempDir(), "keys.db")
	}}
	base := os.Getenv("SULLAM_TEST_PG")
	if base == "" {
		return m
	}
	m["postgres"] = newPostgresDSN
	return m
}

// openDSN opens a store on dsn, closed when the test ends.
func openDSN(t *testing.T, dsn string) *Store {
	t.Helper()
	s, err := Open(dsn)
	if err != nil {
		t.Fatalf("open %s: %v", dsn, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// candidateRows returns n candidates for job, e-mails c0@x.example…, on lines from 2.
func candidateRows(job string, n int) []models.CandidateRow {
	rows := make([]models.CandidateRow, n)
	for i := range rows {
		rows[i] = models.CandidateRow{Line: i + 2, JobCode: job, Candidate: models.Candidate{
			FullName: fmt.Sprintf("مرشح %d", i), Email: fmt.Sprintf("C%d@x.example", i), AppliedOn: models.MustDate("2026-01-10"),
			ExperienceYears: "2.5", Languages: "ar,en"}}
	}
	return rows
}

// reviewRows returns a review per agent of nos on each of dates, rating
// every competency of comps rating, on lines from 2.
func reviewRows(comps []models.Competency, nos []string, dates []string, rating int) []models.ReviewRow {
	var rows []models.ReviewRow
	for _, no := range nos {
		for _, d := range dates {
			r := models.ReviewRow{Line: len(rows) + 2, EmployeeNo: no, Review: models.Review{ReviewDate: models.MustDate(d), Period: "Q"},
				Ratings: map[string]int{}}
			for _, c := range comps {
				r.Ratings[c.Code] = rating
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// activeComps returns the active competencies.
func activeComps(t *testing.T, s *Store) []models.Competency {
	t.Helper()
	var comps []models.Competency
	if err := s.db.Where("active = ?", true).Order("sort").Find(&comps).Error; err != nil || len(comps) == 0 {
		t.Fatalf("competencies: %v (%d)", err, len(comps))
	}
	return comps
}

// seededJob returns the code of a seeded job description.
func seededJob(t *testing.T, s *Store) string {
	t.Helper()
	var j models.JobDescription
	if err := s.db.Order("id").First(&j).Error; err != nil {
		t.Fatalf("seeded job: %v", err)
	}
	return j.Code
}

// checkRace checks the results of two imports of the same n rows run at
// once: no error but a conflict naming a line and a value, and between the
// two every row inserted exactly once (the other import finding it
// unchanged, or refused whole).
func checkRace(t *testing.T, kind string, n int, res [2]models.ImportResult, errs [2]error) {
	t.Helper()
	inserted := 0
	for i, err := range errs {
		var ce *models.ConflictError
		switch {
		case err == nil:
			if res[i].Inserted+res[i].Unchanged != n || res[i].Updated != 0 {
				t.Errorf("%s import %d: %+v, want %d rows inserted or unchanged", kind, i, res[i], n)
			}
			inserted += res[i].Inserted
		case errors.As(err, &ce):
			if ce.Line < 2 || ce.Value == "" || !errors.Is(err, models.ErrAlreadyExists) {
				t.Errorf("%s import %d: conflict without a line or a value: %v", kind, i, err)
			}
		default:
			t.Errorf("%s import %d: %v", kind, i, err)
		}
	}
	if inserted != n {
		t.Errorf("%s: the two imports inserted %d rows together, want %d (%+v, %v)", kind, inserted, n, res, errs)
	}
}

// Rule (issue 10.8): two imports of the same candidates file and of the same
// reviews file running at once, each through its own store (own
// connections), store every candidate (by e-mail, ignoring case) and every
// review (by employee_no, review_date, reviewer) once: the second finds
// them unchanged, or, when it lost a race on a unique key, reports the
// line and the value. On PostgreSQL the unkeyed reviews and the looked-up
// e-mails were stored twice before.
func TestConcurrentImportsStoreEachKeyOnce(t *testing.T) {
	for name, mk := range keyDSNs(t) {
		t.Run(name, func(t *testing.T) {
			dsn := mk(t)
			s0 := openDSN(t, dsn)
			var nos []string
			for i := 0; i < 20; i++ {
				no := fmt.Sprintf("E%02d", i)
				mustAgent(t, s0, no, nil)
				nos = append(nos, no)
			}
			cands := candidateRows(seededJob(t, s0), 150)
			revs := reviewRows(activeComps(t, s0), nos, []string{"2025-03-30", "2025-06-29", "2025-09-28", "2025-12-28"}, 4)
			stores := [2]*Store{openDSN(t, dsn), openDSN(t, dsn)}
			sys := SystemActor("test")
			var (
				wg         sync.WaitGroup
				cres, rres [2]models.ImportResult
				cerr, rerr [2]error
				start      = make(chan struct{})
			)
			for i := range stores {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					cres[i], cerr[i] = stores[i].Recruitment().ImportCandidates(sys, ImportSource{File: "candidates.csv"}, cands)
					rres[i], rerr[i] = stores[i].ImportReviews(sys, ImportSource{File: "reviews.csv"}, revs)
				}()
			}
			close(start)
			wg.Wait()
			checkRace(t, "candidates", len(cands), cres, cerr)
			checkRace(t, "reviews", len(revs), rres, rerr)
			var nc, nr, distinct int64
			s0.db.Model(&models.Candidate{}).Count(&nc)
			s0.db.Model(&models.Candidate{}).Distinct("LOWER(email)").Count(&distinct)
			s0.db.Model(&models.Review{}).Count(&nr)
			if nc != int64(len(cands)) || distinct != nc || nr != int64(len(revs)) {
				t.Errorf("stored %d candidates (%d e-mails) and %d reviews, want %d and %d", nc, distinct, nr, len(cands), len(revs))
			}
		})
	}
}

// Rule (issue 10.8): the database refuses a second row with a stored key
// even when an import did not see the first (it was not committed yet):
// the unique indexes of migration 0009 (reviews; candidates by e-mail,
// ignoring case). The import that loses reports the file's line and the
// key's value, as a conflict (models.ErrAlreadyExists), and writes
// nothing. PostgreSQL only: there a writer does not wait for another at
// the start of its transaction.
func TestImportConflictNamesLineAndValue(t *testing.T) {
	mk, ok := keyDSNs(t)["postgres"]
	if !ok {
		t.Skip("SULLAM_TEST_PG not set")
	}
	dsn := mk(t)
	s := openDSN(t, dsn)
	e1 := mustAgent(t, s, "E1", nil)
	mustAgent(t, s, "E2", nil)
	job := seededJob(t, s)
	var jobID uint
	s.db.Model(&models.JobDescription{}).Where("code = ?", job).Pluck("id", &jobID)
	other, err := gorm.Open(postgres.Open(dsn), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if d, err := other.DB(); err == nil {
			d.Close()
		}
	})
	// waitBlocked returns once a session of the database waits for a lock
	// held by another transaction (the import, on the uncommitted key).
	waitBlocked := func() {
		t.Helper()
		for i := 0; ; i++ {
			var n int64
			s.db.Raw("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'").Scan(&n)
			if n > 0 {
				return
			}
			if i > 6000 {
				t.Fatal("the import never waited for the other transaction")
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	sys := SystemActor("test")

	t.Run("candidates", func(t *testing.T) {
		held := other.Begin()
		if err := held.Exec("INSERT INTO candidates (full_name, email, job_id, applied_on, stage, version, created_at, updated_at) VALUES ('x', 'c1@X.example', ?, '2026-01-01', 'applied', 1, now(), now())", jobID).Error; err != nil {
			t.Fatal(err)
		}
		rows := candidateRows(job, 3) // C0, C1, C2 on lines 2–4
		done := make(chan error)
		go func() {
			_, err := s.Recruitment().ImportCandidates(sys, ImportSource{File: "c.csv"}, rows)
			done <- err
		}()
		waitBlocked()
		if err := held.Commit().Error; err != nil {
			t.Fatal(err)
		}
		err := <-done
		var ce *models.ConflictError
		if !errors.As(err, &ce) || ce.Line != 3 || ce.Value != "C1@x.example" || ce.Column != "email" || ce.File != "c.csv" ||
			!errors.Is(err, models.ErrAlreadyExists) {
			t.Fatalf("err = %v, want a conflict on c.csv line 3, email C1@x.example", err)
		}
		var n int64
		s.db.Model(&models.Candidate{}).Count(&n)
		if n != 1 {
			t.Errorf("%d candidates stored, want only the other transaction's", n)
		}
	})

	t.Run("reviews", func(t *testing.T) {
		held := other.Begin()
		if err := held.Exec("INSERT INTO reviews (agent_id, review_date, period, comments, version, created_at, updated_at) VALUES (?, '2025-06-29', 'Q', '', 1, now(), now())", e1.ID).Error; err != nil {
			t.Fatal(err)
		}
		rows := reviewRows(activeComps(t, s), []string{"E2", "E1"}, []string{"2025-03-30", "2025-06-29"}, 3) // E1 2025-06-29 on line 5
		done := make(chan error)
		go func() {
			_, err := s.ImportReviews(sys, ImportSource{File: "r.csv"}, rows)
			done <- err
		}()
		waitBlocked()
		if err := held.Commit().Error; err != nil {
			t.Fatal(err)
		}
		err := <-done
		var ce *models.ConflictError
		if !errors.As(err, &ce) || ce.Line != 5 || ce.Value != "E1 / 2025-06-29" || !errors.Is(err, models.ErrAlreadyExists) {
			t.Fatalf("err = %v, want a conflict on r.csv line 5, value E1 / 2025-06-29", err)
		}
		var n int64
		s.db.Model(&models.Review{}).Count(&n)
		if n != 1 {
			t.Errorf("%d reviews stored, want only the other transaction's", n)
		}
	})
}

// Rule (migration 0009): rows stored twice under one natural key before the
// unique indexes existed are handled when the database is migrated: a later
// copy identical to the first (a file imported twice) is removed and the
// removal logged; copies that differ refuse the migration with a message
// naming them, and the database keeps them all.
func TestMigration0009Duplicates(t *testing.T) {
	for name, mk := range keyDSNs(t) {
		t.Run(name, func(t *testing.T) {
			dsn := mk(t)
			s := openDSN(t, dsn)
			mustAgent(t, s, "E1", nil)
			comps := activeComps(t, s)
			job := seededJob(t, s)
			sys := SystemActor("test")
			if _, err := s.ImportReviews(sys, ImportSource{File: "r.csv"}, reviewRows(comps, []string{"E1"}, []string{"2025-03-30"}, 4)); err != nil {
				t.Fatal(err)
			}
			if _, err := s.Recruitment().ImportCandidates(sys, ImportSource{File: "c.csv"}, candidateRows(job, 1)); err != nil {
				t.Fatal(err)
			}
			// back to the schema before 0009, then the copies the old imports made
			for _, q := range []string{"DROP INDEX ux_review_key", "DROP INDEX ux_candidate_email", "DELETE FROM schema_migrations WHERE id = '0009_natural_keys'",
				"INSERT INTO reviews (agent_id, review_date, period, comments, version, created_at, updated_at) SELECT agent_id, review_date, period, comments, version, created_at, updated_at FROM reviews",
				"INSERT INTO review_ratings (review_id, competency_code, rating) SELECT (SELECT MAX(id) FROM reviews), competency_code, rating FROM review_ratings",
				"INSERT INTO candidates (full_name, email, phone, job_id, applied_on, stage, education, experience_years, languages, source, notes, version, created_at, updated_at) SELECT full_name, UPPER(email), phone, job_id, applied_on, stage, education, experience_years, languages, source, notes, version, created_at, updated_at FROM candidates",
			} {
				if err := s.db.Exec(q).Error; err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			s.Close()
			s = openDSN(t, dsn)
			var nr, nc, logged int64
			s.db.Model(&models.Review{}).Count(&nr)
			s.db.Model(&models.Candidate{}).Count(&nc)
			s.db.Model(&models.AuditLog{}).Where("username = ? AND action = ?", "migration 0009", "delete").Count(&logged)
			if nr != 1 || nc != 1 || logged != 2 {
				t.Fatalf("after migration: %d reviews, %d candidates, %d removals logged; want 1, 1, 2", nr, nc, logged)
			}
			if _, err := s.ImportReviews(sys, ImportSource{File: "r.csv"}, reviewRows(comps, []string{"E1"}, []string{"2025-03-30"}, 4)); err != nil {
				t.Fatalf("the same file again: %v", err)
			}

			// a copy with another rating: which one is right is not guessed
			for _, q := range []string{"DROP INDEX ux_review_key", "DELETE FROM schema_migrations WHERE id = '0009_natural_keys'",
				"INSERT INTO reviews (agent_id, review_date, period, comments, version, created_at, updated_at) SELECT agent_id, review_date, period, 'other', version, created_at, updated_at FROM reviews",
			} {
				if err := s.db.Exec(q).Error; err != nil {
					t.Fatalf("%s: %v", q, err)
				}
			}
			s.Close()
			if _, err := Open(dsn); err == nil || !strings.Contains(err.Error(), "agent E1 on 2025-03-30") || !strings.Contains(err.Error(), "differ") {
				t.Fatalf("open with differing copies: %v, want a refusal naming agent E1 on 2025-03-30", err)
			}
		})
	}
}
