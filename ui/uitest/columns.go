package uitest

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
)

// CheckFirstColumnSide fails unless the header of the first logical column
// (first, as shown) is the rightmost of the table's headers in Arabic and
// the leftmost in English, and its column has the first column's width
// (the widths mirror with the headers).
func CheckFirstColumnSide(t *testing.T, name string, tbl *widget.Table, first string, width float32) {
	t.Helper()
	xs, ws := headerXs(tbl)
	fx, ok := xs[first]
	if !ok || len(xs) < 2 {
		t.Errorf("%s: header %q not among the shown headers %v", name, first, xs)
		return
	}
	if ws[first] != width {
		t.Errorf("%s: the first column %q is %v wide, want its own width %v", name, first, ws[first], width)
	}
	for h, x := range xs {
		if h == first {
			continue
		}
		if i18n.IsRTL() && x >= fx {
			t.Errorf("%s (ar): header %q at x=%v is right of the first column %q at x=%v; the first column must be at the right", name, h, x, first, fx)
		}
		if !i18n.IsRTL() && x <= fx {
			t.Errorf("%s (en): header %q at x=%v is left of the first column %q at x=%v; the first column must be at the left", name, h, x, first, fx)
		}
	}
}

// headerXs returns the texts of the shown column headers of tbl (its bold
// labels) with their x positions in the window, and their widths.
func headerXs(tbl *widget.Table) (map[string]float32, map[string]float32) {
	drv := fyne.CurrentApp().Driver()
	out, widths := map[string]float32{}, map[string]float32{}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Label); ok {
			if l.TextStyle.Bold && l.Text != "" {
				out[l.Text] = drv.AbsolutePositionForObject(l).X
				widths[l.Text] = l.Size().Width
			}
			return
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, x := range c.Objects {
				walk(x)
			}
		} else if wd, ok := o.(fyne.Widget); ok {
			for _, x := range test.WidgetRenderer(wd).Objects() {
				walk(x)
			}
		}
	}
	walk(tbl)
	return out, widths
}
