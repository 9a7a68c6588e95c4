package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/agents"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/settings"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16 item 1): the other tables built with tableHeaders (the
// evaluations' audits, reviews and weekly report, the agent profile's role
// history, audits, weekly reports and reviews) and the users table of
// Settings mirror in Arabic through the same helper: the first logical
// column's header is the rightmost in Arabic and the leftmost in English.
func TestEvaluationTablesMirrorInArabic(t *testing.T) {
	for _, code := range []string{"en", "ar"} {
		t.Run(code, func(t *testing.T) {
			test.NewTempApp(t)
			i18n.Use(code)
			t.Cleanup(func() { i18n.Use("en") })
			wd := newImportWorld(t)
			w := test.NewWindow(nil)
			t.Cleanup(w.Close)
			w.Resize(fyne.NewSize(2600, 1400)) // wide enough to show every column
			deps := func(r models.Role) widgets.Deps {
				return widgets.Deps{Store: wd.st, Win: w, Actor: wd.actors[r], User: wd.users[r], Navigate: func(widgets.Area) {}}
			}
			ag, err := wd.st.Agent(t.Context(), store.SystemActor("test"), "E0001")
			if err != nil {
				t.Fatal(err)
			}
			d := deps(models.RoleHR)
			p := agents.NewAgentProfile(d, widgets.EvalAreas(wd.st), ag, nil, nil, func() {}, func(models.Agent) {})
			w.SetContent(p.Content())
			admin := wd.users[models.RoleAdmin]
			firstTable := func(o fyne.CanvasObject) *widget.Table {
				w.SetContent(o)
				uitest.WaitFor(t, "the screen to load", func() bool { return true })
				tb, _ := uitest.FindObject(o, func(x fyne.CanvasObject) bool { _, ok := x.(*widget.Table); return ok }).(*widget.Table)
				if tb == nil {
					t.Fatal("no table on the screen")
				}
				return tb
			}
			cases := []struct {
				name  string
				first string  // translation key of the first logical column
				width float32 // its width
				show  func() *widget.Table
			}{
				{"audits", "field.ref", 165, func() *widget.Table { return firstTable(evaluation.NewAuditsTab(deps(models.RoleQuality))) }},
				{"reviews", "field.date", 100, func() *widget.Table { return firstTable(evaluation.NewReviewsTab(deps(models.RoleSupervisor))) }},
				{"weekly report", "field.week", 110, func() *widget.Table { return firstTable(evaluation.NewWeeklyReportTab(deps(models.RoleAgent))) }},
				{"users", "field.username", 160, func() *widget.Table {
					s := settings.NewSettingsScreen(widgets.WithAccounts(wd.st), w, wd.actors[models.RoleAdmin], admin, func(string) {}, "")
					return firstTable(s.UsersTab())
				}},
				{"profile role history", "agent.col.role", 220, func() *widget.Table { return firstTable(p.DetailsTab()) }},
				{"profile audits", "profile.date", 120, func() *widget.Table { return firstTable(p.AuditsTab()) }},
				{"profile weekly", "profile.week", 130, func() *widget.Table { return firstTable(p.WeeklyTab()) }},
				{"profile reviews", "profile.date", 120, func() *widget.Table { return firstTable(p.ReviewsTab()) }},
			}
			for _, c := range cases {
				tbl := c.show()
				tbl.Refresh()
				uitest.CheckFirstColumnSide(t, c.name, tbl, i18n.T(c.first), c.width)
			}
		})
	}
}
