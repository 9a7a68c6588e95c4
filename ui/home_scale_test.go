package ui

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/home"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// manyTeamsDashboard is a manager's dashboard of a department of 455
// teams over three years, one supervisor each: team i's mean of the last
// year is 60 + (i*37 mod 455)/13 points, so the best teams are known, and
// supervisor i's gap grows with (i*53 mod 455).
func manyTeamsDashboard() store.Dashboard {
	const teams = 455
	m := &store.ManagerDashboard{Year: 2025, Readiness: map[models.ReadinessStatus]int{}, Years: []int{2023, 2024, 2025},
		TeamMeans: map[string][]store.TeamMean{}, CalibrationMin: 5}
	for i := 1; i <= teams; i++ {
		last := scoring.Cents(6000 + (i*37%teams)*100/13)
		m.TeamMeans[fmt.Sprintf("Team %03d", i)] = []store.TeamMean{{Mean: 8000, N: 10}, {Mean: 8100, N: 11}, {Mean: last, N: 12}}
		gap := scoring.Cents((i*53%teams)*4 - 900)
		m.Calibration = append(m.Calibration, store.SupervisorCalibration{
			Name: fmt.Sprintf("Supervisor with a rather long name number %03d", i),
			Calibration: scoring.Calibration{SupervisorID: uint(i), Agents: 12, MeanReview: 8000 + gap, MeanQuality: 8000, Gap: gap,
				Leniency: scoring.Aligned}})
	}
	return store.Dashboard{Manager: m}
}

// Rule (issue 17, charts at 455 teams): the team trend's legend holds the
// 12 best teams by their mean of the last year and one entry for the
// others with their count in the language's plural form ("Others: 443
// more teams", «الباقي: 443 فريقًا آخر»); "All teams" shows every team in a
// table that the search narrows; the calibration says it draws the 16
// supervisors at the two ends of 455, and "All supervisors" lists all of
// them with their full names. In both languages.
func TestHomeChartsAtScale(t *testing.T) {
	d := manyTeamsDashboard()
	best := widgets.RankTeams(d.Manager.TeamMeans)[:widgets.TeamTrendTop]
	for _, lng := range []string{"en", "ar"} {
		t.Run(lng, func(t *testing.T) {
			test.NewTempApp(t)
			test.ApplyTheme(t, NewTheme()) // Sullam's font: Fyne's default orders Arabic runs differently
			i18n.Use(lng)
			defer i18n.Use("en")
			w := test.NewWindow(nil)
			defer w.Close()
			w.Resize(fyne.NewSize(1300, 900))
			h := home.NewHome(uitest.FakeHomeStore{D: d, Clock: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)},
				store.Actor{Roles: []models.Role{models.RoleManager}}, models.User{FullName: "Boss"})
			w.SetContent(h.Content())
			uitest.WaitFor(t, "the manager dashboard", func() bool { return len(h.Body.Objects) > 0 })

			legend, ok := h.TeamLegend.(*fyne.Container)
			if !ok {
				t.Fatalf("no team legend")
			}
			if n := len(legend.Objects); n != widgets.TeamTrendTop+1 {
				t.Fatalf("the legend has %d entries, want %d teams and the others", n, widgets.TeamTrendTop+1)
			}
			text := uitest.TextIn(legend)
			for _, team := range best {
				if !strings.Contains(text, team) {
					t.Errorf("best team %s is not in the legend:\n%s", team, text)
				}
			}
			others := map[string]string{"en": "Others: 443 more teams", "ar": "الباقي: 443 فريقًا آخر"}[lng]
			if !strings.Contains(uitest.TextIn(legend.Objects[widgets.TeamTrendTop]), others) { // the entry's logical text
				t.Errorf("the last legend entry is %q, want %q", uitest.TextIn(legend.Objects[widgets.TeamTrendTop]), others)
			}

			allTeams := uitest.FindButton(h.Body, i18n.Display(i18n.T("home.all_teams")))
			if allTeams == nil {
				t.Fatal("no All teams button")
			}
			test.Tap(allTeams)
			tbl := tableAfter(t, h.Body, i18n.T("home.search_team"))
			if rows, cols := tbl.Length(); rows != 455 || cols != 5 {
				t.Errorf("the teams table is %d×%d, want 455 teams × (team, agents, 3 years)", rows, cols)
			}
			test.Type(uitest.FindEntry(h.Body, i18n.T("home.search_team")), "Team 01")
			if rows, _ := tbl.Length(); rows != 10 {
				t.Errorf("searching \"Team 01\" leaves %d teams, want 10 (Team 010–019)", rows)
			}

			hint := map[string]string{"en": "the 16 supervisors at the two ends of 455",
				"ar": "المعروض: 16 مشرفًا من طرفي 455"}[lng]
			if !strings.Contains(uitest.TextIn(h.Body), hint) {
				t.Errorf("the calibration does not say %q", hint)
			}
			test.Tap(uitest.FindButton(h.Body, i18n.Display(i18n.T("home.all_supervisors"))))
			sup := tableAfter(t, h.Body, i18n.T("home.search_supervisor"))
			if rows, cols := sup.Length(); rows != 455 || cols != 6 {
				t.Errorf("the supervisors table is %d×%d, want 455 × 6", rows, cols)
			}
			if dir := os.Getenv("SCREENSHOTS"); dir != "" { // to look at it, not checked
				w.Resize(fyne.NewSize(1366, 3000))
				widgets.Background.Drain()
				writePNG(t, filepath.Join(dir, "home-455-teams-"+lng+".png"), w.Canvas().Capture())
			}
		})
	}
}

// tableAfter returns the table of the searchTable whose search box has the
// placeholder, once shown.
func tableAfter(t *testing.T, o fyne.CanvasObject, placeholder string) *widget.Table {
	t.Helper()
	var found *widget.Table
	uitest.FindObject(o, func(x fyne.CanvasObject) bool {
		c, ok := x.(*fyne.Container)
		if !ok || len(c.Objects) != 3 || !c.Visible() {
			return false
		}
		e, ok := c.Objects[1].(*widget.Entry)
		if !ok || e.PlaceHolder != placeholder {
			return false
		}
		found, _ = uitest.FindObject(c.Objects[2], func(y fyne.CanvasObject) bool { _, ok := y.(*widget.Table); return ok }).(*widget.Table)
		return found != nil
	})
	if found == nil {
		t.Fatalf("no shown table under the search %q", placeholder)
	}
	return found
}

// Rule (issue 17): the calibration chart's supervisors are sorted by gap,
// the most lenient first; of more than 16 it draws the 8 at each end; a
// long name is cut with an ellipsis to 14 letters (the table has it whole).
func TestCalibrationShownSortedAndShort(t *testing.T) {
	d := manyTeamsDashboard()
	sorted, shown := widgets.CalibrationShown(d.Manager.Calibration)
	if len(sorted) != 455 || len(shown) != widgets.CalibrationTop {
		t.Fatalf("sorted %d, shown %d; want 455 and %d", len(sorted), len(shown), widgets.CalibrationTop)
	}
	for i := 1; i < len(sorted); i++ {
		if sorted[i].Gap > sorted[i-1].Gap {
			t.Fatalf("not sorted by gap at %d: %v after %v", i, sorted[i].Gap, sorted[i-1].Gap)
		}
	}
	if shown[0] != sorted[0] || shown[7] != sorted[7] || shown[8] != sorted[447] || shown[15] != sorted[454] {
		t.Error("the chart does not draw the 8 most lenient and the 8 harshest")
	}
	few, fewShown := widgets.CalibrationShown(d.Manager.Calibration[:5])
	if len(fewShown) != 5 || len(few) != 5 {
		t.Errorf("5 supervisors: %d drawn, want all", len(fewShown))
	}
	if got := widgets.ShortName("Supervisor with a rather long name"); got != "Supervisor wi…" || len([]rune(got)) != widgets.ChartNameRunes {
		t.Errorf("shortName = %q", got)
	}
	if got := widgets.ShortName("عبدالرحمن بن عبدالعزيز الشهري"); len([]rune(got)) > widgets.ChartNameRunes || !strings.HasSuffix(got, "…") {
		t.Errorf("shortName (Arabic) = %q", got)
	}
	if got := widgets.ShortName("Huda Saleh"); got != "Huda Saleh" {
		t.Errorf("a short name is cut: %q", got)
	}
}

// writePNG saves img to path.
func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, img); err != nil {
		t.Fatal(err)
	}
}
