package recruitment

import (
	"context"
	"fmt"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"sullam/hiring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// hireQualityStore is what the quality-of-hire view needs of the store.
type hireQualityStore interface {
	HireQuality(ctx context.Context, a store.Actor) (store.HireQuality, error)
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

	Q             store.HireQuality
	byInterviewer bool
	// chosen is the group whose hires the chart shows (nil: every hire).
	chosen *store.HireGroup

	summary    *widget.Label
	jobBtn     *widget.Button
	whoBtn     *widget.Button
	Groups     *fyne.Container
	ChartTitle *widget.Label
	chart      *fyne.Container
	hires      *widget.Table
	// GroupButtons are the groups' "show in the chart" buttons, by name.
	GroupButtons map[string]*widget.Button
}

// NewHireQualityView builds the quality-of-hire view: each hire's interview
// result beside their first full year's scores, and the correlations.
func NewHireQualityView(st hireQualityStore, a store.Actor) *hireQualityView {
	return &hireQualityView{st: st, actor: a}
}

// HireColumns are the translation keys of the hire table's leading columns.
var HireColumns = []string{"hire.col.employee_no", "hire.col.name", "hire.col.job", "hire.col.hired", "hire.col.interview"}

var hireTailColumns = []string{"hire.col.year", "hire.col.annual", "hire.col.attendance", "hire.col.quality", "hire.col.weekly", "hire.col.supervisor"}

// Content is the view's widgets.
func (v *hireQualityView) Content() fyne.CanvasObject {
	v.summary = widgets.Label(i18n.T("common.loading"))
	v.jobBtn = widget.NewButton(i18n.T("hire.by_job"), v.onByJob)
	v.whoBtn = widget.NewButton(i18n.T("hire.by_interviewer"), v.onByInterviewer)
	v.Groups = container.NewVBox()
	v.ChartTitle = widgets.Heading("")
	v.chart = container.NewStack()
	v.hires = newTableH(v.HireHeaders, nil, func() int { return len(v.Q.Hires) }, v.HireCell)
	v.hires.ShowHeaderColumn = false
	v.setColumnWidths()
	top := container.NewVBox(widgets.Heading(i18n.T("hire.title")), widgets.Para(i18n.T("hire.hint")), v.summary,
		widgets.ActionRow(v.jobBtn, v.whoBtn), v.Groups, v.ChartTitle, v.chart)
	split := container.NewVSplit(container.NewVScroll(top), container.NewBorder(widgets.Heading(i18n.T("hire.hires")), nil, nil, nil, widgets.ReadingTable(v.hires)))
	split.Offset = 0.62
	v.load()
	return split
}

// load reads the quality of hire off the UI thread.
func (v *hireQualityView) load() {
	widgets.GoWork(func() {
		q, err := v.st.HireQuality(context.Background(), v.actor)
		widgets.OnMain(func() {
			if err != nil {
				slog.Error("quality of hire", "err", err)
				v.summary.SetText(widgets.UserMessage(err))
				return
			}
			v.Q = q
			scored := 0
			for _, h := range q.Hires {
				if h.Scored() {
					scored++
				}
			}
			v.summary.SetText(i18n.Display(i18n.Plural("hire.summary", len(q.Hires), map[string]any{"Hires": len(q.Hires), "Scored": scored, "Min": hiring.MinPairs})))
			v.setColumnWidths()
			v.hires.Refresh()
			if i18n.IsRTL() && len(q.Hires) > 0 {
				// The first columns are on the right: start the view there.
				v.hires.ScrollTo(widget.TableCellID{Row: 0, Col: v.columns() - 1})
			}
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
		return i18n.T("hire.too_few")
	case !ok:
		return i18n.T("hire.no_variation")
	}
	return fmt.Sprintf("%.2f", r)
}

// groupName is a job's code and title, or an interviewer's name.
func (v *hireQualityView) groupName(g store.HireGroup) string {
	if v.byInterviewer {
		return g.NameEn
	}
	return g.Code + " — " + pick(g.NameAr, g.NameEn)
}

// hireNumW is the width of a number column of the groups table.
const hireNumW = 130

// showGroups fills the table of groups of the current grouping and the chart.
// Each row is the group's name (with a button that shows it in the chart)
// and four fixed-width number columns, so rows stay aligned and a long
// name truncates instead of widening the window; mirrored in Arabic.
func (v *hireQualityView) showGroups() {
	v.jobBtn.Importance, v.whoBtn.Importance = widget.HighImportance, widget.MediumImportance
	list, first := v.Q.ByJob, "hire.col.job"
	if v.byInterviewer {
		v.jobBtn.Importance, v.whoBtn.Importance = widget.MediumImportance, widget.HighImportance
		list, first = v.Q.ByInterviewer, "hire.col.interviewer"
	}
	v.jobBtn.Refresh()
	v.whoBtn.Refresh()
	num := func(s string, bold bool) fyne.CanvasObject {
		l := widget.NewLabelWithStyle(widgets.Cell(s), fyne.TextAlignCenter, fyne.TextStyle{Bold: bold})
		l.Truncation = fyne.TextTruncateEllipsis
		return container.NewGridWrap(fyne.NewSize(hireNumW, l.MinSize().Height), l)
	}
	row := func(name fyne.CanvasObject, nums ...fyne.CanvasObject) fyne.CanvasObject {
		if i18n.IsRTL() {
			for i, j := 0, len(nums)-1; i < j; i, j = i+1, j-1 {
				nums[i], nums[j] = nums[j], nums[i]
			}
			return container.NewBorder(nil, nil, container.NewHBox(nums...), nil, name)
		}
		return container.NewBorder(nil, nil, nil, container.NewHBox(nums...), name)
	}
	nameLabel := func(text string, bold bool) *widget.Label {
		l := widget.NewLabelWithStyle(text, widgets.ReadingEdge(), fyne.TextStyle{Bold: bold})
		l.Truncation = fyne.TextTruncateEllipsis
		return l
	}
	rows := container.NewVBox(row(nameLabel(i18n.T(first), true), num(i18n.T("hire.col.hires"), true), num(i18n.T("hire.col.n"), true),
		num(i18n.T("hire.col.pearson"), true), num(i18n.T("hire.col.spearman"), true)))
	v.GroupButtons = map[string]*widget.Button{}
	for i := range list {
		g := list[i]
		name := v.groupName(g)
		show := widget.NewButtonWithIcon("", theme.SearchIcon(), func() { v.choose(g) })
		v.GroupButtons[name] = show
		var nameCell fyne.CanvasObject = container.NewBorder(nil, nil, show, nil, nameLabel(widgets.Cell(name), false))
		if i18n.IsRTL() {
			nameCell = container.NewBorder(nil, nil, nil, show, nameLabel(widgets.Cell(name), false))
		}
		c := g.Correlation
		rows.Add(row(nameCell, num(fmt.Sprint(g.Hires), false), num(fmt.Sprint(c.N), false),
			num(corrText(c, c.Pearson, c.PearsonOK), false), num(corrText(c, c.Spearman, c.SpearmanOK), false)))
	}
	v.Groups.Objects = []fyne.CanvasObject{rows}
	if len(list) == 0 {
		v.Groups.Objects = append(v.Groups.Objects, widgets.Label(i18n.T("hire.none")))
	}
	v.Groups.Refresh()
	v.showChart()
}

// choose shows one group's hires in the chart.
func (v *hireQualityView) choose(g store.HireGroup) {
	v.chosen = &g
	v.showChart()
}

// chartPoints returns the (interview, annual) points of the chosen group,
// or of every scored hire.
func (v *hireQualityView) chartPoints() []widgets.ChartPoint {
	var pts []widgets.ChartPoint
	for _, h := range v.Q.Hires {
		switch {
		case v.chosen == nil:
			if h.Scored() {
				pts = append(pts, widgets.ChartPoint{X: float64(h.Interview) / 100, Y: float64(h.Annual) / 100})
			}
		case v.byInterviewer:
			if own, ok := h.ByInterviewer[v.chosen.ID]; ok && h.HasAnnual {
				pts = append(pts, widgets.ChartPoint{X: float64(own) / 100, Y: float64(h.Annual) / 100})
			}
		default:
			if h.JobID == v.chosen.ID && h.Scored() {
				pts = append(pts, widgets.ChartPoint{X: float64(h.Interview) / 100, Y: float64(h.Annual) / 100})
			}
		}
	}
	return pts
}

// showChart draws the scatter chart of the chosen group.
func (v *hireQualityView) showChart() {
	pts := v.chartPoints()
	who := i18n.T("hire.all_hires")
	if v.chosen != nil {
		who = v.groupName(*v.chosen)
	}
	v.ChartTitle.SetText(i18n.Display(i18n.T("hire.chart_title", map[string]any{"Group": who, "N": len(pts)})))
	img := ScatterChart(pts, i18n.T("hire.axis_interview"), i18n.T("hire.axis_annual"), widgets.ColorScores, hireChartW, hireChartH)
	v.chart.Objects = []fyne.CanvasObject{widgets.ChartImage(img, hireChartW, hireChartH)}
	v.chart.Refresh()
}

// columns is the number of columns of the hires table.
func (v *hireQualityView) columns() int {
	return len(HireColumns) + len(v.Q.Categories) + len(hireTailColumns)
}

// setColumnWidths sizes the hires table's columns, mirrored in Arabic.
func (v *hireQualityView) setColumnWidths() {
	widths := []float32{110, 150, 210, 95, 95}
	for range v.Q.Categories {
		widths = append(widths, 95)
	}
	widths = append(widths, 120, 110, 95, 80, 80, 80)
	for i := range widths {
		v.hires.SetColumnWidth(i, widths[widgets.AgCol(i, len(widths))])
	}
}

// HireHeaders are the hires table's headers: the fixed columns, one per
// question category, then the first full year's scores.
func (v *hireQualityView) HireHeaders() []string {
	var h []string
	for _, k := range HireColumns {
		h = append(h, i18n.T(k))
	}
	for _, c := range v.Q.Categories {
		h = append(h, pick(c.NameAr, c.NameEn))
	}
	for _, k := range hireTailColumns {
		h = append(h, i18n.T(k))
	}
	return h
}

// HireCell is one cell of the hires table.
func (v *hireQualityView) HireCell(row, col int) string {
	if row >= len(v.Q.Hires) {
		return ""
	}
	h := v.Q.Hires[row]
	switch col {
	case 0:
		return h.EmployeeNo
	case 1:
		return h.FullName
	case 2:
		return h.JobCode + " — " + pick(h.JobTitleAr, h.JobTitleEn)
	case 3:
		return h.HireDate.String()
	case 4:
		if !h.HasInterview {
			return "—"
		}
		return h.Interview.String()
	}
	col -= len(HireColumns)
	if col < len(v.Q.Categories) {
		if pct, ok := h.ByCategory[v.Q.Categories[col].Code]; ok {
			return pct.String()
		}
		return "—"
	}
	col -= len(v.Q.Categories)
	switch {
	case col == 0:
		return fmt.Sprint(h.Year)
	case col == 1 && !h.YearEnded:
		return i18n.T("hire.pending")
	case col == 1 && !h.HasAnnual:
		return i18n.T("hire.incomplete")
	case col == 1:
		if h.Finalized {
			return h.Annual.String()
		}
		return i18n.T("hire.provisional", map[string]any{"Score": h.Annual.String()})
	case col >= 2 && col <= 5 && h.YearEnded && h.ComponentOK[col-2]:
		return h.Components[col-2].String()
	}
	return "—"
}
