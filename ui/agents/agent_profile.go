package agents

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// profileStore is what an agent's profile needs of the store.
type profileStore interface {
	RoleHistory(ctx context.Context, a store.Actor, agentID uint) ([]models.RoleHistory, error)
	AttendanceYear(ctx context.Context, a store.Actor, agentID uint, year int) (store.AttendanceSummary, error)
	AgentAudits(ctx context.Context, a store.Actor, agentID uint) ([]store.ScoredAudit, error)
	AgentWeeklyReports(ctx context.Context, a store.Actor, agentID uint) ([]store.AgentWeekly, error)
	AgentReviews(ctx context.Context, a store.Actor, agentID uint) ([]store.ScoredReview, error)
	AgentYears(ctx context.Context, a store.Actor, agentID uint, from, to int) ([]store.AgentYear, error)
	EvaluationYears(ctx context.Context, a store.Actor, agentID uint) (first, last int, err error)
}

// agentProfile is one agent's profile: details and role history,
// attendance, audits, weekly reports, supervisor reviews and annual
// evaluations with their breakdown and a chart across years.
type agentProfile struct {
	d        widgets.Deps
	st       profileStore
	ag       models.Agent
	ladder   []models.LadderRole
	supNames map[uint]string
	onBack   func()
	onEdit   func(models.Agent)

	firstYear, lastYear int
	years               []store.AgentYear
	yearSel             *widget.Select
	attBox              *fyne.Container
	yearBox             *fyne.Container
	chartBox            *fyne.Container
	Breakdown           *fyne.Container
}

// NewAgentProfile builds an agent's profile; onBack returns to the list,
// onEdit opens the agent form.
func NewAgentProfile(d widgets.Deps, st profileStore, ag models.Agent, ladder []models.LadderRole, supNames map[uint]string, onBack func(), onEdit func(models.Agent)) *agentProfile {
	return &agentProfile{d: d, st: st, ag: ag, ladder: ladder, supNames: supNames, onBack: onBack, onEdit: onEdit}
}

// Content builds the profile: a header with back (and edit for HR), and the tabs.
func (p *agentProfile) Content() fyne.CanvasObject {
	back := widget.NewButton(i18n.T("action.back"), p.onBack)
	head := container.NewHBox(back)
	if p.d.Actor.CanOnAgent(store.OpEditAgents, &p.ag) && p.onEdit != nil {
		head.Add(widget.NewButton(i18n.T("action.edit"), func() { p.onEdit(p.ag) }))
	}
	title := widgets.Heading(widgets.Cell(p.ag.FullName) + " — " + p.ag.EmployeeNo)
	title.Truncation = fyne.TextTruncateEllipsis // the details tab shows the whole name
	tabs := widgets.NewTabs(container.NewTabItem(i18n.T("profile.tab.details"), p.DetailsTab()))
	if p.d.Actor.CanOnAgent(store.OpViewScores, &p.ag) {
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.attendance"), p.attendanceTab()))
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.audits"), p.AuditsTab()))
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.weekly"), p.WeeklyTab()))
		tabs.Append(container.NewTabItem(i18n.T("profile.tab.reviews"), p.ReviewsTab()))
		annual := container.NewTabItem(i18n.T("profile.tab.annual"), p.annualTab())
		tabs.Append(annual)
		p.loadYears()
	}
	return container.NewBorder(container.NewBorder(nil, nil, head, nil, title), nil, nil, nil, tabs)
}

// showError shows a store error as a translated message.
func (p *agentProfile) showError(err error) {
	dialog.ShowError(errors.New(widgets.UserMessage(err)), p.d.Win)
}

// DetailsTab is the profile's tab of the agent's details.
func (p *agentProfile) DetailsTab() fyne.CanvasObject {
	ag := p.ag
	sup := ""
	if ag.SupervisorID != nil {
		sup = p.supNames[*ag.SupervisorID]
	}
	field := func(key, val string) []fyne.CanvasObject {
		k := widget.NewLabelWithStyle(i18n.T(key), widgets.ReadingEdge(), fyne.TextStyle{Bold: true})
		v := widgets.NewWrapData(val) // a long value wraps, never widens the window
		return []fyne.CanvasObject{k, v}
	}
	var cells []fyne.CanvasObject
	for _, f := range [][2]string{
		{"agent.col.no", ag.EmployeeNo}, {"field.full_name", ag.FullName},
		{"agent.hire_date", widgets.ShownDate(ag.HireDate, p.d.HijriOn())}, {"agent.col.role", widgets.LadderRoleName(p.ladder, ag.Role)},
		{"agent.col.role_start", widgets.ShownDate(ag.RoleStartDate, p.d.HijriOn())}, {"agent.col.supervisor", sup},
		{"agent.col.team", ag.Team}, {"agent.col.status", i18n.T("agent.status." + string(ag.Status))},
		{"agent.email", ag.Email}, {"agent.phone", ag.Phone},
	} {
		cells = append(cells, field(f[0], f[1])...)
	}
	if i18n.IsRTL() { // two fields a row, read from the right
		for i := 0; i+4 <= len(cells); i += 4 {
			cells[i], cells[i+1], cells[i+2], cells[i+3] = cells[i+3], cells[i+2], cells[i+1], cells[i]
		}
	}
	grid := container.NewGridWithColumns(4, cells...)

	var hist []models.RoleHistory
	table := widget.NewTableWithHeaders(
		func() (int, int) { return len(hist), 4 },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			h := hist[id.Row]
			txt := ""
			switch widgets.AgCol(id.Col, 4) {
			case 0:
				txt = widgets.Cell(widgets.LadderRoleName(p.ladder, h.Role))
			case 1:
				txt = agDate(h.StartDate)
			case 2:
				txt = agDate(h.EndDate)
			case 3:
				txt = widgets.Cell(widgets.StoredText(h.Reason))
			}
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(txt)
		})
	widgets.TableHeaders(table, []string{"agent.col.role", "profile.from", "profile.to", "profile.reason"})
	widgets.SetColumnWidths(table, []float32{220, 130, 130, 360})
	widgets.GoWork(func() {
		h, err := p.st.RoleHistory(context.Background(), p.d.Actor, p.ag.ID)
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			hist = h
			table.Refresh()
		})
	})
	return container.NewBorder(container.NewVBox(grid, widget.NewSeparator(), widgets.Heading(i18n.T("profile.role_history"))), nil, nil, nil, widgets.ReadingTable(table))
}

// loadYears finds the agent's year range, then loads attendance and evaluations.
func (p *agentProfile) loadYears() {
	widgets.GoWork(func() {
		first, last, err := p.st.EvaluationYears(context.Background(), p.d.Actor, p.ag.ID)
		now := time.Now().Year()
		if first == 0 {
			first, last = now, now
		}
		if start := p.ag.RoleStartDate.Year; start > first && start <= last {
			first = start
		}
		var years []store.AgentYear
		if err == nil {
			years, err = p.st.AgentYears(context.Background(), p.d.Actor, p.ag.ID, first, last)
		}
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			p.firstYear, p.lastYear, p.years = first, last, years
			var opts []string
			for y := last; y >= first; y-- {
				opts = append(opts, fmt.Sprint(y))
			}
			p.yearSel.Options = opts
			p.yearSel.SetSelectedIndex(0)
			p.showYears()
		})
	})
}

func (p *agentProfile) attendanceTab() fyne.CanvasObject {
	p.attBox = container.NewVBox(widget.NewLabel(i18n.T("common.loading")))
	p.yearSel = widget.NewSelect(nil, func(y string) { p.onAttendanceYear(y) })
	return container.NewBorder(container.NewHBox(widget.NewLabel(i18n.T("profile.year")), p.yearSel), nil, nil, nil,
		container.NewVScroll(p.attBox))
}

// onAttendanceYear loads the attendance summary of the chosen year.
func (p *agentProfile) onAttendanceYear(y string) {
	var year int
	if _, err := fmt.Sscan(y, &year); err != nil {
		return
	}
	widgets.GoWork(func() {
		sum, err := p.st.AttendanceYear(context.Background(), p.d.Actor, p.ag.ID, year)
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			p.attBox.Objects = nil
			counts := container.NewHBox()
			for _, st := range models.AttendanceStatuses {
				counts.Add(widgets.Label(i18n.T("attendance.count."+string(st), map[string]any{"Count": sum.Counts[st]})))
			}
			p.attBox.Add(counts)
			p.attBox.Add(widgets.Heading(i18n.T("profile.late_early", map[string]any{"Count": len(sum.LateOrEarly)})))
			for _, d := range sum.LateOrEarly {
				p.attBox.Add(widgets.Label(i18n.T("profile.late_early_day", map[string]any{
					"Date": d.Date.String(), "Late": i18n.Plural("count.minutes", d.LateMinutes, nil),
					"Early": i18n.Plural("count.minutes", d.EarlyLeaveMinutes, nil)})))
			}
			p.attBox.Refresh()
		})
	})
}

// recordTable is a read-only table of one kind of an agent's records: its
// column headers and widths, the text of each cell, and the loader that runs
// off the UI thread.
func recordTable[T any](p *agentProfile, headers []string, widths []float32, text func(r T, col int) string, load func() ([]T, error)) fyne.CanvasObject {
	var rows []T
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(rows), len(headers) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row < 0 || id.Row >= len(rows) {
				o.(*widget.Label).SetText("")
				return
			}
			l := o.(*widget.Label)
			l.Alignment = widgets.ReadingEdge()
			l.SetText(i18n.Digits(text(rows[id.Row], widgets.AgCol(id.Col, len(headers))))) // ordered, then the user's digits
		})
	widgets.TableHeaders(t, headers)
	widgets.SetColumnWidths(t, widths)
	widgets.GoWork(func() {
		r, err := load()
		widgets.OnMain(func() {
			if err != nil {
				p.showError(err)
				return
			}
			rows = r
			t.Refresh()
		})
	})
	return widgets.ReadingTable(t)
}

// AuditsTab is the profile's tab of the agent's audits.
func (p *agentProfile) AuditsTab() fyne.CanvasObject {
	return recordTable(p, []string{"profile.date", "profile.ref", "profile.channel", "profile.auditor", "profile.score"},
		[]float32{120, 160, 120, 220, 100},
		func(r store.ScoredAudit, col int) string {
			switch col {
			case 0:
				return r.Audit.AuditDate.String()
			case 1:
				return r.Audit.Ref
			case 2:
				return i18n.T("channel." + string(r.Audit.Channel))
			case 3:
				return widgets.Cell(r.Audit.Auditor)
			case 4:
				return agentScoreText(r.Score, r.Err)
			}
			return ""
		},
		func() ([]store.ScoredAudit, error) { return p.st.AgentAudits(context.Background(), p.d.Actor, p.ag.ID) })
}

// WeeklyTab is the profile's tab of the agent's weekly reports.
func (p *agentProfile) WeeklyTab() fyne.CanvasObject {
	return recordTable(p, []string{"profile.week", "profile.submitted", "profile.timeliness", "profile.rating"},
		[]float32{130, 130, 130, 120},
		func(r store.AgentWeekly, col int) string {
			switch col {
			case 0:
				return r.Report.WeekStart.String()
			case 1:
				return r.Report.SubmittedOn.String()
			case 2:
				if r.OnTime {
					return i18n.T("profile.on_time")
				}
				return i18n.T("profile.late")
			case 3:
				if r.Report.Rating != nil {
					return fmt.Sprintf("%d / 5", *r.Report.Rating)
				}
				return i18n.T("profile.unrated")
			}
			return ""
		},
		func() ([]store.AgentWeekly, error) {
			return p.st.AgentWeeklyReports(context.Background(), p.d.Actor, p.ag.ID)
		})
}

// ReviewsTab is the profile's tab of the agent's reviews.
func (p *agentProfile) ReviewsTab() fyne.CanvasObject {
	return recordTable(p, []string{"profile.date", "profile.period", "profile.reviewer", "profile.score"},
		[]float32{120, 140, 240, 100},
		func(r store.ScoredReview, col int) string {
			switch col {
			case 0:
				return r.Review.ReviewDate.String()
			case 1:
				return widgets.ReviewPeriodText(r.Review.Period, r.Review.Probation)
			case 2:
				return widgets.Cell(r.ReviewerName)
			case 3:
				return agentScoreText(r.Score, r.Err)
			}
			return ""
		},
		func() ([]store.ScoredReview, error) {
			return p.st.AgentReviews(context.Background(), p.d.Actor, p.ag.ID)
		})
}

func (p *agentProfile) annualTab() fyne.CanvasObject {
	p.chartBox = container.NewVBox(widget.NewLabel(i18n.T("common.loading")))
	p.yearBox = container.NewVBox()
	p.Breakdown = container.NewVBox()
	left := container.NewScroll(container.NewVBox(p.chartBox, widget.NewSeparator(), p.yearBox))
	right := container.NewVScroll(p.Breakdown)
	if i18n.IsRTL() {
		split := container.NewHSplit(right, left)
		split.Offset = 0.43
		return split
	}
	split := container.NewHSplit(left, right)
	split.Offset = 0.57
	return split
}

// showYears draws the chart and the table of years.
func (p *agentProfile) showYears() {
	series := make([]widgets.Series, 5)
	series[0] = widgets.Series{Name: i18n.T("profile.annual_score"), Color: widgets.SeriesColors[0]}
	for i, k := range widgets.EvalComponentKeys {
		series[i+1] = widgets.Series{Name: i18n.T(k), Color: widgets.SeriesColors[i+1]}
	}
	for _, y := range p.years {
		if sc, ok := y.Annual(); ok {
			series[0].Points = append(series[0].Points, widgets.ChartPoint{X: float64(y.Year), Y: float64(sc) / 100})
		}
		scores, ok := y.ComponentScores()
		for i := range scores {
			if ok[i] {
				series[i+1].Points = append(series[i+1].Points, widgets.ChartPoint{X: float64(y.Year), Y: float64(scores[i]) / 100})
			}
		}
	}
	const cw, ch = 600, 280
	img := widgets.LineChart("", series, chartFloor(series), 100, cw, ch)
	p.chartBox.Objects = []fyne.CanvasObject{widgets.Heading(i18n.T("profile.trend")), widgets.AgReadingEdge(widgets.ChartLegend(series)), container.NewCenter(widgets.ChartImage(img, cw, ch))}
	p.chartBox.Refresh()

	p.yearBox.Objects = []fyne.CanvasObject{widgets.Heading(i18n.T("profile.years"))}
	for i := len(p.years) - 1; i >= 0; i-- {
		y := p.years[i]
		btn := widget.NewButton(evalYearLine(y), func() { p.onYear(y) })
		btn.Alignment = widget.ButtonAlignLeading
		if i18n.IsRTL() {
			btn.Alignment = widget.ButtonAlignTrailing
		}
		p.yearBox.Add(btn)
	}
	p.yearBox.Refresh()
	if n := len(p.years); n > 0 {
		p.onYear(p.years[n-1])
	}
}

// evalYearLine summarises one year: its annual score and status (the
// component scores are in the chart and the breakdown).
func evalYearLine(y store.AgentYear) string {
	parts := []string{fmt.Sprint(y.Year)}
	annual := "—"
	if sc, ok := y.Annual(); ok {
		annual = sc.String()
	}
	parts = append(parts, i18n.T("profile.annual_score")+" "+annual, evalStatusText(y))
	return widgets.Cell(strings.Join(parts, "  ·  "))
}

// evalStatusText is the translated status of a year (with "inputs changed").
func evalStatusText(y store.AgentYear) string {
	s := i18n.T("eval.status." + string(y.Status))
	if y.Status != models.EvalFinalized {
		s = i18n.T("eval.status.provisional") + " — " + s
	}
	if y.InputsChanged {
		s += " — " + i18n.T("eval.inputs_changed")
	}
	return s
}

// onYear shows the breakdown of one year: each component's explanation and
// the annual one; a finalized year shows its frozen snapshot.
func (p *agentProfile) onYear(y store.AgentYear) {
	an := y.Shown()
	p.Breakdown.Objects = []fyne.CanvasObject{widgets.Heading(i18n.T("profile.breakdown", map[string]any{"Year": y.Year})), widgets.Label(evalStatusText(y))}
	if p.d.Store != nil {
		year := y.Year
		p.Breakdown.Add(container.NewHBox(widget.NewButton(i18n.Display(i18n.T("profile.report_pdf")), func() { p.onReport(year) })))
	}
	if y.Snapshot != nil {
		p.Breakdown.Add(widgets.Label(i18n.T("eval.finalized_on", map[string]any{
			"Date": models.DateOf(y.Snapshot.FinalizedAt.Local()).String(), "Policy": y.Snapshot.PolicyVersion})))
	}
	for i, c := range an.Components {
		head := i18n.T(widgets.EvalComponentKeys[i]) + ": "
		if c.Sufficient {
			head += c.Score.String()
		} else {
			head += i18n.T("eval.insufficient")
		}
		p.Breakdown.Add(widget.NewLabelWithStyle(widgets.Cell(head), widgets.ReadingEdge(), fyne.TextStyle{Bold: true}))
		p.addLines(widgets.ExplainText(c.Explanation))
	}
	p.Breakdown.Add(widget.NewLabelWithStyle(i18n.T("profile.annual_score"), widgets.ReadingEdge(), fyne.TextStyle{Bold: true}))
	p.addLines(widgets.ExplainText(an.Explanation))
	p.Breakdown.Refresh()
}

// onReport saves the agent's evaluation report of year as a PDF, in the
// user's language, by the same code as `sullam report evaluation`.
func (p *agentProfile) onReport(year int) {
	d, emp := p.d, p.ag.EmployeeNo
	t := i18n.Tr().WithHijri(d.HijriOn()) // the window's language and digits
	widgets.SaveFile(d, fmt.Sprintf("evaluation-%s-%d.pdf", emp, year), func(w io.Writer) error {
		e, err := report.LoadEvaluation(context.Background(), widgets.EvalAreas(d.Store), d.Actor, t, emp, year, models.DateOf(d.Store.Now()))
		if err != nil {
			return fmt.Errorf("evaluation report %s/%d: %w", emp, year, err)
		}
		return report.WriteEvaluation(w, t, e)
	})
}

// addLines adds an explanation to the breakdown. Arabic goes as short
// lines, one label each: a wrapped label would break the visual order of a
// mixed Arabic and numbers sentence across its lines.
func (p *agentProfile) addLines(text string) {
	if !i18n.IsRTL() {
		p.Breakdown.Add(widgets.Para(text))
		return
	}
	for _, l := range explanationLines(text, 60) {
		p.Breakdown.Add(widgets.Label(l))
	}
}

// explanationLines splits text into sentences (". ", "؛ ", "; ") and each
// sentence longer than max runes at its commas and plus signs.
func explanationLines(text string, max int) []string {
	var out []string
	for _, sentence := range splitAfter(text, []string{". ", "؛ ", "; "}) {
		line := ""
		for _, part := range splitAfter(sentence, []string{"، ", ", ", ") + "}) {
			if line != "" && len([]rune(line))+len([]rune(part)) > max {
				out = append(out, strings.TrimSpace(line))
				line = ""
			}
			line += part
		}
		if strings.TrimSpace(line) != "" {
			out = append(out, strings.TrimSpace(line))
		}
	}
	return out
}

// splitAfter splits s after every occurrence of any of the separators,
// keeping the separators at the end of the pieces.
func splitAfter(s string, seps []string) []string {
	var out []string
	for len(s) > 0 {
		cut := -1
		sepLen := 0
		for _, sep := range seps {
			if i := strings.Index(s, sep); i >= 0 && (cut < 0 || i < cut) {
				cut, sepLen = i, len(sep)
			}
		}
		if cut < 0 {
			out = append(out, s)
			break
		}
		out = append(out, s[:cut+sepLen])
		s = s[cut+sepLen:]
	}
	return out
}

// chartFloor is the bottom of the score axis: 10 points under the lowest
// score, rounded down to a multiple of 10 (0 at the lowest), so that close
// scores stay apart.
func chartFloor(series []widgets.Series) float64 {
	lo := 100.0
	for _, s := range series {
		for _, p := range s.Points {
			lo = min(lo, p.Y)
		}
	}
	return max(0, float64(int((lo-10)/10))*10)
}

// agentScoreText shows a record's score, or a dash when it cannot be scored.
func agentScoreText(c scoring.Cents, err error) string {
	if err != nil {
		return "—"
	}
	return c.String()
}
