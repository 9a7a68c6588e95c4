package store_test

import (
	"reflect"
	"testing"

	"sullam/scoring"
	"sullam/store"
)

// Rule (issue 17, the board's short path): each agent's readiness on the
// promotion board, whose years are scored with scoring.EvaluateResult and
// whose finalized years are read from their snapshot, is exactly
// scoring.Assess over the results of that agent's evaluations
// (AgentYears: live evaluation in full, or the finalized snapshot), on
// SQLite and on PostgreSQL, with complete, incomplete and finalized years.
func TestBoardMatchesAgentYears(t *testing.T) {
	for name, open := range screenBackends() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			sa := loadScreenDemo(t, st, 60, 4, 5, "board result demo")
			ev := st.Evaluations()
			fin, err := ev.FinalizeAll(t.Context(), sa.manager, screenAsOf.Year-2, "")
			if err != nil {
				t.Fatal(err)
			}
			board, err := ev.Promotions(t.Context(), sa.manager, screenAsOf, store.ReadinessFilter{})
			if err != nil {
				t.Fatal(err)
			}
			p, err := st.Policy(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			complete, incomplete, finalized := 0, 0, 0
			for _, r := range board {
				years := scoring.YearsToCount(r.Agent.RoleStartDate, screenAsOf)
				var results []scoring.YearResult
				if len(years) > 0 {
					ays, err := ev.AgentYears(t.Context(), sa.manager, r.Agent.ID, years[0], years[len(years)-1])
					if err != nil {
						t.Fatal(err)
					}
					byYear := map[int]store.AgentYear{}
					for _, y := range ays {
						byYear[y.Year] = y
					}
					for _, y := range years {
						ay := byYear[y]
						res := ay.Result()
						results = append(results, res)
						switch {
						case ay.Snapshot != nil:
							finalized++
						case res.Complete:
							complete++
						default:
							incomplete++
						}
					}
				}
				want := scoring.Assess(p, r.Agent.Role, r.Agent.RoleStartDate, screenAsOf, results)
				if !reflect.DeepEqual(r.Readiness, want) {
					t.Fatalf("%s: board %+v, from the agent's years %+v", r.Agent.EmployeeNo, r.Readiness, want)
				}
			}
			if fin.Finalized == 0 || finalized == 0 || complete == 0 || incomplete == 0 {
				t.Fatalf("the demo does not cover every case: %d finalized (%d on the board), %d complete, %d incomplete years", fin.Finalized, finalized, complete, incomplete)
			}
		})
	}
}
