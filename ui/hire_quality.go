package ui

import (
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"sullam/hiring"
	"sullam/store"
	"sullam/ui/i18n"
)

// hireTabKey is the translation key of the Recruitment tab of the quality
// of hire; the manager's home opens it through the shell.
const hireTabKey = "rec.tab.hire_quality"

// hireQualityStore is what the quality-of-hire view needs of the store.
type hireQualityStore interface {
	HireQuality(a store.Actor) (store.HireQuality, error)
}

// Sizes of the quality-of-hire chart, in pixels.
const (
	hireChartW = 440
	hireChartH = 280
)

// hireQualityView shows, for the agents hired through Sullam, how their
// interview predicted their first full year: the correlations by job or by
// interviewer, a scatter chart of one group, and every hire's interview
// beside their first full year's scores.
type hireQualityView struct {
	st    hireQualityStore
	actor store.Actor

	q             store.HireQuality
	byInterviewer bool
	// chosen is the group whose hires the chart shows (nil: every hire).
	chosen *store.HireGroup

	summary    *widget.Label
	jobBtn     *widget.Button
	whoBtn     *widget.Button
	groups     *fyne.Container
	chartTitle *widget.Label
	chart      *fyne.Container
	hires      *widget.Table
}

func newHireQualityView(st hireQualityStore, a store.Actor) *hireQualityView {
	return &hireQualityView{st: st, actor: a}
}

var hireColumns = []string{"hire.col.employee_no", "hire.col.name", "hire.col.job", "hire.col.hired", "hire.col.interview"}

var hireTailColumns = []string{"hire.col.year", "hire.col.annual", "hire.col.attendance", "hire.col.quality", "hire.col.weekly", "hire.col.supervisor"}

func (v *hireQualityView) content() fyne.CanvasObject {
	v.summary = label(lang.L("common.loading"))
	v.jobBtn = widget.NewButton(lang.L("hire.by_job"), v.onByJob)
	v.whoBtn = widget.NewButton(lang.L("hire.by_interviewer"), v.onByInterviewer)
	v.groups = container.NewVBox()
	v.chartTitle = heading("")
	v.chart = container.NewStack()
	v.hires = recNewTableH(v.hireHeaders, nil, func() int { return len(v.q.Hires) }, v.hireCell)
	for i, w := range []float32{80, 160, 150, 95, 80} {
		v.hires.SetColumnWidth(i, w)
	}
	top := container.NewVBox(heading(lang.L("hire.title")), para(lang.L("hire.hint")), v.summary,
		actionRow(v.jobBtn, v.whoBtn),
		sideBySide(container.NewVBox(v.groups), container.NewVBox(v.chartTitle, v.chart)))
	split := container.NewVSplit(container.NewVScroll(top), container.NewBorder(heading(lang.L("hire.hires")), nil, nil, nil, v.hires))
	split.Offset = 0.62
	v.load()
	return split
}

// load reads the quality of hire off the UI thread.
func (v *hireQualityView) load() {
	goWork(func() {
		q, err := v.st.HireQuality(v.actor)
		uiDo(func() {
			if err != nil {
				slog.Error("quality of hire", "err", err)
				v.summary.SetText(userMessage(err))
				return
			}
			v.q = q
			scored := 0
			for _, h := range q.Hires {
				if h.Scored() {
					scored++
				}
			}
			v.summary.SetText(i18n.Display(lang.L("hire.summary", map[string]any{"Hires": len(q.Hires), "Scored": scored, "Min": hiring.MinPairs})))
			for i := range q.Categories {
				v.hires.SetColumnWidth(len(hireColumns)+i, 90)
			}
			for i := range hireTailColumns {
				v.hires.SetColumnWidth(len(hireColumns)+len(q.Categories)+i, 80)
			}
			v.hires.Refresh()
			v.showGroups()
		})
	})
}

// onByJob shows the correlations by job.
func (v *hireQualityView) onByJob() {
	v.byInterviewer, v.chosen = false, nil
	v.showGroups()
}

// onByInterviewer shows the correlations by interviewer (their own marks).
func (v *hireQualityView) onByInterviewer() {
	v.byInterviewer, v.chosen = true, nil
	v.showGroups()
}

// corrText is a correlation coefficient as shown: "too few to tell" under
// hiring.MinPairs pairs, "no variation" when undefined, else 2 decimals.
func corrText(c hiring.Correlation, r float64, ok bool) string {
	switch {
	case c.TooFew:
		return lang.L("hire.too_few")
	case !ok:
		return lang.L("hire.no_variation")
	}
	return fmt.Sprintf("%.2f", r)
}

// groupName is a job's code and title, or an interviewer's name.
func (v *hireQualityView) groupName(g store.HireGroup) string {
	if v.byInterviewer {
		return g.NameEn
	}
	return g.Code + " — " + recPick(g.NameAr, g.NameEn)
}

// showGroups fills the table of groups of the current grouping and the chart.
func (v *hireQualityView) showGroups() {
	v.jobBtn.Importance, v.whoBtn.Importance = widget.HighImportance, widget.MediumImportance
	list, first := v.q.ByJob, "hire.col.job"
	if v.byInterviewer {
		v.jobBtn.Importance, v.whoBtn.Importance = widget.MediumImportance, widget.HighImportance
		list, first = v.q.ByInterviewer, "hire.col.interviewer"
	}
	v.jobBtn.Refresh()
	v.whoBtn.Refresh()
	cols := []fyne.CanvasObject{}
	bold := func(key string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(lang.L(key), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	}
	row := func(objs ...fyne.CanvasObject) {
		if i18n.IsRTL() {
			for i, j := 0, len(objs)-1; i < j; i, j = i+1, j-1 {
				objs[i], objs[j] = objs[j], objs[i]
			}
		}
		cols = append(cols, objs...)
	}
	row(bold(first), bold("hire.col.hires"), bold("hire.col.n"), bold("hire.col.pearson"), bold("hire.col.spearman"))
	for i := range list {
		g := list[i]
		name := widget.NewButton(cell(v.groupName(g)), func() { v.choose(g) })
		c := g.Correlation
		centred := func(s string) fyne.CanvasObject {
			return widget.NewLabelWithStyle(cell(s), fyne.TextAlignCenter, fyne.TextStyle{})
		}
		row(name, centred(fmt.Sprint(g.Hires)), centred(fmt.Sprint(c.N)),
			centred(corrText(c, c.Pearson, c.PearsonOK)), centred(corrText(c, c.Spearman, c.SpearmanOK)))
	}
	grid := container.NewGridWithColumns(5, cols...)
	v.groups.Objects = []fyne.CanvasObject{grid}
	if len(list) == 0 {
		v.groups.Objects = append(v.groups.Objects, label(lang.L("hire.none")))
	}
	v.groups.Refresh()
	v.showChart()
}

// choose shows one group's hires in the chart.
func (v *hireQualityView) choose(g store.HireGroup) {
	v.chosen = &g
	v.showChart()
}

// chartPoints returns the (interview, annual) points of the chosen group,
// or of every scored hire.
func (v *hireQualityView) chartPoints() []ChartPoint {
	var pts []ChartPoint
	for _, h := range v.q.Hires {
		switch {
		case v.chosen == nil:
			if h.Scored() {
				pts = append(pts, ChartPoint{X: float64(h.Interview) / 100, Y: float64(h.Annual) / 100})
			}
		case v.byInterviewer:
			if own, ok := h.ByInterviewer[v.chosen.ID]; ok && h.HasAnnual {
				pts = append(pts, ChartPoint{X: float64(own) / 100, Y: float64(h.Annual) / 100})
			}
		default:
			if h.JobID == v.chosen.ID && h.Scored() {
				pts = append(pts, ChartPoint{X: float64(h.Interview) / 100, Y: float64(h.Annual) / 100})
			}
		}
	}
	return pts
}

// showChart draws the scatter chart of the chosen group.
func (v *hireQualityView) showChart() {
	pts := v.chartPoints()
	who := lang.L("hire.all_hires")
	if v.chosen != nil {
		who = v.groupName(*v.chosen)
	}
	v.chartTitle.SetText(i18n.Display(lang.L("hire.chart_title", map[string]any{"Group": who, "N": len(pts)})))
	img := ScatterChart(pts, lang.L("hire.axis_interview"), lang.L("hire.axis_annual"), colorScores, hireChartW, hireChartH)
	v.chart.Objects = []fyne.CanvasObject{ChartImage(img, hireChartW, hireChartH)}
	v.chart.Refresh()
}

// hireHeaders are the hires table's headers: the fixed columns, one per
// question category, then the first full year's scores.
func (v *hireQualityView) hireHeaders() []string {
	var h []string
	for _, k := range hireColumns {
		h = append(h, lang.L(k))
	}
	for _, c := range v.q.Categories {
		h = append(h, recPick(c.NameAr, c.NameEn))
	}
	for _, k := range hireTailColumns {
		h = append(h, lang.L(k))
	}
	return h
}

// hireCell is one cell of the hires table.
func (v *hireQualityView) hireCell(row, col int) string {
	if row >= len(v.q.Hires) {
		return ""
	}
	h := v.q.Hires[row]
	switch col {
	case 0:
		return h.EmployeeNo
	case 1:
		return h.FullName
	case 2:
		return h.JobCode + " — " + recPick(h.JobTitleAr, h.JobTitleEn)
	case 3:
		return h.HireDate.String()
	case 4:
		if !h.HasInterview {
			return "—"
		}
		return h.Interview.String()
	}
	col -= len(hireColumns)
	if col < len(v.q.Categories) {
		if pct, ok := h.ByCategory[v.q.Categories[col].Code]; ok {
			return pct.String()
		}
		return "—"
	}
	col -= len(v.q.Categories)
	switch {
	case col == 0:
		return fmt.Sprint(h.Year)
	case col == 1 && !h.YearEnded:
		return lang.L("hire.pending")
	case col == 1 && !h.HasAnnual:
		return lang.L("hire.incomplete")
	case col == 1:
		if h.Finalized {
			return h.Annual.String()
		}
		return lang.L("hire.provisional", map[string]any{"Score": h.Annual.String()})
	case col >= 2 && col <= 5 && h.YearEnded && h.ComponentOK[col-2]:
		return h.Components[col-2].String()
	}
	return "—"
}

// hireQualityButton is the manager's home button that opens the quality of
// hire (Recruitment, its tab) through the shell's navigation.
func (h *Home) hireQualityButton() []fyne.CanvasObject {
	if !h.actor.Can(store.OpViewHireQuality) {
		return nil
	}
	b := widget.NewButton(lang.L("hire.open"), func() {
		if h.Navigate != nil {
			h.Navigate(AreaRecruitment, hireTabKey)
		}
	})
	return []fyne.CanvasObject{widget.NewSeparator(), heading(lang.L("hire.title")), para(lang.L("hire.home_hint")), actionRow(b)}
}
