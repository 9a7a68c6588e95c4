package report

import (
	"bytes"
	"fmt"

	"github.com/go-text/typesetting/font"

	"sullam/assets"
)

// markMetrics knows where the ink of each combining mark of one of the
// bundled fonts lies, so that a vowel mark can be centred over its letter.
type markMetrics struct {
	face *font.Face
	upem float64
}

// loadMarkMetrics parses a bundled font for its marks' extents.
func loadMarkMetrics(bold bool) (*markMetrics, error) {
	data := assets.FontRegular
	if bold {
		data = assets.FontBold
	}
	face, err := font.ParseTTF(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("read the font's mark metrics: %w", err)
	}
	return &markMetrics{face: face, upem: float64(face.Upem())}, nil
}

// inkCentre returns the horizontal centre of mark r's ink relative to the
// pen, in points at the given font size (false when the font lacks it).
func (m *markMetrics) inkCentre(r rune, size float64) (float64, bool) {
	gid, ok := m.face.NominalGlyph(r)
	if !ok {
		return 0, false
	}
	ext, ok := m.face.GlyphExtents(gid)
	if !ok {
		return 0, false
	}
	return (float64(ext.XBearing) + float64(ext.Width)/2) * size / m.upem, true
}

// drawVisual draws a visual-order line (VisualLine's output) with its left
// end at x. Letters go through gopdf as they are; each vowel mark, which
// follows its letter, is drawn without advancing the pen and centred over
// that letter's glyph (gopdf positions no marks, so drawn inline a mark
// would stand beside its letter).
func (d *doc) drawVisual(v string, x, y float64) {
	if stripMarks(v) == v {
		d.pdf.SetXY(x, y)
		_ = d.pdf.Cell(nil, v)
		return
	}
	if d.marks == nil {
		d.marks = map[bool]*markMetrics{}
	}
	m := d.marks[d.bold]
	if m == nil {
		var err error
		if m, err = loadMarkMetrics(d.bold); err != nil {
			// Without metrics the marks are left out: the text reads the
			// same without them.
			d.pdf.SetXY(x, y)
			_ = d.pdf.Cell(nil, stripMarks(v))
			return
		}
		d.marks[d.bold] = m
	}
	width := func(s string) float64 {
		w, _ := d.pdf.MeasureTextWidth(s)
		return w
	}
	pen := x
	var seg []rune         // letters not drawn yet
	baseX, baseW := x, 0.0 // the last letter drawn: where and how wide
	flush := func() {
		if len(seg) == 0 {
			return
		}
		s := string(seg)
		w := width(s)
		head := width(string(seg[:len(seg)-1]))
		d.pdf.SetXY(pen, y)
		_ = d.pdf.Cell(nil, s)
		baseX, baseW = pen+head, w-head
		pen += w
		seg = seg[:0]
	}
	for _, r := range v {
		if !transparent(r) {
			seg = append(seg, r)
			continue
		}
		flush()
		cx, ok := m.inkCentre(r, d.size)
		if !ok {
			continue
		}
		d.pdf.SetXY(baseX+baseW/2-cx, y)
		_ = d.pdf.Cell(nil, string(r))
	}
	flush()
}
