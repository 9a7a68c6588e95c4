package store_test

import (
	"reflect"
	"testing"

	"sullam/models"
	"sullam/store"
)

// Rule (issue 17): a supervisor's dashboard reads only their team's inputs
// (not every agent's), and gives exactly what the manager's promotion board
// and evaluations of the year give for that team: the same readiness of
// each active team member and the same scores of the current year.
func TestSupervisorDashboardEqualsTeamBoard(t *testing.T) {
	for name, open := range screenBackends() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			sa := loadScreenDemo(t, st, 120, 3, 2, "query count demo")
			team := sa.supervisor.AgentID
			dash, err := st.Evaluations().Dashboard(t.Context(), sa.supervisor, screenAsOf)
			if err != nil {
				t.Fatal(err)
			}
			board, err := st.Evaluations().Promotions(t.Context(), sa.manager, screenAsOf, store.ReadinessFilter{SupervisorID: team})
			if err != nil {
				t.Fatal(err)
			}
			if len(board) < 3 {
				t.Fatalf("team of %d: too small to compare", len(board))
			}
			if !reflect.DeepEqual(dash.Supervisor.Readiness, board) {
				t.Errorf("team readiness on the dashboard (%d agents) differs from the board's (%d)", len(dash.Supervisor.Readiness), len(board))
			}
			all, err := st.Evaluations().EvaluateYear(t.Context(), sa.manager, screenAsOf.Year, store.YearFilter{})
			if err != nil {
				t.Fatal(err)
			}
			var want []store.AgentYear
			for _, y := range all {
				if y.Agent.SupervisorID != nil && *y.Agent.SupervisorID == *team && y.Agent.Status == models.Active {
					want = append(want, y)
				}
			}
			if !reflect.DeepEqual(dash.Supervisor.Scores, want) || len(want) == 0 {
				t.Errorf("team scores on the dashboard (%d) differ from the year's evaluations (%d)", len(dash.Supervisor.Scores), len(want))
			}
		})
	}
}
