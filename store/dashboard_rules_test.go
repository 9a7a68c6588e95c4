package store_test

import (
	"reflect"
	"testing"

	"sullam/demo"
	"sullam/evaluation"
	"sullam/models"
	"sullam/store"
)

// Rule: the manager's dashboard is the promotion board and the trend
// years' evaluations summed up: its readiness counts, ready and overdue
// lists are the board's (evaluation.ReadinessTally), its team means each
// team's mean complete annual score of each trend year (evaluation.TeamMeans;
// in the last year, active agents only); the HR dashboard counts every open
// candidate in their stage (recruiting.TimeInStage).
func TestDashboardSumsUpTheBoardAndTheYears(t *testing.T) {
	for name, open := range screenBackends() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			d, err := demo.Generate(demo.Options{Agents: 60, Years: 3, Seed: 3, Today: screenAsOf, DemoPassword: "dashboard rules demo"})
			if err != nil {
				t.Fatal(err)
			}
			if err := demo.Load(t.Context(), st, store.SystemActor("test"), d, nil); err != nil {
				t.Fatal(err)
			}
			sa := signInDemo(t, st, d)
			dash, err := st.Evaluations().Dashboard(t.Context(), sa.manager, screenAsOf)
			if err != nil {
				t.Fatal(err)
			}
			m := dash.Manager
			board, err := st.Evaluations().Promotions(t.Context(), sa.manager, screenAsOf, store.ReadinessFilter{})
			if err != nil {
				t.Fatal(err)
			}
			counts := map[models.ReadinessStatus]int{}
			var ready, overdue []store.AgentReadiness
			for _, r := range board {
				counts[r.Readiness.Status]++
				if r.Readiness.Status == models.Ready {
					ready = append(ready, r)
				}
				if r.Readiness.Overdue {
					overdue = append(overdue, r)
				}
			}
			if !reflect.DeepEqual(m.Readiness, counts) || len(board) == 0 {
				t.Errorf("readiness counts %v, the board's (%d agents) %v", m.Readiness, len(board), counts)
			}
			if !reflect.DeepEqual(m.Ready, ready) || !reflect.DeepEqual(m.Overdue, overdue) {
				t.Errorf("%d ready and %d overdue on the dashboard, %d and %d on the board", len(m.Ready), len(m.Overdue), len(ready), len(overdue))
			}
			type sum struct{ total, n int64 }
			want := map[string][]store.TeamMean{}
			for i, y := range m.Years {
				years, err := st.Evaluations().EvaluateYear(t.Context(), sa.manager, y, store.YearFilter{OnlyWithRecords: true})
				if err != nil {
					t.Fatal(err)
				}
				sums := map[string]*sum{}
				for _, ay := range years {
					score, ok := ay.Annual()
					if !ok || (y == m.Year && ay.Agent.Status != models.Active) {
						continue
					}
					if sums[ay.Agent.Team] == nil {
						sums[ay.Agent.Team] = &sum{}
					}
					sums[ay.Agent.Team].total += int64(score)
					sums[ay.Agent.Team].n++
				}
				for team, s := range sums {
					if want[team] == nil {
						want[team] = make([]store.TeamMean, len(m.Years))
					}
					want[team][i] = store.TeamMean{Mean: evaluation.MeanCents(s.total, s.n), N: int(s.n)}
				}
			}
			if !reflect.DeepEqual(m.TeamMeans, want) || len(want) == 0 {
				t.Errorf("team means %v, the years' %v", m.TeamMeans, want)
			}
			hr, err := st.Evaluations().Dashboard(t.Context(), sa.hr, screenAsOf)
			if err != nil {
				t.Fatal(err)
			}
			cands, err := st.Recruitment().ListCandidates(t.Context(), sa.hr, store.CandidateFilter{})
			if err != nil {
				t.Fatal(err)
			}
			inStage := map[models.Stage]int{}
			for _, c := range cands {
				switch c.Stage {
				case models.StageHired, models.StageRejected, models.StageWithdrawn:
				default:
					inStage[c.Stage]++
				}
			}
			if !reflect.DeepEqual(hr.HR.InStage, inStage) || len(inStage) == 0 {
				t.Errorf("open candidates by stage %v, the candidates' %v", hr.HR.InStage, inStage)
			}
			for st, days := range hr.HR.DaysInStage {
				if days < 0 || inStage[st] == 0 {
					t.Errorf("stage %s: mean %.1f days over %d candidates", st, days, inStage[st])
				}
			}
		})
	}
}
