package store_test

import (
	"os"
	"slices"
	"testing"
	"time"

	"sullam/demo"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// BenchmarkScreens times the data behind each screen of issue 17 (the
// calls listed in screens, as the window makes them) on an existing demo
// database, and reports the statements each takes:
//
//	scripts/bench.sh screens          # 10,000 agents × 7 years, built once under /tmp
//
// SULLAM_BENCH_DB is the database (a SQLite file or a PostgreSQL URL)
// filled by `sullam demo`, SULLAM_BENCH_PASSWORD the demo accounts'
// password, SULLAM_BENCH_ASOF the date the screens are read as of
// (default: today). Skipped when SULLAM_BENCH_DB is not set. It reports
// the wall time, the process's CPU time (cpu-s/op: user and system, every
// thread, which a shared machine's load moves much less) and the
// statements of each screen; it measures only, nothing here asserts a
// time.
func BenchmarkScreens(b *testing.B) {
	dsn := os.Getenv("SULLAM_BENCH_DB")
	if dsn == "" {
		b.Skip("SULLAM_BENCH_DB names no demo database")
	}
	st, err := store.Open(dsn)
	if err != nil {
		b.Fatalf("open %s: %v", dsn, err)
	}
	b.Cleanup(func() { st.Close() })
	sa := benchActors(b, st, os.Getenv("SULLAM_BENCH_PASSWORD"))
	sa.asOf = models.DateOf(time.Now())
	if s := os.Getenv("SULLAM_BENCH_ASOF"); s != "" {
		if sa.asOf, err = models.ParseDate(s); err != nil {
			b.Fatalf("SULLAM_BENCH_ASOF %q: %v", s, err)
		}
	}
	n := store.CountStatements(b, st)
	for _, sc := range screens {
		b.Run(sc.name, func(b *testing.B) {
			n.Store(0)
			cpu := processCPU()
			for i := 0; i < b.N; i++ {
				if err := sc.read(st, sa); err != nil {
					b.Fatalf("%s: %v", sc.name, err)
				}
			}
			b.ReportMetric((processCPU()-cpu)/float64(b.N), "cpu-s/op")
			b.ReportMetric(float64(n.Load())/float64(b.N), "statements/op")
		})
	}
}

// benchActors signs in the demo accounts of a database made by `sullam
// demo`: manager, hr, quality, the first coordinator with an account and
// the first representative with one.
func benchActors(b *testing.B, st *store.Store, pw string) screenActors {
	b.Helper()
	signIn := func(name string) store.Actor {
		b.Helper()
		u, err := st.Accounts().SignIn(b.Context(), name, pw)
		if err != nil {
			b.Fatalf("sign in demo account %s (SULLAM_BENCH_PASSWORD): %v", name, err)
		}
		return store.ActorOf(u)
	}
	var sa screenActors
	sa.manager, sa.hr, sa.quality = signIn("manager"), signIn("hr"), signIn("quality")
	first := func(r models.Role, agentRole string) store.Actor {
		b.Helper()
		return signIn(firstDemoAccount(b, st, sa.manager, r, agentRole).Username)
	}
	sa.supervisor = first(models.RoleSupervisor, scoring.RoleCoordinator)
	sa.agent = first(models.RoleAgent, scoring.RoleCSR)
	sa.agentID = *sa.agent.AgentID
	return sa
}

// BenchmarkAgentsSearch10k times the agents list's search as you type
// (issue 17: under 100 ms at 10,000 agents): one page of matches and their
// count, as the list asks for each keystroke, for a name part, an
// employee-number part and a part nobody has, over 10,000 demo agents
// (their records only: demo.Plan draws no input until loaded).
func BenchmarkAgentsSearch10k(b *testing.B) {
	d, err := demo.Plan(demo.Options{Agents: 10_000, Years: 1, Seed: 1, Today: benchToday, DemoPassword: "bench search demo"})
	if err != nil {
		b.Fatal(err)
	}
	st := benchStore(b)
	sys := store.SystemActor("bench")
	if _, err := st.ImportAgents(sys, store.ImportSource{File: "bench"}, d.Agents); err != nil {
		b.Fatal(err)
	}
	n := store.CountStatements(b, st)
	for _, term := range []string{"محمد", "E1234", "zzz"} {
		b.Run(term, func(b *testing.B) {
			n.Store(0)
			found := 0
			for i := 0; i < b.N; i++ {
				f := store.AgentFilter{Search: term, Limit: 100}
				page, err := st.ListAgents(b.Context(), sys, f)
				if err != nil {
					b.Fatal(err)
				}
				if found, err = st.CountAgents(b.Context(), sys, f); err != nil {
					b.Fatal(err)
				}
				if len(page) > found {
					b.Fatalf("%d agents on the page, %d found", len(page), found)
				}
			}
			b.ReportMetric(float64(found), "matches")
			b.ReportMetric(float64(n.Load())/float64(b.N), "statements/op")
		})
	}
}

// BenchmarkDeskScreens times the screens of the manager's and of a
// supervisor's desk as a shared PostgreSQL deployment runs them: each
// account on its own store opened on the desk URL (a postgres:// URL
// without user), signed in, so that every statement runs as the account's
// own login under the row-level security policies (BenchmarkScreens runs
// them on the owner's connection, which the policies do not apply to):
//
//	SULLAM_BENCH_DESK='postgres://dbhost/sullam' SULLAM_BENCH_PASSWORD=… \
//	  go test -tags ci -run '^$' -bench BenchmarkDeskScreens ./store
//
// The demo accounts need their logins' passwords set (README "Accounts
// after a move"). Skipped when SULLAM_BENCH_DESK is not set; it measures
// only.
func BenchmarkDeskScreens(b *testing.B) {
	desk := os.Getenv("SULLAM_BENCH_DESK")
	if desk == "" {
		b.Skip("SULLAM_BENCH_DESK names no desk URL")
	}
	if !store.IsDeskURL(desk) {
		b.Fatalf("SULLAM_BENCH_DESK %s is not a desk URL (postgres:// without a user)", store.MaskDSN(desk))
	}
	pw := os.Getenv("SULLAM_BENCH_PASSWORD")
	asOf := models.DateOf(time.Now())
	if s := os.Getenv("SULLAM_BENCH_ASOF"); s != "" {
		var err error
		if asOf, err = models.ParseDate(s); err != nil {
			b.Fatalf("SULLAM_BENCH_ASOF %q: %v", s, err)
		}
	}
	signIn := func(name string) (*store.Store, store.Actor) {
		b.Helper()
		st, err := store.Open(desk)
		if err != nil {
			b.Fatalf("open %s: %v", store.MaskDSN(desk), err)
		}
		b.Cleanup(func() { st.Close() })
		u, err := st.Accounts().SignIn(b.Context(), name, pw)
		if err != nil {
			b.Fatalf("sign in demo account %s at a desk (SULLAM_BENCH_PASSWORD): %v", name, err)
		}
		return st, store.ActorOf(u)
	}
	mst, manager := signIn("manager")
	sa := screenActors{manager: manager, asOf: asOf}
	supervisor := firstDemoAccount(b, mst, manager, models.RoleSupervisor, scoring.RoleCoordinator)
	agent := firstDemoAccount(b, mst, manager, models.RoleAgent, scoring.RoleCSR)
	sa.agentID = *agent.AgentID
	sst, sup := signIn(supervisor.Username)
	sa.supervisor = sup
	desks := []struct {
		st      *store.Store
		screens []string
	}{
		{mst, []string{"manager home (dashboard and inbox)", "promotion board", "evaluations of a year", "agent profile", "agents list and search"}},
		{sst, []string{"supervisor home", "supervisor rating queue"}},
	}
	for _, d := range desks {
		n := store.CountStatements(b, d.st)
		for _, name := range d.screens {
			i := slices.IndexFunc(screens, func(sc screen) bool { return sc.name == name })
			if i < 0 {
				b.Fatalf("no screen %q", name)
			}
			b.Run(name, func(b *testing.B) {
				n.Store(0)
				for range b.N {
					if err := screens[i].read(d.st, sa); err != nil {
						b.Fatalf("%s: %v", name, err)
					}
				}
				b.ReportMetric(float64(n.Load())/float64(b.N), "statements/op")
			})
		}
	}
}

// firstDemoAccount returns the first account of role r whose agent record
// has the role agentRole, as the manager a sees it.
func firstDemoAccount(b *testing.B, st *store.Store, a store.Actor, r models.Role, agentRole string) models.User {
	b.Helper()
	us, err := st.Accounts().UsersWithRole(b.Context(), r)
	if err != nil {
		b.Fatal(err)
	}
	for _, u := range us {
		if u.AgentID == nil {
			continue
		}
		ag, err := st.AgentByID(b.Context(), a, *u.AgentID)
		if err != nil {
			b.Fatal(err)
		}
		if ag.Role == agentRole {
			return u
		}
	}
	b.Fatalf("no %s account with a %s agent record", r, agentRole)
	return models.User{}
}
