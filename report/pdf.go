package report

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"

	"sullam/assets"
	"sullam/bidi"
)

// Page geometry in points.
const (
	margin   = 36.0
	cellPad  = 4.0
	lineGap  = 1.35
	fontReg  = "regular"
	fontBold = "bold"
)

// doc is a PDF being written: gopdf with the bundled Arabic + Latin font, a
// cursor (y) and the reading direction.
type doc struct {
	pdf *gopdf.GoPdf
	rtl bool
	// digits writes the ordered text in the reader's digits (Latin or
	// Arabic-Indic, the translator's choice).
	digits func(string) string
	// bold and size are the current font; marks the vowel-mark metrics,
	// loaded on the first line that has a mark.
	bold  bool
	size  float64
	marks map[bool]*markMetrics
	w, h  float64
	y     float64
	// onNewPage draws the repeated header of a continued table.
	onNewPage func()
	// ctx, when set, stops numberPages early once it is done (the caller
	// checks it again and reports the cancellation).
	ctx context.Context
}

// newDoc starts an A4 document, portrait or landscape, in the direction and
// digits of the translator's language and options.
func newDoc(t Translator, landscape bool) (*doc, error) {
	size := *gopdf.PageSizeA4
	if landscape {
		size = gopdf.Rect{W: size.H, H: size.W}
	}
	d := &doc{pdf: &gopdf.GoPdf{}, rtl: t.RTL(), digits: t.Digits, w: size.W, h: size.H}
	d.pdf.Start(gopdf.Config{PageSize: size})
	if err := d.pdf.AddTTFFontData(fontReg, assets.FontRegular); err != nil {
		return nil, fmt.Errorf("load the regular font: %w", err)
	}
	if err := d.pdf.AddTTFFontData(fontBold, assets.FontBold); err != nil {
		return nil, fmt.Errorf("load the bold font: %w", err)
	}
	d.newPage()
	return d, nil
}

func (d *doc) newPage() {
	d.pdf.AddPage()
	d.y = margin
	if d.onNewPage != nil {
		d.onNewPage()
	}
}

func (d *doc) font(bold bool, size float64) {
	name := fontReg
	if bold {
		name = fontBold
	}
	_ = d.pdf.SetFont(name, "", size)
	d.bold, d.size = bold, size
}

func (d *doc) base() bidi.Direction {
	if d.rtl {
		return bidi.RightToLeft
	}
	return bidi.LeftToRight
}

// visual returns one logical line as drawn: in visual order (VisualLine),
// then in the reader's digits.
func (d *doc) visual(s string) string {
	v := VisualLine(s, d.base())
	if d.digits != nil {
		v = d.digits(v)
	}
	return v
}

// width measures logical text as it will be drawn.
func (d *doc) width(s string) float64 {
	w, err := d.pdf.MeasureTextWidth(stripMarks(d.visual(s)))
	if err != nil {
		return 0
	}
	return w
}

// wrap splits logical text into lines no wider than w, at spaces.
func (d *doc) wrap(s string, w float64) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		cur := ""
		for _, wd := range words {
			try := wd
			if cur != "" {
				try = cur + " " + wd
			}
			if cur != "" && d.width(try) > w {
				lines = append(lines, cur)
				cur = wd
				continue
			}
			cur = try
		}
		lines = append(lines, cur)
	}
	return lines
}

// align is where a line sits in its box.
type align int

const (
	alignStart  align = iota // the reading edge: right in Arabic
	alignEnd                 // the other edge
	alignCenter              // centred
)

// textAt draws one logical line in the box [x, x+w] at baseline-top y.
func (d *doc) textAt(s string, x, y, w float64, a align) {
	v := d.visual(s)
	tw, _ := d.pdf.MeasureTextWidth(stripMarks(v))
	left := (a == alignStart) != d.rtl // start in LTR, end in RTL → left
	switch {
	case a == alignCenter:
		x += (w - tw) / 2
	case !left:
		x += w - tw
	}
	d.drawVisual(v, x, y)
}

// para writes a wrapped paragraph across the page at the cursor.
func (d *doc) para(s string, bold bool, size float64, a align) {
	d.font(bold, size)
	lh := size * lineGap
	for _, l := range d.wrap(s, d.w-2*margin) {
		d.ensure(lh)
		d.textAt(l, margin, d.y, d.w-2*margin, a)
		d.y += lh
	}
}

// numberPages writes "Page i of n" (in the report's language) at the foot
// of every page, once the whole document is laid out and n is known.
func (d *doc) numberPages(t Translator) {
	n := d.pdf.GetNumberOfPages()
	for i := 1; i <= n; i++ {
		if d.ctx != nil && d.ctx.Err() != nil {
			return
		}
		if err := d.pdf.SetPage(i); err != nil {
			return
		}
		d.font(false, 8)
		label := t.T("report.page_of", map[string]any{"Page": strconv.Itoa(i), "Pages": strconv.Itoa(n)})
		d.textAt(label, margin, d.h-margin+12, d.w-2*margin, alignCenter)
	}
}

// ensure starts a new page when fewer than h points are left.
func (d *doc) ensure(h float64) {
	if d.y+h > d.h-margin {
		d.newPage()
	}
}

// column is one table column: its share of the width (in reading order:
// the first column is on the right in Arabic) and alignment.
type column struct {
	width float64
	align align
}

// row draws one table row of cells in reading order, wrapping each cell, with
// borders; fill shades the row (headers).
func (d *doc) row(cols []column, cells []string, bold bool, size float64, fill bool) {
	d.font(bold, size)
	lh := size * lineGap
	wrapped := make([][]string, len(cells))
	n := 1
	for i, c := range cells {
		wrapped[i] = d.wrap(c, cols[i].width-2*cellPad)
		if len(wrapped[i]) > n {
			n = len(wrapped[i])
		}
	}
	h := float64(n)*lh + 2*cellPad
	d.ensure(h)
	total := 0.0
	for _, c := range cols {
		total += c.width
	}
	x := margin
	if d.rtl {
		x = margin + total
	}
	for i, c := range cols {
		cx := x
		if d.rtl {
			cx = x - c.width
			x -= c.width
		} else {
			x += c.width
		}
		if fill {
			d.pdf.SetFillColor(230, 236, 242)
			d.pdf.RectFromUpperLeftWithStyle(cx, d.y, c.width, h, "FD")
			// the fill colour is also the text colour in PDF
			d.pdf.SetFillColor(0, 0, 0)
		} else {
			d.pdf.RectFromUpperLeftWithStyle(cx, d.y, c.width, h, "D")
		}
		for j, l := range wrapped[i] {
			d.textAt(l, cx+cellPad, d.y+cellPad+float64(j)*lh, c.width-2*cellPad, c.align)
		}
	}
	d.y += h
}

// scale turns relative column widths into points across the page.
func (d *doc) scale(rel []float64, aligns []align) []column {
	sum := 0.0
	for _, r := range rel {
		sum += r
	}
	out := make([]column, len(rel))
	for i, r := range rel {
		out[i] = column{width: (d.w - 2*margin) * r / sum, align: aligns[i]}
	}
	return out
}
