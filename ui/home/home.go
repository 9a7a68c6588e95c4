package home

import (
	"context"
	"fmt"
	"image/color"
	"log/slog"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// homeStore is what the home screen needs of the store.
type homeStore interface {
	Home(ctx context.Context, a store.Actor, asOf models.Date) store.HomeData
	Now() time.Time
}

// Home is the role-aware home screen: headline counts and each role's dashboard.
type Home struct {
	st       homeStore
	actor    store.Actor
	user     models.User
	cards    *fyne.Container
	Body     *fyne.Container
	progress *widget.ProgressBarInfinite
	Inbox    *fyne.Container
	// TeamLegend is the team trend's legend: the teams drawn one by one,
	// then the others' entry.
	TeamLegend fyne.CanvasObject

	// Navigate, when set, opens another area of the shell at one of its tabs
	// (a translation key, "" for the first) — the to-do items.
	Navigate func(area widgets.Area, tab string)
	// OnInbox, when set, is told the number of waiting to-do items once loaded.
	OnInbox func(total int)
	// Ctx, when set, is the screen's context (Deps.Ctx): leaving the screen
	// cancels the inbox and dashboard loads.
	Ctx context.Context
}

// NewHome builds the home screen.
func NewHome(st homeStore, a store.Actor, u models.User) *Home {
	return &Home{st: st, actor: a, user: u}
}

// Content returns the screen's widget tree; the dashboard loads off the UI thread.
func (h *Home) Content() fyne.CanvasObject {
	hello := widgets.Heading(i18n.T("home.hello", map[string]any{"Name": h.user.FullName}))
	hello.Truncation = fyne.TextTruncateEllipsis // a long name never widens the window
	h.cards = container.NewGridWrap(fyne.NewSize(200, 100))
	h.Body = container.NewVBox()
	h.Inbox = container.NewVBox()
	h.progress = widget.NewProgressBarInfinite()
	widgets.GoWork(func() { h.load() })
	return container.NewVScroll(container.NewVBox(hello, widget.NewSeparator(), h.progress, h.Inbox, h.cards, h.Body))
}

func (h *Home) load() {
	asOf := models.DateOf(h.st.Now())
	ctx := widgets.OrBackground(h.Ctx)
	hd := h.st.Home(ctx, h.actor, asOf)
	in, inErr, d, err := hd.Inbox, hd.InboxErr, hd.Dashboard, hd.DashboardErr
	widgets.OnMain(func() {
		if widgets.LeftScreen(ctx, inErr) || widgets.LeftScreen(ctx, err) {
			h.progress.Stop()
			return // the user left the screen: nobody to show it to
		}
		if inErr != nil {
			slog.Error("home inbox", "err", inErr)
			h.Inbox.Objects = []fyne.CanvasObject{widgets.Label(widgets.UserMessage(inErr))}
		} else {
			h.Inbox.Objects = h.inboxSection(in)
			if h.OnInbox != nil {
				h.OnInbox(in.Total())
			}
		}
		h.Inbox.Refresh()
		h.progress.Stop()
		h.progress.Hide()
		if err != nil {
			slog.Error("home dashboard", "err", err)
			h.cards.Objects = []fyne.CanvasObject{widgets.Label(widgets.UserMessage(err))}
			h.cards.Refresh()
			return
		}
		h.cards.Objects = h.countCards(d.Counts)
		h.cards.Refresh()
		var parts []fyne.CanvasObject
		if d.Self != nil {
			parts = append(parts, h.selfReadinessSection(d.Self)...)
		}
		if d.Manager != nil {
			parts = append(parts, h.managerSection(d.Manager)...)
			parts = append(parts, h.hireQualityButton()...)
		}
		if d.Supervisor != nil {
			parts = append(parts, h.supervisorSection(d.Supervisor)...)
		}
		if d.HR != nil {
			parts = append(parts, h.hrSection(d.HR)...)
		}
		if d.Quality != nil {
			parts = append(parts, h.qualitySection(d.Quality)...)
		}
		h.Body.Objects = parts
		h.Body.Refresh()
	})
}

func (h *Home) countCards(c store.Counts) []fyne.CanvasObject {
	var cards []fyne.CanvasObject
	if h.actor.Can(store.OpViewAgents) {
		cards = append(cards, statCard(i18n.T("home.active_agents"), fmt.Sprint(c.Agents)), statCard(i18n.T("home.teams"), fmt.Sprint(c.Teams)))
	}
	if c.Candidates >= 0 {
		cards = append(cards, statCard(i18n.T("home.open_candidates"), fmt.Sprint(c.Candidates)))
	}
	return append(cards, statCard(i18n.T("home.open_jobs"), fmt.Sprint(c.OpenJobs)), statCard(i18n.T("home.policy_version"), fmt.Sprint(c.PolicyVersion)))
}

// statCard shows one headline number with its label.
func statCard(label, value string) fyne.CanvasObject {
	v := widget.NewLabelWithStyle(value, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	v.SizeName = "headingText"
	return widget.NewCard("", "", container.NewVBox(v, widget.NewLabelWithStyle(i18n.Display(label), fyne.TextAlignCenter, fyne.TextStyle{})))
}

// Chart sizes on the home screen, in pixels.
const (
	dashChartW = 460
	dashChartH = 280
)

// teamColors are distinct colours for the team trend lines.
var teamColors = append(append([]color.Color{}, widgets.SeriesColors...),
	color.NRGBA{0x00, 0x83, 0x8f, 0xff}, color.NRGBA{0x79, 0x55, 0x48, 0xff}, color.NRGBA{0x54, 0x6e, 0x7a, 0xff})

// sideBySide lays two parts out in two columns, the first on the reading
// edge (the right in Arabic).
func sideBySide(first, second fyne.CanvasObject) fyne.CanvasObject {
	if i18n.IsRTL() {
		first, second = second, first
	}
	return container.NewGridWithColumns(2, first, second)
}

// chartBox is a titled chart image.
func chartBox(title string, img fyne.CanvasObject, extra ...fyne.CanvasObject) fyne.CanvasObject {
	return container.NewVBox(append([]fyne.CanvasObject{widgets.Heading(title)}, append(extra, img)...)...)
}

// nameList shows up to max lines, and how many more there are.
func nameList(lines []string, max int) fyne.CanvasObject {
	box := container.NewVBox()
	for i, l := range lines {
		if i == max {
			box.Add(widgets.Label(i18n.T("home.and_more", map[string]any{"Count": len(lines) - max})))
			break
		}
		box.Add(widgets.NewCutLabel(l)) // cut, then ordered: a long name never widens the window
	}
	if len(lines) == 0 {
		box.Add(widgets.Label(i18n.T("home.none")))
	}
	return box
}

// gridLegend is a legend in rows of three, so that many series stay narrow.
func gridLegend(series []widgets.Series) fyne.CanvasObject {
	g := widgets.NewReadingGrid(3)
	for _, s := range series {
		sw := canvas.NewRectangle(s.Color)
		sw.SetMinSize(fyne.NewSize(18, 6))
		l := widgets.NewCellLabel(s.Name) // cut at its logical end, then ordered
		if i18n.IsRTL() {                 // the swatch on the reading side
			g.Add(container.NewBorder(nil, nil, nil, container.NewCenter(sw), l))
			continue
		}
		g.Add(container.NewBorder(nil, nil, container.NewCenter(sw), nil, l))
	}
	return g
}

// histogramBins are the annual-score bands of the distribution chart.
var histogramBins = []struct {
	lo, hi float64
	name   string
}{{0, 60, "<60"}, {60, 70, "60–70"}, {70, 80, "70–80"}, {80, 85, "80–85"}, {85, 90, "85–90"}, {90, 95, "90–95"}, {95, 100.01, "95–100"}}

// scoreHistogram counts annual scores by band.
func scoreHistogram(scores []float64) ([]string, []float64) {
	labels := make([]string, len(histogramBins))
	counts := make([]float64, len(histogramBins))
	for i, b := range histogramBins {
		labels[i] = b.name
	}
	for _, s := range scores {
		for i, b := range histogramBins {
			if s >= b.lo && s < b.hi {
				counts[i]++
				break
			}
		}
	}
	return labels, counts
}

// managerSection is the manager's part of the home screen: the readiness
// cards and lists, then the score histogram and the team trend
// (trendSection), then the supervisors' calibration (calibrationSection).
func (h *Home) managerSection(m *store.ManagerDashboard) []fyne.CanvasObject {
	out := []fyne.CanvasObject{widget.NewSeparator(), widgets.Heading(i18n.T("home.readiness_title"))}
	cards := container.NewGridWrap(fyne.NewSize(200, 100))
	for _, st := range widgets.BoardStatuses {
		cards.Add(statCard(i18n.T("readiness."+string(st)), fmt.Sprint(m.Readiness[st])))
	}
	overdue := 0
	var overdueLines, readyLines []string
	for _, r := range m.Overdue {
		overdue++
		overdueLines = append(overdueLines, i18n.T("home.overdue_line", map[string]any{"Name": r.Agent.FullName, "No": r.Agent.EmployeeNo, "Years": r.Readiness.YearsInRole.String()}))
	}
	for _, r := range m.Ready {
		readyLines = append(readyLines, i18n.T("home.ready_line", map[string]any{"Name": r.Agent.FullName, "No": r.Agent.EmployeeNo, "Cumulative": r.Readiness.Cumulative.String()}))
	}
	cards.Add(statCard(i18n.T("report.overdue"), fmt.Sprint(overdue)))
	out = append(out, cards, sideBySide(
		container.NewVBox(widgets.Heading(i18n.T("home.ready_list")), nameList(readyLines, 8)),
		container.NewVBox(widgets.Heading(i18n.T("home.overdue_list")), nameList(overdueLines, 8))))

	out = append(out, h.trendSection(m)...)
	return append(out, h.calibrationSection(m)...)
}

// trendSection is the histogram of the year's scores beside the teams'
// trend, and the table of every team.
func (h *Home) trendSection(m *store.ManagerDashboard) []fyne.CanvasObject {
	scores := make([]float64, len(m.Scores))
	for i, s := range m.Scores {
		scores[i] = float64(s) / 100
	}
	labels, counts := scoreHistogram(scores)
	hist := widgets.BarChart(labels, []widgets.BarGroup{{Name: "", Color: widgets.ColorScores, Values: counts}}, i18n.T("home.agents_axis"), 0, dashChartW, dashChartH, false)

	// Team trend: the best teams one line each, the others as one line;
	// every team in the table behind "All teams".
	ranked := widgets.RankTeams(m.TeamMeans)
	top := ranked[:min(widgets.TeamTrendTop, len(ranked))]
	teamName := func(t string) string {
		if t == "" {
			return i18n.T("home.no_team")
		}
		return t
	}
	var series []widgets.Series
	lo := 100.0
	for i, t := range top {
		s := widgets.Series{Name: teamName(t), Color: teamColors[i%len(teamColors)]}
		for j, tm := range m.TeamMeans[t] {
			if tm.N > 0 {
				v := float64(tm.Mean) / 100
				s.Points = append(s.Points, widgets.ChartPoint{X: float64(m.Years[j]), Y: v})
				lo = min(lo, v)
			}
		}
		series = append(series, s)
	}
	drawn := series
	var teamParts []fyne.CanvasObject
	if rest := ranked[len(top):]; len(rest) > 0 {
		others := widgets.Series{Name: i18n.Plural("home.others_teams", len(rest), nil), Color: widgets.ColorOthers}
		vals, ok := widgets.OthersMeans(rest, m.TeamMeans, len(m.Years))
		for j := range vals {
			if ok[j] {
				others.Points = append(others.Points, widgets.ChartPoint{X: float64(m.Years[j]), Y: vals[j]})
				lo = min(lo, vals[j])
			}
		}
		drawn = append(slices.Clone(series), others)
		teamParts = append(teamParts, widgets.Para(i18n.Plural("home.team_trend_top", len(top), map[string]any{"Year": m.Year})))
	}
	yMin := float64(int(lo/5)*5) - 5
	if yMin < 0 {
		yMin = 0
	}
	trend := widgets.LineChart("", drawn, yMin, 100, dashChartW, dashChartH)
	h.TeamLegend = gridLegend(drawn)
	teamParts = append(teamParts, h.TeamLegend)
	return []fyne.CanvasObject{sideBySide(
		chartBox(i18n.T("home.histogram", map[string]any{"Year": m.Year}), widgets.ChartImage(hist, dashChartW, dashChartH)),
		chartBox(i18n.T("home.team_trend"), widgets.ChartImage(trend, dashChartW, dashChartH), teamParts...)),
		h.teamTable(m, ranked, teamName).Content()}
}

// calibrationSection is the supervisors' calibration chart, its table and
// its flags (none when no supervisor has reviews).
func (h *Home) calibrationSection(m *store.ManagerDashboard) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	// Calibration: each supervisor's mean review against the mean quality
	// score of the same agents, sorted by the gap; at most calibrationTop
	// bars (the two ends), every supervisor in the table.
	sortedCal, shownCal := widgets.CalibrationShown(m.Calibration)
	var names []string
	rev := widgets.BarGroup{Name: i18n.T("home.mean_review"), Color: widgets.ColorReview}
	qual := widgets.BarGroup{Name: i18n.T("home.mean_quality"), Color: widgets.ColorQuality}
	for _, c := range shownCal {
		names = append(names, i18n.T("home.calibration_bar", map[string]any{"Name": widgets.ShortName(c.Name), "N": c.Agents}))
		rev.Values = append(rev.Values, float64(c.MeanReview)/100)
		qual.Values = append(qual.Values, float64(c.MeanQuality)/100)
	}
	var flags []string
	for _, c := range sortedCal {
		if c.TooFew {
			flags = append(flags, i18n.Plural("home.calibration_too_few", c.Agents, map[string]any{"Name": c.Name, "N": c.Agents, "Min": m.CalibrationMin}))
		} else if c.Leniency != "aligned" {
			flags = append(flags, i18n.Plural("home.calibration_"+string(c.Leniency), c.Agents, map[string]any{"Name": c.Name, "Gap": c.Gap.String(), "Relative": c.Relative.String(), "N": c.Agents}))
		}
	}
	if len(names) > 0 {
		calW := 880
		cal := widgets.BarChart(names, []widgets.BarGroup{rev, qual}, i18n.T("report.score"), 100, calW, dashChartH+60, true)
		legend := widgets.ChartLegend([]widgets.Series{{Name: rev.Name, Color: rev.Color}, {Name: qual.Name, Color: qual.Color}})
		order := widgets.Para(i18n.T("home.calibration_sorted"))
		if len(shownCal) < len(sortedCal) {
			order = widgets.Para(i18n.Plural("home.calibration_top", len(shownCal), map[string]any{"Total": len(sortedCal)}))
		}
		out = append(out, chartBox(i18n.T("home.calibration", map[string]any{"Year": m.Year}), widgets.ChartImage(cal, calW, dashChartH+60),
			widgets.Para(i18n.T("home.calibration_hint")), order, legend),
			h.calibrationTable(m.Year, sortedCal).Content(),
			nameList(flags, 10))
	}
	return out
}

// teamTable lists every team, best first: its agents and mean score in
// each trend year.
func (h *Home) teamTable(m *store.ManagerDashboard, ranked []string, name func(string) string) *widgets.SearchTable {
	header := []string{i18n.T("report.team")}
	if len(m.Years) > 0 {
		header = append(header, i18n.T("home.agents_in", map[string]any{"Year": m.Years[len(m.Years)-1]}))
	}
	for _, y := range m.Years {
		header = append(header, fmt.Sprint(y))
	}
	rows := make([][]string, 0, len(ranked))
	for _, t := range ranked {
		ms := m.TeamMeans[t]
		r := []string{name(t)}
		if len(m.Years) > 0 {
			n := 0
			if len(ms) == len(m.Years) {
				n = ms[len(ms)-1].N
			}
			r = append(r, fmt.Sprint(n))
		}
		for j := range m.Years {
			v := "—"
			if j < len(ms) && ms[j].N > 0 {
				v = ms[j].Mean.String()
			}
			r = append(r, v)
		}
		rows = append(rows, r)
	}
	return widgets.NewSearchTable(i18n.T("home.all_teams"), i18n.T("home.all_teams_title"), i18n.T("home.search_team"), header, rows)
}

// calibrationTable lists every supervisor's calibration, in the chart's
// order (by gap, the most lenient first), with the full names.
func (h *Home) calibrationTable(year int, sorted []store.SupervisorCalibration) *widgets.SearchTable {
	header := []string{i18n.T("report.supervisor"), i18n.T("home.col_rated"), i18n.T("home.mean_review"),
		i18n.T("home.mean_quality"), i18n.T("home.col_gap"), i18n.T("home.col_assessment")}
	rows := make([][]string, 0, len(sorted))
	for _, c := range sorted {
		assess := i18n.T("home.assess_" + string(c.Leniency))
		if c.TooFew {
			assess = i18n.T("home.assess_too_few")
		}
		rows = append(rows, []string{c.Name, fmt.Sprint(c.Agents), c.MeanReview.String(), c.MeanQuality.String(), c.Gap.String(), assess})
	}
	return widgets.NewSearchTable(i18n.T("home.all_supervisors"), i18n.T("home.all_supervisors_title", map[string]any{"Year": year}),
		i18n.T("home.search_supervisor"), header, rows)
}

func (h *Home) supervisorSection(s *store.SupervisorDashboard) []fyne.CanvasObject {
	cards := container.NewGridWrap(fyne.NewSize(200, 100),
		statCard(i18n.T("home.unrated_reports"), fmt.Sprint(s.Unrated)),
		statCard(i18n.T("home.missing_reports"), fmt.Sprint(len(s.Missing))))
	var missing []string
	for _, ag := range s.Missing {
		missing = append(missing, ag.EmployeeNo+" — "+ag.FullName)
	}
	var names []string
	var vals []float64
	var scoreLines []string
	for _, y := range s.Scores {
		if v, ok := y.Annual(); ok {
			names = append(names, y.Agent.FullName)
			vals = append(vals, float64(v)/100)
		} else {
			scoreLines = append(scoreLines, i18n.T("home.incomplete_line", map[string]any{"Name": y.Agent.FullName}))
		}
	}
	out := []fyne.CanvasObject{widget.NewSeparator(), widgets.Heading(i18n.T("home.my_team")), cards,
		container.NewVBox(widgets.Heading(i18n.T("home.missing_this_week", map[string]any{"Date": s.WeekStart.String()})), nameList(missing, 10))}
	if len(names) > 0 {
		img := widgets.BarChart(names, []widgets.BarGroup{{Color: widgets.ColorScores, Values: vals}}, i18n.T("report.score"), 100, 880, dashChartH+60, true)
		out = append(out, chartBox(i18n.T("home.team_scores"), widgets.ChartImage(img, 880, dashChartH+60)))
	}
	if len(scoreLines) > 0 {
		out = append(out, nameList(scoreLines, 10))
	}
	return append(out, h.teamReadinessSection(s.Readiness)...)
}

func (h *Home) hrSection(hr *store.HRDashboard) []fyne.CanvasObject {
	stages := []models.Stage{models.StageApplied, models.StageScreening, models.StageInterview, models.StageOffer, models.StageHired, models.StageRejected, models.StageWithdrawn}
	grid := widgets.NewReadingGrid(len(stages) + 1)
	grid.Add(widget.NewLabelWithStyle(i18n.T("home.job"), widgets.ReadingEdge(), fyne.TextStyle{Bold: true}))
	for _, st := range stages {
		grid.Add(widget.NewLabelWithStyle(i18n.T("stage."+string(st)), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
	}
	for _, p := range hr.Pipeline {
		title := p.TitleEn
		if i18n.IsRTL() {
			title = p.TitleAr
		}
		l := widget.NewLabel(widgets.Cell(title))
		l.Truncation = fyne.TextTruncateEllipsis
		grid.Add(l)
		for _, st := range stages {
			grid.Add(widget.NewLabelWithStyle(fmt.Sprint(p.ByStage[st]), fyne.TextAlignCenter, fyne.TextStyle{}))
		}
	}
	var labels []string
	var days []float64
	for _, st := range stages[:4] {
		labels = append(labels, i18n.T("stage."+string(st)))
		days = append(days, hr.DaysInStage[st])
	}
	img := widgets.BarChart(labels, []widgets.BarGroup{{Color: widgets.ColorReview, Values: days}}, i18n.T("home.days_axis"), 0, dashChartW, dashChartH, false)
	return []fyne.CanvasObject{widget.NewSeparator(), widgets.Heading(i18n.T("home.pipeline")), grid,
		chartBox(i18n.T("home.time_in_stage"), widgets.ChartImage(img, dashChartW, dashChartH))}
}

func (h *Home) qualitySection(q *store.QualityDashboard) []fyne.CanvasObject {
	var names []string
	var vals []float64
	for _, nc := range q.ByAuditor {
		names = append(names, nc.Name)
		vals = append(vals, float64(nc.Count))
	}
	var agents []string
	for _, nc := range q.ByAgent {
		agents = append(agents, i18n.Plural("home.agent_audits", nc.Count, map[string]any{"Name": nc.Name}))
	}
	out := []fyne.CanvasObject{widget.NewSeparator(),
		widgets.Heading(i18n.T("home.audits_month", map[string]any{"From": q.From.String(), "To": q.To.String()})),
		container.NewGridWrap(fyne.NewSize(200, 100), statCard(i18n.T("home.audits_total"), fmt.Sprint(q.Total)))}
	if len(names) > 0 {
		img := widgets.BarChart(names, []widgets.BarGroup{{Color: widgets.ColorQuality, Values: vals}}, i18n.T("home.audits_axis"), 0, dashChartW, dashChartH, true)
		out = append(out, sideBySide(
			chartBox(i18n.T("home.by_auditor"), widgets.ChartImage(img, dashChartW, dashChartH)),
			container.NewVBox(widgets.Heading(i18n.T("home.by_agent")), nameList(agents, 12))))
	}
	return out
}

// hireQualityButton is the manager's home button that opens the quality of
// hire (Recruitment, its tab) through the shell's navigation.
func (h *Home) hireQualityButton() []fyne.CanvasObject {
	if !h.actor.Can(store.OpViewHireQuality) {
		return nil
	}
	b := widget.NewButton(i18n.T("hire.open"), func() {
		if h.Navigate != nil {
			h.Navigate(widgets.AreaRecruitment, widgets.HireTabKey)
		}
	})
	return []fyne.CanvasObject{widget.NewSeparator(), widgets.Heading(i18n.T("hire.title")), widgets.Para(i18n.T("hire.home_hint")), widgets.ActionRow(b)}
}
