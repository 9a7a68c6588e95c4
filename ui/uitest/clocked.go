package uitest

import (
	"path/filepath"
	"testing"
	"time"

	"sullam/models"
	"sullam/store"
)

// ClockedWorld is a store on a settable clock with agent A1 (user a1) under
// supervisor S1 (user s1).
type ClockedWorld struct {
	St      *store.Store
	Now     *time.Time
	Ag, sup store.Actor
	AgUser  models.User
	A1      models.Agent
}

// NewClockedWorld makes the ClockedWorld, its clock at now.
func NewClockedWorld(t *testing.T, now time.Time) *ClockedWorld {
	t.Helper()
	c := &ClockedWorld{Now: &now}
	st, err := store.Open(filepath.Join(t.TempDir(), "ui.db"), store.WithClock(func() time.Time { return *c.Now }))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		WaitFor(t, "the screens' last loads", func() bool { return true })
		st.Close()
	})
	c.St = st
	sys := store.SystemActor("test")
	s1, err := st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: "S1", FullName: "Sara Supervisor", HireDate: models.MustDate("2020-01-05"),
		Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), Team: "A"})
	if err != nil {
		t.Fatal(err)
	}
	c.A1, err = st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: "A1", FullName: "Amal One", HireDate: models.MustDate("2020-01-05"),
		Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), SupervisorID: &s1.ID, Team: "A"})
	if err != nil {
		t.Fatal(err)
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
	c.Ag, c.AgUser = user("a1", &c.A1.ID, models.RoleAgent)
	c.sup, _ = user("s1", &s1.ID, models.RoleSupervisor, models.RoleAgent)
	return c
}
