package recruitment

import (
	"image"
	"image/color"
	"log/slog"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"sullam/ui/widgets"
)

// ScatterChart renders points (x, y both percentages) as a scatter chart of
// w×h pixels, the axes labelled xLabel and yLabel (Arabic shaped), each
// axis spanning the points' range padded by 5 points, within 0–102 (a
// point at 100 is drawn whole).
func ScatterChart(points []widgets.ChartPoint, xLabel, yLabel string, c color.Color, w, h int) image.Image {
	p := widgets.NewDashPlot(yLabel)
	p.X.Label.Text = widgets.ChartLabel(xLabel)
	p.X.Tick.Marker = widgets.ScoreTicks{}
	p.Y.Tick.Marker = widgets.ScoreTicks{}
	xs := make(plotter.XYs, len(points))
	lo, hi := [2]float64{100, 100}, [2]float64{0, 0}
	for i, pt := range points {
		xs[i].X, xs[i].Y = pt.X, pt.Y
		lo[0], hi[0] = min(lo[0], pt.X), max(hi[0], pt.X)
		lo[1], hi[1] = min(lo[1], pt.Y), max(hi[1], pt.Y)
	}
	if len(points) == 0 {
		lo, hi = [2]float64{0, 0}, [2]float64{100, 100}
	}
	p.X.Min, p.X.Max = max(0, float64(int(lo[0]/5)*5)-5), min(102, float64(int(hi[0]/5)*5)+5)
	p.Y.Min, p.Y.Max = max(0, float64(int(lo[1]/5)*5)-5), min(102, float64(int(hi[1]/5)*5)+5)
	if len(xs) > 0 {
		s, err := plotter.NewScatter(xs)
		if err != nil {
			slog.Warn("scatter chart", "err", err)
		} else {
			s.GlyphStyle.Color = c
			s.GlyphStyle.Shape = draw.CircleGlyph{}
			s.GlyphStyle.Radius = vg.Points(4)
			p.Add(s)
		}
	}
	return widgets.RenderPlot(p, w, h)
}
