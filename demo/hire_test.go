package demo

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"sullam/internal/testenv"
	"sullam/models"
	"sullam/store"
)

// hireBackends returns the DSNs to test on: a new SQLite file, and a new
// PostgreSQL database (dropped after the test, with its roles) when
// SULLAM_TEST_PG is set.
func hireBackends(t *testing.T) map[string]func(t *testing.T) string {
	out := map[string]func(t *testing.T) string{
		"sqlite": func(t *testing.T) string { return filepath.Join(t.TempDir(), "d.db") },
	}
	if !testenv.HavePostgres() {
		return out
	}
	out["postgres"] = func(t *testing.T) string {
		t.Helper()
		return testenv.PostgresDB(t, "sullam_demo_test", store.PGRolePrefix)
	}
	return out
}

// TestDemoHasScoredHires checks the rule that a demo shows the quality of
// hire: after loading a small demo (40 agents, 3 years), HireQuality read by
// the manager has, for the main job and for at least one interviewer, a
// group of n ≥ 8 hires with a first full year's score and a defined,
// positive Pearson correlation of the interview total with that score (the
// demo's interview quality follows the agent's quality). Before the demo
// held hires from two or more years back, every hire was recent and no
// group had a single pair. On SQLite, and on PostgreSQL when SULLAM_TEST_PG
// is set.
func TestDemoHasScoredHires(t *testing.T) {
	if testing.Short() {
		t.Skip("loads a database")
	}
	cases := []struct {
		backend string
		seed    uint64
	}{{"sqlite", 1}, {"sqlite", 42}, {"postgres", 1}}
	backends := hireBackends(t)
	for _, c := range cases {
		dsn, ok := backends[c.backend]
		if !ok {
			t.Logf("%s: SULLAM_TEST_PG is not set, not tested", c.backend)
			continue
		}
		seed := c.seed
		t.Run(fmt.Sprint(c.backend, "-seed", seed), func(t *testing.T) {
			d := mustGenerate(t, Options{Agents: 40, Years: 3, Seed: seed, Today: today})
			clock := func() time.Time { return time.Date(today.Year, today.Month, today.Day, 12, 0, 0, 0, time.UTC) }
			st, err := store.Open(dsn(t), store.WithClock(clock))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { st.Close() })
			if err := Load(t.Context(), st, store.SystemActor("t"), d, nil); err != nil {
				t.Fatalf("load: %v", err)
			}
			users, err := st.Accounts().ListUsers(t.Context(), store.SystemActor("t"))
			if err != nil {
				t.Fatal(err)
			}
			var manager *models.User
			for i, u := range users {
				if u.Username == "manager" && store.ActorOf(u).Has(models.RoleManager) {
					manager = &users[i]
				}
			}
			if manager == nil {
				t.Fatal("no demo manager account")
			}
			q, err := st.Recruitment().HireQuality(t.Context(), store.ActorOf(*manager))
			if err != nil {
				t.Fatal(err)
			}
			scored := 0
			for _, h := range q.Hires {
				if h.Scored() {
					scored++
				}
			}
			t.Logf("%d hires, %d scored", len(q.Hires), scored)
			check := func(kind string, groups []store.HireGroup) {
				t.Helper()
				best := -1
				for i, g := range groups {
					t.Logf("%s %s: hires %d, %+v", kind, g.Code, g.Hires, g.Correlation)
					if c := g.Correlation; c.N >= 8 && !c.TooFew && c.PearsonOK && c.SpearmanOK && (best < 0 || c.N > groups[best].Correlation.N) {
						best = i
					}
				}
				if best < 0 {
					t.Fatalf("no %s group with n ≥ 8 and defined correlations", kind)
				}
				if c := groups[best].Correlation; c.Pearson <= 0 || c.Spearman <= 0 {
					t.Errorf("%s %s: Pearson %.2f, Spearman %.2f: want a positive relation", kind, groups[best].Code, c.Pearson, c.Spearman)
				}
			}
			check("job", q.ByJob)
			check("interviewer", q.ByInterviewer)
		})
	}
}
