package store_test

import (
	"reflect"
	"testing"

	"sullam/evaluation"
	"sullam/models"
	"sullam/scoring"
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
			sa := loadScreenDemo(t, st, 60, 3, 3, "dashboard rules demo")
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

// Rule: the manager dashboard's last-year scores, its calibration of
// supervisors and the inbox's count of years to finalize are what the
// year's full evaluations give (the dashboard and the inbox score on the
// short paths, scoring.EvaluateResult and scoring.ComponentScores): the
// scores are the complete annual scores of the active agents with a record,
// in employee order; the calibration is scoring.Calibrate of their
// supervisor and quality scores; the years to finalize are those
// evaluation.CheckFinalize accepts, before and after some are finalized
// (a finalized year counts by its snapshot).
func TestDashboardAndInboxScoreAsTheEvaluations(t *testing.T) {
	for name, open := range screenBackends() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			sa := loadScreenDemo(t, st, 60, 3, 5, "dashboard short path demo")
			year := screenAsOf.Year - 1
			check := func(step string) {
				t.Helper()
				dash, err := st.Evaluations().Dashboard(t.Context(), sa.manager, screenAsOf)
				if err != nil {
					t.Fatal(err)
				}
				m := dash.Manager
				years, err := st.Evaluations().EvaluateYear(t.Context(), sa.manager, year, store.YearFilter{OnlyWithRecords: true})
				if err != nil {
					t.Fatal(err)
				}
				var scores []scoring.Cents
				var cal []scoring.CalibrationInput
				toFinalize := 0
				for _, ay := range years {
					if evaluation.CheckFinalize(ay.Snapshot != nil, ay.Live) == nil {
						toFinalize++
					}
					if ay.Agent.Status != models.Active {
						continue
					}
					if s, ok := ay.Annual(); ok {
						scores = append(scores, s)
					}
					if ay.Agent.SupervisorID != nil {
						sc, has := ay.ComponentScores()
						cal = append(cal, scoring.CalibrationInput{SupervisorID: *ay.Agent.SupervisorID,
							Review: sc[scoring.Supervisor], HasReview: has[scoring.Supervisor],
							Quality: sc[scoring.Quality], HasQuality: has[scoring.Quality]})
					}
				}
				if !reflect.DeepEqual(m.Scores, scores) || len(scores) == 0 {
					t.Errorf("%s: %d scores on the dashboard, %d in the year's evaluations", step, len(m.Scores), len(scores))
				}
				want := scoring.Calibrate(cal, store.CalibrationTolerance, m.CalibrationMin)
				var got []scoring.Calibration
				for _, c := range m.Calibration {
					got = append(got, c.Calibration)
				}
				if !reflect.DeepEqual(got, want) || len(want) == 0 {
					t.Errorf("%s: calibration %+v, the evaluations' %+v", step, got, want)
				}
				in, err := st.Evaluations().Inbox(t.Context(), sa.manager, screenAsOf)
				if err != nil {
					t.Fatal(err)
				}
				if in.FinalizeYear != year || in.ToFinalize != toFinalize {
					t.Errorf("%s: inbox has %d years of %d to finalize, finalizing accepts %d", step, in.ToFinalize, in.FinalizeYear, toFinalize)
				}
			}
			check("provisional")
			years, err := st.Evaluations().EvaluateYear(t.Context(), sa.manager, year, store.YearFilter{OnlyWithRecords: true})
			if err != nil {
				t.Fatal(err)
			}
			finalized := 0
			for _, ay := range years {
				if finalized < 5 && evaluation.CheckFinalize(ay.Snapshot != nil, ay.Live) == nil {
					if _, err := st.Evaluations().Finalize(t.Context(), sa.manager, ay.Agent.ID, year); err != nil {
						t.Fatal(err)
					}
					finalized++
				}
			}
			if finalized == 0 {
				t.Fatalf("no complete year %d to finalize in the demo data", year)
			}
			check("some finalized")
		})
	}
}

// Rule: the home screen's data (Home: the inbox and the dashboard with one
// read of their years, and a manager's board assessed once) is exactly
// what Inbox and Dashboard give one by one, for every role of the demo.
func TestHomeIsInboxAndDashboard(t *testing.T) {
	for name, open := range screenBackends() {
		t.Run(name, func(t *testing.T) {
			st := open(t)
			sa := loadScreenDemo(t, st, 60, 3, 4, "home screen demo")
			for role, a := range map[string]store.Actor{"manager": sa.manager, "hr": sa.hr, "quality": sa.quality, "supervisor": sa.supervisor, "agent": sa.agent} {
				h := st.Evaluations().Home(t.Context(), a, screenAsOf)
				if h.InboxErr != nil || h.DashboardErr != nil {
					t.Fatalf("%s: home: %v, %v", role, h.InboxErr, h.DashboardErr)
				}
				in, err := st.Evaluations().Inbox(t.Context(), a, screenAsOf)
				if err != nil {
					t.Fatal(err)
				}
				d, err := st.Evaluations().Dashboard(t.Context(), a, screenAsOf)
				if err != nil {
					t.Fatal(err)
				}
				if !reflect.DeepEqual(h.Inbox, in) {
					t.Errorf("%s: home's inbox %+v, the inbox %+v", role, h.Inbox, in)
				}
				if !reflect.DeepEqual(h.Dashboard, d) {
					t.Errorf("%s: home's dashboard differs from the dashboard", role)
				}
			}
		})
	}
}
