package recruitment

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 16): the candidate form's years of experience refuses letters
// as typed and stores Arabic-Indic digits as Latin.
func TestCandidateExperienceYearsNumeric(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, _, _ := newCandidatesWorld(t)
	test.Tap(uitest.FindButton(w.Content(), "Add candidate"))
	years, ok := uitest.DialogField(t, w, "Years of experience").(*widgets.NumericEntry)
	if !ok {
		t.Fatal("years of experience is not a numeric entry")
	}
	test.Type(years, "abc")
	if years.Text != "" {
		t.Fatalf("years of experience took letters: %q", years.Text)
	}
	test.Type(years, "٣٫٥")
	uitest.TypeField(t, w, "Name", "Omar Zahrani")
	pickJob(t, w)
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the saved candidate", func() bool { return !uitest.OnScreen(w, years) })
	cs, err := f.st.Recruitment().ListCandidates(t.Context(), f.hr, store.CandidateFilter{Search: "Omar"})
	if err != nil || len(cs) != 1 || cs[0].ExperienceYears != "3.5" {
		t.Fatalf("stored candidates %+v, %v", cs, err)
	}
}

// Rule (issue 16): the recruitment funnel (the pipeline's stage counts)
// reads from the reading side: the first stage (Applied) is right of the
// second in Arabic and left of it in English.
func TestFunnelFromReadingSide(t *testing.T) {
	test.NewTempApp(t)
	defer i18n.Use("en")
	for _, code := range []string{"ar", "en"} {
		i18n.Use(code)
		_, w, r, _ := newCandidatesWorld(t)
		tab := newPipelineTab(r)
		w.SetContent(tab.content())
		w.Resize(fyne.NewSize(1300, 800))
		uitest.WaitFor(t, "the funnel", func() bool { return len(tab.counts.Objects) == len(models.Stages) })
		tab.counts.Refresh()
		w.Resize(fyne.NewSize(1300, 801))
		first, second := tab.counts.Objects[0].Position().X, tab.counts.Objects[1].Position().X
		if code == "ar" && first <= second || code == "en" && first >= second {
			t.Errorf("%s: first stage at x=%.0f, second at x=%.0f", code, first, second)
		}
	}
}

// Rule (issue 16 item 1): the recruitment tables (candidates, my
// interviews, jobs, question bank, candidate comparison) and the quality of
// hire's hires table mirror in Arabic through the shared column helper:
// the first logical column's header is the rightmost in Arabic and the
// leftmost in English.
func TestRecruitmentTablesMirrorInArabic(t *testing.T) {
	for _, code := range []string{"en", "ar"} {
		t.Run(code, func(t *testing.T) {
			test.NewTempApp(t)
			i18n.Use(code)
			t.Cleanup(func() { i18n.Use("en") })
			f := newRecruitUIFixture(t)
			w := test.NewWindow(nil)
			t.Cleanup(w.Close)
			w.Resize(fyne.NewSize(2600, 900)) // wide enough to show every column
			r := newRecruit(recruitmentOf(f.st), w, f.hr)
			w.SetContent(r.content())
			sup := newRecruit(recruitmentOf(f.st), w, f.sup1)
			w.SetContent(sup.content())

			cases := []struct {
				name  string
				first string  // translation key of the first logical column
				width float32 // its width
				show  func() *widget.Table
			}{
				{"candidates", "rec.col.name", 200, func() *widget.Table {
					tab := newCandidatesTab(r)
					w.SetContent(tab.content())
					return tab.table
				}},
				{"my interviews", "rec.col.when", 150, func() *widget.Table {
					tab := newMyInterviewsTab(sup)
					w.SetContent(tab.content())
					return tab.table
				}},
				{"jobs", "rec.col.code", 100, func() *widget.Table {
					tab := newJobsTab(r)
					w.SetContent(tab.content())
					return tab.table
				}},
				{"question bank", "rec.col.code", 70, func() *widget.Table {
					tab := newQuestionsTab(r)
					w.SetContent(tab.content())
					return tab.table
				}},
				{"comparison", "rec.col.name", 170, func() *widget.Table {
					tab := newPipelineTab(r)
					w.SetContent(tab.content())
					return tab.table
				}},
				{"quality of hire", "hire.col.employee_no", 110, func() *widget.Table {
					v := NewHireQualityView(f.st.Recruitment(), f.hr)
					w.SetContent(v.Content())
					return v.hires
				}},
			}
			for _, c := range cases {
				tbl := c.show()
				uitest.WaitFor(t, c.name, func() bool { return true })
				tbl.Refresh()
				uitest.CheckFirstColumnSide(t, c.name, tbl, widgets.Cell(i18n.T(c.first)), c.width)
			}
		})
	}
}
