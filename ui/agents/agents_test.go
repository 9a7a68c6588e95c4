package agents

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule: the agents list pages its rows (100 per page, with the total), and
// the team filter and the name/number search narrow it.
func TestAgentsListFilters(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 150)
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: hr})
	w.SetContent(s.Build())
	s.Start()

	uitest.WaitFor(t, "the first page", func() bool { return len(s.Rows) == agentPageSize && s.Total == 150 })
	if s.next.Disabled() {
		t.Error("next page is disabled with 150 agents")
	}
	test.Tap(s.next)
	uitest.WaitFor(t, "the second page", func() bool { return len(s.Rows) == 50 && s.Rows[0].EmployeeNo == "E0100" })

	uitest.WaitFor(t, "the team choices", func() bool { return len(s.Team.Options) == 3 })
	s.Team.SetSelected("B")
	uitest.WaitFor(t, "team B", func() bool { return s.Total == 75 && s.page == 0 })
	for _, ag := range s.Rows {
		if ag.Team != "B" {
			t.Fatalf("team filter B shows %s of team %s", ag.EmployeeNo, ag.Team)
		}
	}
	s.Search.SetText("E0013")
	uitest.WaitFor(t, "the search", func() bool { return s.Total == 1 && len(s.Rows) == 1 && s.Rows[0].EmployeeNo == "E0013" })

	s.Search.SetText("")
	uitest.WaitFor(t, "team B again", func() bool { return s.Total == 75 })
	s.Team.SetSelectedIndex(0)
	uitest.WaitFor(t, "every team", func() bool { return s.Total == 150 })
	if len(s.supervisor.Options) != 2 {
		t.Fatalf("supervisor choices %q, want All and the one supervisor", s.supervisor.Options)
	}
	s.supervisor.SetSelectedIndex(1)
	uitest.WaitFor(t, "the supervisor filter", func() bool { return s.Total == 74 })
}

// Rule: a supervisor's list holds only their own team (access is enforced
// by the store, the screen shows what it gets).
func TestAgentsListSupervisorScope(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 10)
	sup, err := st.Agent(t.Context(), store.SystemActor("test"), "E0000")
	if err != nil {
		t.Fatal(err)
	}
	u, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("test"), store.NewUser{Username: "sup", Password: "correct horse battery", Roles: []models.Role{models.RoleSupervisor}, AgentID: &sup.ID})
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: store.ActorOf(u)})
	w.SetContent(s.Build())
	s.Start()
	uitest.WaitFor(t, "the team list", func() bool { return s.Total == 4 && len(s.Rows) == 4 })
	for _, ag := range s.Rows {
		if ag.SupervisorID == nil || *ag.SupervisorID != sup.ID {
			t.Errorf("supervisor sees %s, not of their team", ag.EmployeeNo)
		}
	}
}

// Rule: every explanation key of the scoring package is translated in both
// languages, and each translation uses the explanation's arguments (a
// rendered explanation shows its numbers, never a template left unfilled).
func TestExplanationsTranslated(t *testing.T) {
	test.NewTempApp(t)
	args := map[string]any{"scheduled": 210, "present": 200, "absent": 4, "leave": 5, "holiday": 1, "punctual": 190, "grace": 3,
		"attendance_rate": "98.10", "punctuality_rate": "95.15", "score": "97.51", "needed": 20, "count": 2, "audits": 12,
		"mean": "96.93", "expected": 46, "on_time": 43, "late": 2, "missing": 1, "rated": 43, "late_credit": 50,
		"submission_rate": "95.65", "report_quality": "88.84", "mean_rating": "4.44", "needed_weeks": 4, "needed_rated": 1,
		"few_weeks": true, "few_rated": false, "reviews": 3, "date": "2025-03-02", "error": "bad rating",
		"attendance": "97.51", "quality": "96.93", "weekly": "92.93", "supervisor": "90.00",
		"w_attendance": 25, "w_quality": 25, "w_weekly": 25, "w_supervisor": 25, "components": "quality, weekly"}
	for _, code := range []string{"en", "ar"} {
		i18n.Use(code)
		for _, key := range scoring.ExplanationKeys {
			got := widgets.ExplainText(scoring.Explanation{Key: key, Args: args})
			if got == key || got == "" || strings.Contains(got, "<no value>") || strings.Contains(got, "{{") {
				t.Errorf("%s %s: %q", code, key, got)
			}
		}
	}
	i18n.Use("en")
	if got := widgets.ExplainText(scoring.Explanation{Key: scoring.KeyAnnualIncomplete, Args: map[string]any{"count": 1, "components": "quality"}}); !strings.Contains(got, "Quality") && !strings.Contains(got, "quality") {
		t.Errorf("incomplete explanation does not name the component: %q", got)
	}
}

// Rule: a long explanation is cut into short lines at sentence ends and
// commas, keeping every word, so no line needs wrapping (which would break
// the order of mixed Arabic and numbers).
func TestExplanationLines(t *testing.T) {
	text := "210 يوم عمل مجدول: حضور 206، غياب 4، إجازة 15، عطل 7؛ أيام الانضباط 196 (منها 15 ضمن فترة السماح). نسبة الحضور 98.10٪ ونسبة الانضباط 95.15٪، فالدرجة 97.51."
	lines := explanationLines(text, 60)
	if len(lines) < 3 {
		t.Fatalf("got %d lines: %q", len(lines), lines)
	}
	joined := strings.Join(lines, " ")
	if strings.ReplaceAll(joined, " ", "") != strings.ReplaceAll(text, " ", "") {
		t.Errorf("lines lose text:\n%q\n%q", joined, text)
	}
	for _, l := range lines {
		if n := len([]rune(l)); n > 75 {
			t.Errorf("line of %d runes: %q", n, l)
		}
	}
}

// Rule: the chart helper draws an image of the asked size, also with an
// empty series (an agent without any complete year).
func TestLineChartSize(t *testing.T) {
	img := widgets.LineChart("", []widgets.Series{{Name: "annual", Color: widgets.SeriesColors[0], Points: []widgets.ChartPoint{{X: 2024, Y: 91.5}, {X: 2025, Y: 93.25}}}, {Name: "none"}}, 50, 100, 400, 200)
	if b := img.Bounds(); b.Dx() != 400 || b.Dy() != 200 {
		t.Errorf("chart is %v, want 400×200", b)
	}
}

// TestMain runs the screens' UI callbacks on the test's goroutine
// (uitest.Main), as the window's tests always have.
func TestMain(m *testing.M) { uitest.Main(m) }
