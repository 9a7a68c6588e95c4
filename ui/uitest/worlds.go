package uitest

import (
	"context"
	"testing"
	"time"

	"sullam/models"
	"sullam/store"
)

// FakeHomeStore serves a fixed dashboard and inbox to the home screen.
type FakeHomeStore struct {
	D     store.Dashboard
	In    store.Inbox
	Clock time.Time
}

// Home returns the fixed inbox and dashboard.
func (f FakeHomeStore) Home(context.Context, store.Actor, models.Date) store.HomeData {
	return store.HomeData{Inbox: f.In, Dashboard: f.D}
}

// Now is the fake's clock.
func (f FakeHomeStore) Now() time.Time { return f.Clock }

// workWorld is a store with two supervisors, each with one agent, a third
// agent in the first team, and a quality user, with their actors.
type workWorld struct {
	St                       *store.Store
	Sup1, sup2, Ag1, Ag2, Qa store.Actor
	QaUser                   models.User
	A1, a2, a3               models.Agent
}

// NewWorkWorld makes the WorkWorld in a new test store.
func NewWorkWorld(t *testing.T) *workWorld {
	t.Helper()
	st := OpenTestStore(t)
	sys := store.SystemActor("test")
	mk := func(no, name string, sup *uint) models.Agent {
		ag, err := st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: no, FullName: name, HireDate: models.MustDate("2020-01-05"),
			Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), SupervisorID: sup, Team: "A"})
		if err != nil {
			t.Fatal(err)
		}
		return ag
	}
	user := func(name string, agent *uint, roles ...models.Role) (store.Actor, models.User) {
		u, err := st.Accounts().CreateUser(t.Context(), sys, store.NewUser{Username: name, FullName: "User " + name, Password: "correct horse battery", Roles: roles, AgentID: agent})
		if err != nil {
			t.Fatal(err)
		}
		u.Roles = nil
		for _, r := range roles {
			u.Roles = append(u.Roles, models.UserRole{UserID: u.ID, Role: r})
		}
		return store.ActorOf(u), u
	}
	w := &workWorld{St: st}
	s1, s2 := mk("S1", "Sara Supervisor", nil), mk("S2", "Omar Supervisor", nil)
	w.A1, w.a2, w.a3 = mk("A1", "Amal One", &s1.ID), mk("A2", "Badr Two", &s2.ID), mk("A3", "Dana Three", &s1.ID)
	w.Sup1, _ = user("s1", &s1.ID, models.RoleSupervisor, models.RoleAgent)
	w.sup2, _ = user("s2", &s2.ID, models.RoleSupervisor, models.RoleAgent)
	w.Ag1, _ = user("a1", &w.A1.ID, models.RoleAgent)
	w.Ag2, _ = user("a2", &w.a2.ID, models.RoleAgent)
	w.Qa, w.QaUser = user("qa", nil, models.RoleQuality)
	return w
}
