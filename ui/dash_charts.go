package ui

import (
	"image"
	"image/color"
	"log/slog"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"sullam/bidi"
	"sullam/report"
	"sullam/ui/i18n"
)

// BarGroup is one coloured set of bars of a bar chart, one value per label.
type BarGroup struct {
	Name   string
	Color  color.Color
	Values []float64
}

// chartLabel prepares a label for gonum/plot, which draws glyph after glyph
// left to right without shaping: Arabic is turned into presentation forms in
// visual order (report.VisualLine, the same code as the PDF), so it reads
// joined and right to left; other text is unchanged.
func chartLabel(s string) string {
	if !bidi.IsRTL(s) && !hasRTL(s) {
		return s
	}
	return report.VisualLine(s, bidi.Auto)
}

func hasRTL(s string) bool {
	for _, r := range s {
		if r >= 0x0590 && r <= 0x08FF {
			return true
		}
	}
	return false
}

// newDashPlot is a plot using the bundled Arabic + Latin font.
func newDashPlot(yLabel string) *plot.Plot {
	p := plot.New()
	if cache, ok := chartFonts(); ok {
		hdlr := text.Plain{Fonts: cache}
		for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
			st.Font = font.Font{Typeface: chartTypeface, Size: st.Font.Size}
			st.Handler = hdlr
		}
		p.TextHandler = hdlr
	}
	p.Y.Label.Text = chartLabel(yLabel)
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

// renderPlot draws p into a w×h pixel image.
func renderPlot(p *plot.Plot, w, h int) image.Image {
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Inch/96, vg.Length(h)*vg.Inch/96), vgimg.UseDPI(96))
	p.Draw(draw.New(c))
	return c.Image()
}

// BarChart renders grouped bars: for each label, one bar per group side by
// side; labels may be Arabic. rotate tilts long labels. In a right-to-left
// language the category axis reads from the right: the first label, and
// the first group within each label, are at the right.
func BarChart(labels []string, groups []BarGroup, yLabel string, yMax float64, w, h int, rotate bool) image.Image {
	if i18n.IsRTL() {
		labels, groups = mirrorBars(labels, groups)
	}
	p := newDashPlot(yLabel)
	shaped := make([]string, len(labels))
	for i, l := range labels {
		shaped[i] = chartLabel(l)
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
	return renderPlot(p, w, h)
}
