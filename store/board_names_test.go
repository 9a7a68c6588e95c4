package store_test

import (
	"testing"

	"sullam/report"
	"sullam/store"
)

// Rule: the promotion board as the window and its exports load it
// (report.LoadBoard) names every agent's supervisor as the agent record
// does, and reads the supervisors' names in a bounded number of statements
// (AgentNames, 500 at a time), not one lookup per supervisor: equal at 60
// and at 240 agents; a supervisor reads only their team's names.
func TestBoardNamesSupervisorsInBoundedStatements(t *testing.T) {
	tr, err := report.NewTranslator("en")
	if err != nil {
		t.Fatal(err)
	}
	count := map[int]int64{}
	for _, agents := range []int{60, 240} {
		st := screenBackends()["sqlite"](t)
		sa := loadScreenDemo(t, st, agents, 2, 6, "board names demo")
		n := store.CountStatements(t, st)
		rows, err := report.LoadBoard(t.Context(), report.StoreSource(st), sa.manager, tr, sa.asOf)
		if err != nil {
			t.Fatal(err)
		}
		count[agents] = n.Load()
		named := 0
		for _, r := range rows {
			ag, err := st.Agent(t.Context(), sa.manager, r.EmployeeNo)
			if err != nil {
				t.Fatal(err)
			}
			want := ""
			if ag.SupervisorID != nil {
				sup, err := st.AgentByID(t.Context(), sa.manager, *ag.SupervisorID)
				if err != nil {
					t.Fatal(err)
				}
				want = sup.FullName
				named++
			}
			if r.Supervisor != want {
				t.Errorf("%d agents: %s's supervisor shown as %q, is %q", agents, r.EmployeeNo, r.Supervisor, want)
			}
		}
		if named == 0 {
			t.Fatalf("%d agents: no agent with a supervisor on the board", agents)
		}
		// a supervisor sees their own team's names only
		var ids []uint
		for _, r := range rows {
			if ag, err := st.Agent(t.Context(), sa.manager, r.EmployeeNo); err == nil {
				ids = append(ids, ag.ID)
			}
		}
		names, err := st.AgentNames(t.Context(), sa.supervisor, ids)
		if err != nil {
			t.Fatal(err)
		}
		for id := range names {
			ag, err := st.AgentByID(t.Context(), sa.manager, id)
			if err != nil {
				t.Fatal(err)
			}
			if ag.SupervisorID == nil || *ag.SupervisorID != *sa.supervisor.AgentID {
				if id != *sa.supervisor.AgentID {
					t.Errorf("supervisor reads the name of %s, not of their team", ag.EmployeeNo)
				}
			}
		}
		if len(names) == 0 || len(names) == len(ids) {
			t.Errorf("supervisor read %d of %d names: want their team's only", len(names), len(ids))
		}
	}
	if count[60] != count[240] {
		t.Errorf("the board took %d statements at 60 agents, %d at 240: one per supervisor?", count[60], count[240])
	}
}
