package store_test

import (
	"reflect"
	"testing"

	"sullam/models"
	"sullam/store"
)

// Rule (issue 17): the board and the evaluations of a year read their
// agents with the dates as text; each agent they return is the agent as
// the plain read of one agent gives it, every field (dates, supervisor,
// team, contact, times, version).
func TestScreensReadAgentsWhole(t *testing.T) {
	for name, open := range screenBackends() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			sa := loadScreenDemo(t, st, 30, 2, 1, "agents whole demo")
			board, err := st.Evaluations().Promotions(t.Context(), sa.manager, sa.asOf, store.ReadinessFilter{})
			if err != nil {
				t.Fatal(err)
			}
			years, err := st.Evaluations().EvaluateYear(t.Context(), sa.manager, sa.asOf.Year-1, store.YearFilter{})
			if err != nil {
				t.Fatal(err)
			}
			if len(board) == 0 || len(years) == 0 {
				t.Fatalf("%d agents on the board, %d evaluated: nothing to compare", len(board), len(years))
			}
			check := func(screen string, got models.Agent) {
				t.Helper()
				want, err := st.Agent(t.Context(), sa.manager, got.EmployeeNo)
				if err != nil {
					t.Fatal(err)
				}
				if want.HireDate.IsZero() || want.RoleStartDate.IsZero() || !reflect.DeepEqual(got, want) {
					t.Errorf("%s: %+v\none agent's read: %+v", screen, got, want)
				}
			}
			for _, r := range board {
				check("board", r.Agent)
			}
			for _, r := range years {
				check("evaluations", r.Agent)
			}
		})
	}
}
