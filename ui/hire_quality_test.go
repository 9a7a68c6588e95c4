package ui

import (
	"context"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/recruitment"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// fakeHireStore serves a fixed quality of hire.
type fakeHireStore struct{ q store.HireQuality }

func (f fakeHireStore) HireQuality(context.Context, store.Actor) (store.HireQuality, error) {
	return f.q, nil
}

// handHires is a small data set: nine hires for one job, eight of them with
// their first full year scored. Interview X = 60, 64, …, 88 and annual
// Y = 51, …, 57, 100, a linear change of x = 1…8 and y = 1…7, 50, where by
// hand Σdxdy = 189, Σdx² = 42, Σdy² = 1879.5: Pearson = 189/√78939 = 0.67;
// the ranks agree everywhere: Spearman = 1.00. Interviewer 1 marked all nine
// as the total; interviewer 2 only the first three (too few to tell).
func handHires() store.HireQuality {
	var hires []store.HireOutcome
	for i := range 9 {
		h := store.HireOutcome{AgentID: uint(100 + i), EmployeeNo: "H" + string(rune('0'+i)), FullName: "Hire " + string(rune('A'+i)),
			JobID: 7, JobCode: "CSR", JobTitleEn: "Customer Service Representative", JobTitleAr: "ممثل خدمة العملاء",
			HireDate: models.MustDate("2024-03-01"), Interview: scoring.Cents(6000 + 400*i), HasInterview: true,
			ByInterviewer: map[uint]scoring.Cents{1: scoring.Cents(6000 + 400*i)}, Year: 2025, YearEnded: true,
			ByCategory: map[string]scoring.Cents{"COMM": scoring.Cents(6000 + 400*i)}}
		if i < 3 {
			h.ByInterviewer[2] = h.Interview
		}
		if i < 8 {
			h.HasAnnual, h.Finalized = true, true
			h.Annual = scoring.Cents(5100 + 100*i)
			if i == 7 {
				h.Annual = 10000
			}
		} else {
			h.Year, h.YearEnded = 2027, false
		}
		hires = append(hires, h)
	}
	users := map[uint]models.User{1: {ID: 1, FullName: "Huda Interviewer"}, 2: {ID: 2, FullName: "Sami Interviewer"}}
	byJob, byWho := store.GroupHires(hires, users)
	return store.HireQuality{Hires: hires, ByJob: byJob, ByInterviewer: byWho,
		Categories: []models.QuestionCategory{{Code: "COMM", NameEn: "Communication", NameAr: "التواصل"}, {Code: "SALES", NameEn: "Sales", NameAr: "المبيعات"}}}
}

// Rule (issue 13): the quality-of-hire view shows, by job, the number of
// hires, n and the hand-computed Pearson (0.67) and Spearman (1.00); tapping
// "By interviewer" shows each interviewer's, "too few to tell" under 8
// pairs; tapping a group's chart button shows its hires in the scatter
// chart, with n. At 1366×768 the view never widens the window.
func TestHireQualityViewShowsCorrelations(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1366, 768))
	v := recruitment.NewHireQualityView(fakeHireStore{q: handHires()}, store.Actor{Roles: []models.Role{models.RoleManager}})
	w.SetContent(v.Content())
	job := "CSR — Customer Service Representative"
	uitest.WaitFor(t, "the groups by job", func() bool { return uitest.FindLabel(v.Groups, job) })
	if min := w.Content().MinSize(); min.Width > 1366-200 {
		t.Errorf("the view is %v wide at least: wider than a 1366 screen beside the navigation", min.Width)
	}
	for _, want := range []string{"9", "8", "0.67", "1.00"} {
		if !uitest.FindLabel(v.Groups, want) {
			t.Errorf("by job: no cell %q (want 9 hires, n=8, Pearson 0.67, Spearman 1.00)", want)
		}
	}
	if want := i18n.T("hire.chart_title", map[string]any{"Group": i18n.T("hire.all_hires"), "N": 8}); v.ChartTitle.Text != want {
		t.Errorf("chart title %q, want %q", v.ChartTitle.Text, want)
	}
	if got := v.HireCell(8, len(recruitment.HireColumns)+len(v.Q.Categories)+1); got != i18n.T("hire.pending") {
		t.Errorf("the ninth hire's annual %q, want pending", got)
	}
	// per category: a column per category, "—" where the kit had none
	if h := v.HireHeaders(); h[len(recruitment.HireColumns)] != "Communication" || h[len(recruitment.HireColumns)+1] != "Sales" {
		t.Errorf("headers %v, want a column per category", h)
	}
	if got, none := v.HireCell(1, len(recruitment.HireColumns)), v.HireCell(1, len(recruitment.HireColumns)+1); got != "64.00" || none != "—" {
		t.Errorf("H1 by category %q / %q, want 64.00 / —", got, none)
	}

	test.Tap(uitest.FindButton(w.Content(), i18n.T("hire.by_interviewer")))
	if !uitest.FindLabel(v.Groups, "Sami Interviewer") || uitest.FindLabel(v.Groups, job) {
		t.Fatal("by interviewer: the groups did not change")
	}
	if !uitest.FindLabel(v.Groups, i18n.T("hire.too_few")) {
		t.Error("by interviewer: Sami's 3 pairs are not shown as too few to tell")
	}
	test.Tap(v.GroupButtons["Sami Interviewer"])
	if want := i18n.T("hire.chart_title", map[string]any{"Group": "Sami Interviewer", "N": 3}); v.ChartTitle.Text != want {
		t.Errorf("chart title %q, want %q", v.ChartTitle.Text, want)
	}
}

// Rule (issue 13): the manager's home has a "Quality of hire" button that
// opens Recruitment on its Quality of hire tab (through the real shell and
// store; with no hire yet the view says so).
func TestShellHomeOpensHireQuality(t *testing.T) {
	a := test.NewTempApp(t)
	i18n.Use("en")
	c := uitest.NewClockedWorld(t, time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC))
	mgr, err := c.St.Accounts().CreateUser(t.Context(), store.SystemActor("test"), store.NewUser{Username: "boss", FullName: "Mona Manager", Password: "correct horse battery", Roles: []models.Role{models.RoleManager}})
	if err != nil {
		t.Fatal(err)
	}
	mgr.Roles = []models.UserRole{{UserID: mgr.ID, Role: models.RoleManager}}
	w := test.NewWindow(nil)
	defer w.Close()
	ctl := NewController(a, w, c.St, widgets.NewSettings(a.Preferences()), "")
	sh := NewShell(ctl, mgr)
	w.SetContent(sh.Content())
	uitest.WaitFor(t, "the quality-of-hire button", func() bool { return uitest.FindButton(w.Content(), i18n.T("hire.open")) != nil })
	test.Tap(uitest.FindButton(w.Content(), i18n.T("hire.open")))
	uitest.WaitFor(t, "the recruitment area", func() bool { return sh.current == widgets.AreaRecruitment })
	tabs, _ := uitest.FindObject(sh.body, func(o fyne.CanvasObject) bool { _, ok := o.(*widgets.ReadingTabs); return ok }).(*widgets.ReadingTabs)
	if tabs == nil || tabs.Selected() == nil || tabs.Selected().Text != i18n.T(widgets.HireTabKey) {
		t.Fatal("recruitment does not open on the quality-of-hire tab")
	}
	uitest.WaitFor(t, "the empty view", func() bool { return uitest.FindLabel(sh.body, i18n.T("hire.none")) })
}
