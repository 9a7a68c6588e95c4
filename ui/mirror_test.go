package ui

import (
	"image"
	"image/color"
	"testing"

	"sullam/ui/i18n"
	"sullam/ui/widgets"
)

// meanX returns the mean x of the pixels of colour c in the rows [y0, y1)
// of img, and how many there are.
func meanX(img image.Image, c color.Color, y0, y1 int) (float64, int) {
	cr, cg, cb, _ := c.RGBA()
	var sum, n int
	b := img.Bounds()
	for y := max(y0, b.Min.Y); y < min(y1, b.Max.Y); y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r == cr && g == cg && bl == cb {
				sum += x
				n++
			}
		}
	}
	if n == 0 {
		return 0, 0
	}
	return float64(sum) / float64(n), n
}

// Rule (issue 16): a bar chart's category axis reads from the reading
// side: with a short first bar and a tall second one, the tall bar is at
// the right in English and at the left in Arabic.
func TestBarChartCategoriesFromReadingSide(t *testing.T) {
	defer i18n.Use("en")
	red := color.NRGBA{0xff, 0, 0, 0xff}
	for _, code := range []string{"en", "ar"} {
		i18n.Use(code)
		const w, h = 400, 300
		img := widgets.BarChart([]string{"أ", "ب"}, []widgets.BarGroup{{Color: red, Values: []float64{10, 90}}}, "", 100, w, h, false)
		// Only the tall bar reaches the top half.
		x, n := meanX(img, red, 0, h/2)
		if n == 0 {
			t.Fatalf("%s: no tall bar drawn", code)
		}
		if code == "en" && x < w/2 || code == "ar" && x > w/2 {
			t.Errorf("%s: the second (tall) bar is at x=%.0f of %d", code, x, w)
		}
	}
}

// Rule (issue 16): a line chart's year axis reads from the reading side:
// a series rising from the first year to the last has its high end at the
// right in English and at the left in Arabic.
func TestLineChartYearsFromReadingSide(t *testing.T) {
	defer i18n.Use("en")
	blue := color.NRGBA{0, 0, 0xff, 0xff}
	for _, code := range []string{"en", "ar"} {
		i18n.Use(code)
		const w, h = 400, 300
		img := widgets.LineChart("", []widgets.Series{{Color: blue, Points: []widgets.ChartPoint{{X: 2020, Y: 5}, {X: 2024, Y: 95}}}}, 0, 100, w, h)
		top, n1 := meanX(img, blue, 0, h/3)
		bottom, n2 := meanX(img, blue, 2*h/3, h)
		if n1 == 0 || n2 == 0 {
			t.Fatalf("%s: the line is not drawn at both ends", code)
		}
		if code == "en" && top <= bottom || code == "ar" && top >= bottom {
			t.Errorf("%s: the high end (last year) at x=%.0f, the low end (first year) at x=%.0f", code, top, bottom)
		}
	}
}
