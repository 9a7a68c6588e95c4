package store_test

import (
	"context"
	"os"
	"path/filepath"
	"sort"
	"testing"

	"sullam/demo"
	"sullam/models"
	"sullam/scoring"
	"sullam/store"
)

// screenAsOf is the date the query-count test reads the screens as of (the
// demo data's reference date).
var screenAsOf = models.MustDate("2026-06-15")

// maxScreenStatements is the most statements one screen's data may take:
// "small" in the sense of issue 17 (a fixed set of queries, none per agent
// or per year). The largest is the agent profile: nine store calls, each
// checking the session and the actor's access to the agent (44 in all).
const maxScreenStatements = 50

// screenActors are the demo accounts the screens are read as.
type screenActors struct {
	manager, hr, quality, supervisor, agent store.Actor
	agentID                                 uint
	// asOf is the date the screens are read as of.
	asOf models.Date
}

// signInDemo signs in the demo accounts the screens need: the manager, HR,
// Quality, the first coordinator (a supervisor of representatives) and the
// first representative with an account.
func signInDemo(t *testing.T, st *store.Store, d *demo.Data) screenActors {
	t.Helper()
	role := map[string]string{}
	for _, r := range d.Agents {
		role[r.Agent.EmployeeNo] = r.Agent.Role
	}
	signIn := func(name string) store.Actor {
		t.Helper()
		u, err := st.Accounts().SignIn(t.Context(), name, d.Password)
		if err != nil {
			t.Fatalf("sign in demo account %s: %v", name, err)
		}
		return store.ActorOf(u)
	}
	var sa screenActors
	sa.manager, sa.hr, sa.quality = signIn("manager"), signIn("hr"), signIn("quality")
	for _, u := range d.Users {
		switch {
		case sa.supervisor.UserID == 0 && role[u.EmployeeNo] == scoring.RoleCoordinator:
			sa.supervisor = signIn(u.Username)
		case sa.agent.UserID == 0 && role[u.EmployeeNo] == scoring.RoleCSR:
			sa.agent = signIn(u.Username)
		}
	}
	if sa.supervisor.AgentID == nil || sa.agent.AgentID == nil {
		t.Fatalf("the demo data has no coordinator or representative account")
	}
	sa.agentID = *sa.agent.AgentID
	sa.asOf = screenAsOf
	return sa
}

// screen is the data behind one screen: the store calls the window makes to
// show it.
type screen struct {
	name string
	read func(st *store.Store, sa screenActors) error
}

// homeErr returns the first error of a home screen's data.
func homeErr(h store.HomeData) error {
	if h.InboxErr != nil {
		return h.InboxErr
	}
	return h.DashboardErr
}

// screens lists the screens of issue 17 with the calls each makes (see the
// ui package: home.go, promotions.go, evaluations.go, agent_profile.go,
// rating_queue.go, recruitment_candidates.go, agents.go, home_inbox.go).
var screens = []screen{
	{"manager home (dashboard and inbox)", func(st *store.Store, sa screenActors) error {
		return homeErr(st.Evaluations().Home(context.Background(), sa.manager, sa.asOf))
	}},
	{"supervisor home", func(st *store.Store, sa screenActors) error {
		return homeErr(st.Evaluations().Home(context.Background(), sa.supervisor, sa.asOf))
	}},
	{"HR and Quality homes", func(st *store.Store, sa screenActors) error {
		if err := homeErr(st.Evaluations().Home(context.Background(), sa.hr, sa.asOf)); err != nil {
			return err
		}
		return homeErr(st.Evaluations().Home(context.Background(), sa.quality, sa.asOf))
	}},
	{"promotion board", func(st *store.Store, sa screenActors) error {
		_, err := st.Evaluations().Promotions(context.Background(), sa.manager, sa.asOf, store.ReadinessFilter{})
		return err
	}},
	{"evaluations of a year", func(st *store.Store, sa screenActors) error {
		_, err := st.Evaluations().EvaluateYear(context.Background(), sa.manager, sa.asOf.Year-1, store.YearFilter{})
		return err
	}},
	{"agent profile", func(st *store.Store, sa screenActors) error {
		id := sa.agentID
		if _, err := st.AgentByID(context.Background(), sa.manager, id); err != nil {
			return err
		}
		if _, err := st.RoleHistory(context.Background(), sa.manager, id); err != nil {
			return err
		}
		if _, err := st.Evaluations().PromotionHistory(context.Background(), sa.manager, id); err != nil {
			return err
		}
		if _, _, err := st.Evaluations().EvaluationYears(context.Background(), sa.manager, id); err != nil {
			return err
		}
		if _, err := st.Work().AttendanceYear(context.Background(), sa.manager, id, sa.asOf.Year-1); err != nil {
			return err
		}
		if _, err := st.Work().AgentAudits(context.Background(), sa.manager, id); err != nil {
			return err
		}
		if _, err := st.Work().AgentWeeklyReports(context.Background(), sa.manager, id); err != nil {
			return err
		}
		if _, err := st.Work().AgentReviews(context.Background(), sa.manager, id); err != nil {
			return err
		}
		// a fixed range of years, so that both sizes read as many
		_, err := st.Evaluations().AgentYears(context.Background(), sa.manager, id, sa.asOf.Year-2, sa.asOf.Year)
		return err
	}},
	{"supervisor rating queue", func(st *store.Store, sa screenActors) error {
		if _, err := st.Work().RatingQueue(context.Background(), sa.supervisor); err != nil {
			return err
		}
		week := sa.asOf.WeekStart()
		if _, err := st.Work().MissingReports(context.Background(), sa.supervisor, week); err != nil {
			return err
		}
		_, err := st.Work().MissingReports(context.Background(), sa.supervisor, week.AddDays(-7))
		return err
	}},
	{"candidate list", func(st *store.Store, sa screenActors) error {
		if _, err := st.Recruitment().ListJobs(context.Background(), sa.hr, true); err != nil {
			return err
		}
		_, err := st.Recruitment().ListCandidates(context.Background(), sa.hr, store.CandidateFilter{})
		return err
	}},
	{"agents list and search", func(st *store.Store, sa screenActors) error {
		for _, f := range []store.AgentFilter{{Limit: 100}, {Search: "a", Limit: 100}, {Search: "0", Limit: 100, Offset: 100}} {
			if _, err := st.ListAgents(context.Background(), sa.manager, f); err != nil {
				return err
			}
			if _, err := st.CountAgents(context.Background(), sa.manager, f); err != nil {
				return err
			}
		}
		if _, err := st.Supervisors(context.Background(), sa.manager); err != nil {
			return err
		}
		_, err := st.Teams(context.Background())
		return err
	}},
	{"to-do inbox", func(st *store.Store, sa screenActors) error {
		for _, a := range []store.Actor{sa.manager, sa.hr, sa.quality, sa.supervisor, sa.agent} {
			if _, err := st.Evaluations().Inbox(context.Background(), a, sa.asOf); err != nil {
				return err
			}
		}
		return nil
	}},
}

// loadScreenDemo fills st with the demo data of agents agents over years
// years (seed, as of screenAsOf, the demo accounts' password pw) and signs
// in the accounts the screens are read as.
func loadScreenDemo(t *testing.T, st *store.Store, agents, years int, seed uint64, pw string) screenActors {
	t.Helper()
	d, err := demo.Generate(demo.Options{Agents: agents, Years: years, Seed: seed, Today: screenAsOf, DemoPassword: pw})
	if err != nil {
		t.Fatalf("generate %d agents × %d years: %v", agents, years, err)
	}
	if err := demo.Load(t.Context(), st, store.SystemActor("test"), d, nil); err != nil {
		t.Fatalf("load %d agents × %d years: %v", agents, years, err)
	}
	return signInDemo(t, st, d)
}

// screenStatements loads the demo data of agents agents (3 years) into st
// and returns the number of statements each screen's data takes.
func screenStatements(t *testing.T, st *store.Store, agents int) map[string]int64 {
	t.Helper()
	sa := loadScreenDemo(t, st, agents, 3, 1, "query count demo")
	n := store.CountStatements(t, st)
	out := map[string]int64{}
	for _, sc := range screens {
		n.Store(0)
		if err := sc.read(st, sa); err != nil {
			t.Fatalf("%d agents, %s: %v", agents, sc.name, err)
		}
		out[sc.name] = n.Load()
	}
	return out
}

// screenBackends returns the databases the screen tests run on: a new
// SQLite file, and a new PostgreSQL database when SULLAM_TEST_PG is set.
func screenBackends() map[string]func(t *testing.T) *store.Store {
	open := map[string]func(t *testing.T) *store.Store{
		"sqlite": func(t *testing.T) *store.Store {
			st, err := store.Open(filepath.Join(t.TempDir(), "screens.db"))
			if err != nil {
				t.Fatalf("open sqlite: %v", err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		},
	}
	if os.Getenv("SULLAM_TEST_PG") != "" {
		open["postgres"] = func(t *testing.T) *store.Store {
			st, err := store.Open(store.NewPostgresDSN(t))
			if err != nil {
				t.Fatalf("open postgres: %v", err)
			}
			t.Cleanup(func() { st.Close() })
			return st
		}
	}
	return open
}

// Rule (issue 17): the data behind each screen (the dashboards, the
// promotion board, the evaluations of a year, an agent's profile, the
// rating queue, the candidate list, the agents list and search, the to-do
// inbox) takes the same, small number of SQL statements for 50 agents as
// for 500, on SQLite and on PostgreSQL: no query per agent or per row.
func TestScreenStatementsBounded(t *testing.T) {
	open := screenBackends()
	for name, o := range open {
		t.Run(name, func(t *testing.T) {
			small := screenStatements(t, o(t), 50)
			large := screenStatements(t, o(t), 500)
			names := make([]string, 0, len(small))
			for k := range small {
				names = append(names, k)
			}
			sort.Strings(names)
			for _, k := range names {
				t.Logf("%-26s %3d statements at 50 agents, %3d at 500", k, small[k], large[k])
				if small[k] != large[k] {
					t.Errorf("%s: %d statements at 50 agents but %d at 500 (a query per agent or row)", k, small[k], large[k])
				}
				if large[k] > maxScreenStatements {
					t.Errorf("%s: %d statements, more than %d", k, large[k], maxScreenStatements)
				}
			}
			if len(small) != len(screens) {
				t.Errorf("counted %d screens of %d", len(small), len(screens))
			}
		})
	}
}
