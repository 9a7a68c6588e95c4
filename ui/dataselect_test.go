package ui

import (
	"fmt"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/i18n"
	"sullam/ui/recruitment"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): a drop-down of data values shows each value in visual
// order (a team «فريق أبها 10» is not drawn «10فريق أبها») and filters by the
// value itself: the agents list's team filter in Arabic.
func TestTeamFilterOptionsInVisualOrder(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	st := uitest.OpenTestStore(t)
	sys := store.SystemActor("test")
	teams := []string{"فريق أبها 10", "فريق جدة 2"}
	for i := range 6 {
		ag := models.Agent{EmployeeNo: fmt.Sprintf("E%04d", i), FullName: fmt.Sprintf("موظف %d", i), Team: teams[i%2],
			HireDate: models.MustDate("2021-01-03"), Role: "csr", RoleStartDate: models.MustDate("2021-01-03")}
		if _, err := st.SaveAgent(t.Context(), sys, ag); err != nil {
			t.Fatal(err)
		}
	}
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w := test.NewWindow(nil)
	defer w.Close()
	s := agents.NewAgentsScreen(widgets.Deps{Store: st, Win: w, Actor: hr})
	w.SetContent(s.Build())
	s.Start()
	uitest.WaitFor(t, "the team choices", func() bool { return len(s.Team.Options) == 3 && s.Total == 6 })
	i := slices.Index(s.Team.Options, widgets.Cell(teams[0]))
	if i < 0 || slices.Contains(s.Team.Options, teams[0]) {
		t.Fatalf("team options %q: want %q in visual order, not as typed", s.Team.Options, teams[0])
	}
	s.Team.SetSelectedIndex(i)
	if s.Team.Selected != widgets.Cell(teams[0]) || s.Team.Value() != teams[0] {
		t.Errorf("chosen: shown %q, value %q", s.Team.Selected, s.Team.Value())
	}
	uitest.WaitFor(t, "the team's agents", func() bool { return s.Total == 3 })
	for _, ag := range s.Rows {
		if ag.Team != teams[0] {
			t.Errorf("team filter %q shows %s of team %q", teams[0], ag.EmployeeNo, ag.Team)
		}
	}
	// New values keep the choice.
	s.Team.SetValues(append(slices.Clone(s.Team.Values), "فريق الرياض 3"))
	if s.Team.Value() != teams[0] || s.Team.Selected != widgets.Cell(teams[0]) {
		t.Errorf("after new values: value %q, shown %q", s.Team.Value(), s.Team.Selected)
	}
}

// Rule (issue 16): the jobs drop-down shows "code — Arabic title" in visual
// order and still finds the chosen job.
func TestJobSelectInVisualOrder(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	js := recruitment.NewJobSelect("", nil)
	jobs := []models.JobDescription{{ID: 7, Code: "CSR-1", TitleAr: "ممثل خدمة العملاء 2"}, {ID: 9, Code: "CSC-1", TitleAr: "منسق خدمة العملاء"}}
	js.SetJobs(jobs)
	opt := recruitment.JobOption(&jobs[0]) // "CSR-1 — ممثل خدمة العملاء 2": Fyne alone draws the 2 out of place
	if len(js.Sel.Options) != 2 || js.Sel.Options[0] != widgets.Cell(opt) || js.Sel.Options[0] == opt {
		t.Fatalf("options %q: want %q in visual order", js.Sel.Options, opt)
	}
	js.Sel.SetSelectedIndex(1)
	if got := js.SelectedID(); got != 9 {
		t.Errorf("chosen job %d, want 9", got)
	}
}
