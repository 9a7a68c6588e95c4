package widgets

import (
	"fmt"
	"image"
	"image/color"
	"log/slog"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"golang.org/x/image/font/opentype"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"sullam/assets"
	"sullam/ui/i18n"
)

// Series is one line of a chart: its name (shown by ChartLegend, not drawn
// in the image), its colour and its points.
type Series struct {
	Name   string
	Color  color.Color
	Points []ChartPoint
}

// ChartPoint is one point of a series.
type ChartPoint struct{ X, Y float64 }

// SeriesColors are distinct colours for up to five series.
var SeriesColors = []color.Color{
	color.NRGBA{0x1b, 0x5e, 0x20, 0xff}, // annual: dark green
	color.NRGBA{0x15, 0x65, 0xc0, 0xff},
	color.NRGBA{0xef, 0x6c, 0x00, 0xff},
	color.NRGBA{0x6a, 0x1b, 0x9a, 0xff},
	color.NRGBA{0xc6, 0x28, 0x28, 0xff},
}

// ChartTypeface is the name the bundled font is registered under in a
// chart's own font cache.
const ChartTypeface = "SullamSans"

// ChartFonts returns a font cache holding the bundled Arabic + Latin font,
// so chart text uses the same face as the screens. gonum/plot draws glyphs
// without Arabic shaping, so charts carry only numbers (years, scores); the
// names of the series are in ChartLegend, drawn by Fyne.
func ChartFonts() (*font.Cache, bool) {
	f, err := opentype.Parse(assets.FontRegular)
	if err != nil {
		slog.Warn("chart font", "err", err)
		return nil, false
	}
	return font.NewCache(font.Collection{{Font: font.Font{Typeface: ChartTypeface}, Face: f}}), true
}

// LineChart renders the series as a line chart with points, w×h pixels,
// with whole-number X ticks (years) and Y from yMin to yMax. The title is
// drawn only when it is Latin text (pass "" in Arabic; show a Fyne heading).
// In a right-to-left language the X axis reads from the right: the first
// year is at the right.
func LineChart(title string, series []Series, yMin, yMax float64, w, h int) image.Image {
	rtl := i18n.IsRTL()
	p := plot.New()
	if cache, ok := ChartFonts(); ok {
		hdlr := text.Plain{Fonts: cache}
		for _, st := range []*text.Style{&p.Title.TextStyle, &p.X.Label.TextStyle, &p.Y.Label.TextStyle, &p.X.Tick.Label, &p.Y.Tick.Label, &p.Legend.TextStyle} {
			st.Font = font.Font{Typeface: ChartTypeface, Size: st.Font.Size}
			st.Handler = hdlr
		}
		p.TextHandler = hdlr
	}
	p.Title.Text = title
	p.Y.Min, p.Y.Max = yMin, yMax
	p.X.Tick.Marker = yearTicks{mirrored: rtl}
	p.Y.Tick.Marker = ScoreTicks{}
	p.Add(plotter.NewGrid())
	minX, maxX := 0.0, 0.0
	first := true
	for _, s := range series {
		pts := make(plotter.XYs, len(s.Points))
		for i, pt := range s.Points {
			if rtl {
				pt.X = -pt.X // drawn mirrored; yearTicks labels -x as x
			}
			pts[i].X, pts[i].Y = pt.X, pt.Y
			if first || pt.X < minX {
				minX = pt.X
			}
			if first || pt.X > maxX {
				maxX = pt.X
			}
			first = false
		}
		if len(pts) == 0 {
			continue
		}
		line, points, err := plotter.NewLinePoints(pts)
		if err != nil {
			slog.Warn("chart series", "name", s.Name, "err", err)
			continue
		}
		line.Color = s.Color
		line.Width = vg.Points(2)
		points.Color = s.Color
		points.Shape = draw.CircleGlyph{}
		points.Radius = vg.Points(3)
		p.Add(line, points)
	}
	if !first {
		p.X.Min, p.X.Max = minX-0.5, maxX+0.5
	}
	p.Y.Min, p.Y.Max = yMin, yMax
	return RenderPlot(p, w, h)
}

// yearTicks puts one labelled tick on every whole number (year) in range;
// mirrored, the axis holds the years negated (right to left) and each tick
// is labelled with its year.
type yearTicks struct{ mirrored bool }

// Ticks returns a tick per whole number between min and max.
func (yt yearTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for y := int(math.Ceil(lo)); float64(y) <= hi; y++ {
		label := y
		if yt.mirrored {
			label = -y
		}
		out = append(out, plot.Tick{Value: float64(y), Label: fmt.Sprint(label)})
	}
	return out
}

// ChartImage wraps a rendered chart for a screen, at its natural size.
func ChartImage(img image.Image, w, h int) *canvas.Image {
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.SetMinSize(fyne.NewSize(float32(w), float32(h)))
	return ci
}

// ChartLegend shows each series' colour beside its (translated) name, drawn
// by Fyne so that Arabic names are shaped.
func ChartLegend(series []Series) fyne.CanvasObject {
	items := make([]fyne.CanvasObject, 0, len(series))
	for _, s := range series {
		sw := canvas.NewRectangle(s.Color)
		sw.SetMinSize(fyne.NewSize(18, 6))
		items = append(items, container.New(readingLayout(layout.NewHBoxLayout()), container.NewCenter(sw), Label(s.Name)))
	}
	return NewReadingGrid(3, items...)
}

// ScoreTicks labels every 10 points of a 0–100 score axis.
type ScoreTicks struct{}

// Ticks returns a labelled tick every 10 points and a small one every 5.
func (ScoreTicks) Ticks(lo, hi float64) []plot.Tick {
	var out []plot.Tick
	for v := float64(int(lo/5)) * 5; v <= hi; v += 5 {
		if v < lo {
			continue
		}
		t := plot.Tick{Value: v}
		if int(v)%10 == 0 {
			t.Label = fmt.Sprint(int(v))
		}
		out = append(out, t)
	}
	return out
}

// RenderPlot draws p into a w×h pixel image, its axes' numbers in the
// user's digits (Settings → General).
func RenderPlot(p *plot.Plot, w, h int) image.Image {
	if i18n.Tr().ArabicDigits() {
		p.X.Tick.Marker = digitTicks{p.X.Tick.Marker}
		p.Y.Tick.Marker = digitTicks{p.Y.Tick.Marker}
	}
	c := vgimg.NewWith(vgimg.UseWH(vg.Length(w)*vg.Inch/96, vg.Length(h)*vg.Inch/96), vgimg.UseDPI(96))
	p.Draw(draw.New(c))
	return c.Image()
}

// digitTicks is an axis's ticks with their labels in the user's digits.
type digitTicks struct{ inner plot.Ticker }

// Ticks returns the inner ticks, labels converted by i18n.Digits.
func (d digitTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := d.inner.Ticks(lo, hi)
	for i := range ts {
		ts[i].Label = i18n.Digits(ts[i].Label)
	}
	return ts
}
