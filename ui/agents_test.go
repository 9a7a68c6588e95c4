package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
)

// seedAgents creates n agents, alternately in teams A and B, the even ones
// supervised by the first agent.
func seedAgents(t *testing.T, st *store.Store, n int) {
	t.Helper()
	sys := store.SystemActor("test")
	var supID *uint
	for i := 0; i < n; i++ {
		team := "A"
		if i%2 == 1 {
			team = "B"
		}
		ag := models.Agent{EmployeeNo: fmt.Sprintf("E%04d", i), FullName: fmt.Sprintf("Agent %d", i), Team: team,
			HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")}
		if i > 0 && i%2 == 0 {
			ag.SupervisorID = supID
		}
		saved, err := st.SaveAgent(sys, ag)
		if err != nil {
			t.Fatal(err)
		}
		if i == 0 {
			supID = &saved.ID
		}
	}
}

// Rule: the agents list pages its rows (100 per page, with the total), and
// the team filter and the name/number search narrow it.
func TestAgentsListFilters(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := openTestStore(t)
	seedAgents(t, st, 150)
	hr := store.ActorOf(mustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewAgentsScreen(Deps{Store: st, Win: w, Actor: hr})
	w.SetContent(s.Content())

	waitFor(t, "the first page", func() bool { return len(s.rows) == agentPageSize && s.total == 150 })
	if s.next.Disabled() {
		t.Error("next page is disabled with 150 agents")
	}
	test.Tap(s.next)
	waitFor(t, "the second page", func() bool { return len(s.rows) == 50 && s.rows[0].EmployeeNo == "E0100" })

	waitFor(t, "the team choices", func() bool { return len(s.team.Options) == 3 })
	s.team.SetSelected("B")
	waitFor(t, "team B", func() bool { return s.total == 75 && s.page == 0 })
	for _, ag := range s.rows {
		if ag.Team != "B" {
			t.Fatalf("team filter B shows %s of team %s", ag.EmployeeNo, ag.Team)
		}
	}
	test.Type(s.search, "E0013")
	waitFor(t, "the search", func() bool { return s.total == 1 && len(s.rows) == 1 && s.rows[0].EmployeeNo == "E0013" })

	s.search.SetText("")
	s.team.SetSelectedIndex(0)
	waitFor(t, "the supervisor choices", func() bool { return len(s.supervisor.Options) == 2 })
	s.supervisor.SetSelectedIndex(1)
	waitFor(t, "the supervisor filter", func() bool { return s.total == 74 })
}

// Rule: a supervisor's list holds only their own team (access is enforced
// by the store, the screen shows what it gets).
func TestAgentsListSupervisorScope(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := openTestStore(t)
	seedAgents(t, st, 10)
	sup, err := st.Agent(store.SystemActor("test"), "E0000")
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.CreateUser(store.SystemActor("test"), store.NewUser{Username: "sup", Password: "correct horse battery", Roles: []models.Role{models.RoleSupervisor}, AgentID: &sup.ID})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewAgentsScreen(Deps{Store: st, Win: w, Actor: store.Actor{UserID: u.ID, Username: "sup", Roles: []models.Role{models.RoleSupervisor}, AgentID: &sup.ID}})
	w.SetContent(s.Content())
	waitFor(t, "the team list", func() bool { return s.total == 4 && len(s.rows) == 4 })
	for _, ag := range s.rows {
		if ag.SupervisorID == nil || *ag.SupervisorID != sup.ID {
			t.Errorf("supervisor sees %s, not of their team", ag.EmployeeNo)
		}
	}
}

// mustTestUser creates a user with roles through the system actor.
func mustTestUser(t *testing.T, st *store.Store, name string, roles ...models.Role) models.User {
	t.Helper()
	u, err := st.CreateUser(store.SystemActor("test"), store.NewUser{Username: name, Password: "correct horse battery", Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	u.Roles = nil
	for _, r := range roles {
		u.Roles = append(u.Roles, models.UserRole{UserID: u.ID, Role: r})
	}
	return u
}
