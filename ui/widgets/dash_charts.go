package widgets

import (
	"image"
	"image/color"
	"log/slog"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"sullam/bidi"
	"sullam/report"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
)

// BarGroup is one coloured set of bars of a bar chart, one value per label.
type BarGroup struct {
	Name   string
	Color  color.Color
	Values []float64
}

// ChartLabel prepares a label for gonum/plot, which draws glyph after glyph
// left to right without shaping: Arabic is turned into presentation forms in
// visual order (report.VisualLine, the same code as the PDF), so it reads
// joined and right to left; other text is unchanged.
func ChartLabel(s string) string {
	if !bidi.IsRTL(s) && !hasRTL(s) {
		return i18n.Digits(s)
	}
	return i18n.Digits(report.VisualLine(s, bidi.Auto))
}

func hasRTL(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && r <= 0x08FF {
			return true
		}
	}
	return false
}

// NewDashPlot is a plot using the bundled Arabic + Latin font.
func NewDashPlot(yLabel string) *plot.Plot {
	p := plot.New()
	if cache, ok := ChartFonts(); ok {
		hdlr := text.Plain{Fonts: cache}
		for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
			st.Font = font.Font{Typeface: ChartTypeface, Size: st.Font.Size}
			st.Handler = hdlr
		}
		p.TextHandler = hdlr
	}
	p.Y.Label.Text = ChartLabel(yLabel)
	p.Add(plotter.NewGrid())
	return p
}

// mirrorBars returns the labels and the groups' values in reverse order,
// and the groups too, for a category axis that reads right to left.
func mirrorBars(labels []string, groups []BarGroup) ([]string, []BarGroup) {
	labels = slices.Clone(labels)
	slices.Reverse(labels)
	out := make([]BarGroup, len(groups))
	for i, g := range groups {
		g.Values = slices.Clone(g.Values)
		// Values are one per label: pad before reversing so each stays with it.
		for len(g.Values) < len(labels) {
			g.Values = append(g.Values, 0)
		}
		g.Values = g.Values[:len(labels)]
		slices.Reverse(g.Values)
		out[len(groups)-1-i] = g
	}
	return labels, out
}

// BarChart renders grouped bars: for each label, one bar per group side by
// side; labels may be Arabic. rotate tilts long labels. In a right-to-left
// language the category axis reads from the right: the first label, and
// the first group within each label, are at the right.
func BarChart(labels []string, groups []BarGroup, yLabel string, yMax float64, w, h int, rotate bool) image.Image {
	if i18n.IsRTL() {
		labels, groups = mirrorBars(labels, groups)
	}
	p := NewDashPlot(yLabel)
	shaped := make([]string, len(labels))
	for i, l := range labels {
		shaped[i] = ChartLabel(l)
	}
	p.NominalX(shaped...)
	if rotate {
		p.X.Tick.Label.Rotation = 0.6
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YCenter
	}
	width := vg.Points(float64(w) * 0.6 / float64(max(1, len(labels))*max(1, len(groups))))
	if width > vg.Points(28) {
		width = vg.Points(28)
	}
	for i, g := range groups {
		vals := make(plotter.Values, len(labels))
		copy(vals, g.Values)
		b, err := plotter.NewBarChart(vals, width)
		if err != nil {
			slog.Warn("bar chart", "group", g.Name, "err", err)
			continue
		}
		b.Color = g.Color
		b.LineStyle.Width = 0
		b.Offset = width * vg.Length(float64(i)-float64(len(groups)-1)/2)
		p.Add(b)
	}
	p.Y.Min = 0
	if yMax > 0 {
		p.Y.Max = yMax
	} else {
		top := 1.0
		for _, g := range groups {
			for _, v := range g.Values {
				top = max(top, v)
			}
		}
		p.Y.Max = top * 1.12
	}
	return RenderPlot(p, w, h)
}

// Dashboard charts at scale (issue 17): a chart draws a handful of
// categories legibly; a department of 455 teams gets its best teams drawn
// one by one, the rest as one line, and every team in a searchable table.
const (
	// TeamTrendTop is how many teams the team trend draws one by one.
	TeamTrendTop = 12
	// CalibrationTop is how many supervisors the calibration chart draws:
	// the two ends of the list sorted by gap.
	CalibrationTop = 16
	// ChartNameRunes is how much of a name a category label shows.
	ChartNameRunes = 14
)

// ColorOthers is the line of the teams not drawn one by one.
var ColorOthers = color.NRGBA{0x9e, 0x9e, 0x9e, 0xff}

// RankTeams returns the teams of means best first: by their mean in the
// last year that has any, a team with no mean that year after those with
// one (then by their latest mean), ties by name.
func RankTeams(means map[string][]store.TeamMean) []string {
	type ranked struct {
		name  string
		year  int // index of the latest year with a mean, -1: none
		value scoring.Cents
	}
	rs := make([]ranked, 0, len(means))
	for name, ms := range means {
		r := ranked{name: name, year: -1}
		for i := len(ms) - 1; i >= 0; i-- {
			if ms[i].N > 0 {
				r.year, r.value = i, ms[i].Mean
				break
			}
		}
		rs = append(rs, r)
	}
	slices.SortFunc(rs, func(a, b ranked) int {
		if a.year != b.year {
			return b.year - a.year
		}
		if a.value != b.value {
			return int(b.value - a.value)
		}
		return strings.Compare(a.name, b.name)
	})
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.name
	}
	return out
}

// OthersMeans is the mean score of the agents of teams in each year: the
// teams' means weighted by their number of agents (a display aggregate of
// the store's means, like the histogram's bands); ok false where none of
// the teams has a mean that year.
func OthersMeans(teams []string, means map[string][]store.TeamMean, years int) (vals []float64, ok []bool) {
	vals, ok = make([]float64, years), make([]bool, years)
	for y := range years {
		sum, n := 0.0, 0
		for _, t := range teams {
			if ms := means[t]; y < len(ms) && ms[y].N > 0 {
				sum += float64(ms[y].Mean) * float64(ms[y].N)
				n += ms[y].N
			}
		}
		if n > 0 {
			vals[y], ok[y] = sum/float64(n)/100, true
		}
	}
	return vals, ok
}

// CalibrationShown sorts the supervisors by gap (review − quality, the most
// lenient first, ties by name) and returns them with those the chart
// draws: all of them up to calibrationTop, else the calibrationTop/2 at
// each end.
func CalibrationShown(cal []store.SupervisorCalibration) (sorted, shown []store.SupervisorCalibration) {
	sorted = slices.Clone(cal)
	slices.SortStableFunc(sorted, func(a, b store.SupervisorCalibration) int {
		if a.Gap != b.Gap {
			return int(b.Gap - a.Gap)
		}
		return strings.Compare(a.Name, b.Name)
	})
	if len(sorted) <= CalibrationTop {
		return sorted, sorted
	}
	half := CalibrationTop / 2
	shown = append(slices.Clone(sorted[:half]), sorted[len(sorted)-half:]...)
	return sorted, shown
}

// ShortName cuts a name to chartNameRunes letters with an ellipsis, so a
// category label never runs into its neighbour; the full name is in the
// table under the chart.
func ShortName(s string) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= ChartNameRunes {
		return string(r)
	}
	return strings.TrimSpace(string(r[:ChartNameRunes-1])) + "…"
}

// Column widths of a searchTable: the name, and each number.
const (
	searchTableName = 300
	searchTableCol  = 150
)

// SearchTable is a table of every category of a chart with a search box
// over its first column, behind a button that shows and hides it.
type SearchTable struct {
	header []string
	all    [][]string // logical text, in reading order of the columns
	rows   [][]string // those matching the search
	search *widget.Entry
	table  *widget.Table
	box    *fyne.Container
	toggle *widget.Button
}

// NewSearchTable builds the table of rows (each in the header's order)
// under its title, hidden until its button (labelled button) is tapped.
// The table itself is made on the first tap: hidden, it would still have
// its visible cells filled each time the home screen is laid out (455
// teams' and supervisors' tables at once).
func NewSearchTable(button, title, placeholder string, header []string, rows [][]string) *SearchTable {
	st := &SearchTable{header: header, all: rows, rows: rows}
	st.search = widget.NewEntry()
	st.search.SetPlaceHolder(placeholder)
	st.search.OnChanged = st.onSearch
	st.box = container.NewVBox(Heading(title), st.search)
	st.box.Hide()
	st.toggle = widget.NewButton(i18n.Display(button), func() {
		if st.box.Visible() {
			st.box.Hide()
			return
		}
		if st.table == nil {
			st.box.Add(ActionRow(st.makeTable()))
		}
		st.box.Show()
	})
	return st
}

// makeTable makes the table of the matching rows, sized for its columns.
func (st *SearchTable) makeTable() fyne.CanvasObject {
	header := st.header
	st.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(st.rows), len(st.header) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row >= len(st.rows) {
				l.SetText("")
				return
			}
			c := AgCol(id.Col, len(st.header))
			l.Alignment = fyne.TextAlignCenter
			if c == 0 {
				l.Alignment = ReadingEdge()
			}
			l.SetText(Cell(st.rows[id.Row][c]))
		})
	st.table.ShowHeaderColumn = false
	st.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		l.Truncation = fyne.TextTruncateEllipsis
		l.Alignment = fyne.TextAlignCenter
		if id.Row < 0 && id.Col >= 0 && id.Col < len(st.header) {
			l.SetText(i18n.Display(st.header[AgCol(id.Col, len(st.header))]))
		}
	}
	for i := range header {
		w := float32(searchTableCol)
		if AgCol(i, len(header)) == 0 {
			w = searchTableName
		}
		st.table.SetColumnWidth(i, w)
	}
	// the columns, their separators and the scroll bar
	width := float32(searchTableName + searchTableCol*(len(header)-1) + 8*len(header) + 16)
	return container.NewGridWrap(fyne.NewSize(width, 320), st.table)
}

// onSearch keeps the rows whose first column holds the search text.
func (st *SearchTable) onSearch(q string) {
	q = strings.ToLower(strings.TrimSpace(q))
	if q == "" {
		st.rows = st.all
	} else {
		st.rows = nil
		for _, r := range st.all {
			if strings.Contains(strings.ToLower(r[0]), q) {
				st.rows = append(st.rows, r)
			}
		}
	}
	if st.table != nil {
		st.table.Refresh()
	}
}

// Content is the button and, below it, the table when shown.
func (st *SearchTable) Content() fyne.CanvasObject {
	return container.NewVBox(ActionRow(st.toggle), st.box)
}
