package agents

import (
	"context"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// The profile's years: the annual evaluations, their explanation and the
// report (moved verbatim from agent_profile.go).

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
