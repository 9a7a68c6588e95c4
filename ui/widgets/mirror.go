package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"sullam/ui/i18n"
)

// mirrorLayout lays objects out with another layout and then mirrors the
// result left to right, so that a row that starts at the left starts at
// the right: the first cell of every grid row is at the right edge.
type mirrorLayout struct{ inner fyne.Layout }

// Layout lays the objects out with the inner layout, then mirrors them.
func (m mirrorLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	m.inner.Layout(objs, size)
	for _, o := range objs {
		p := o.Position()
		o.Move(fyne.NewPos(size.Width-p.X-o.Size().Width, p.Y))
	}
}

// MinSize is the inner layout's.
func (m mirrorLayout) MinSize(objs []fyne.CanvasObject) fyne.Size { return m.inner.MinSize(objs) }

// readingLayout returns l for a left-to-right language and l mirrored for
// a right-to-left one.
func readingLayout(l fyne.Layout) fyne.Layout {
	if i18n.IsRTL() {
		return mirrorLayout{inner: l}
	}
	return l
}

// NewReadingGrid is container.NewGridWithColumns whose rows read from the
// reading side: in Arabic the first cell of a row is at the right. Use it
// for tables built as grids and for the recruitment funnel.
func NewReadingGrid(cols int, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(readingLayout(layout.NewGridLayoutWithColumns(cols)), objs...)
}

// AgCol is the one column-mirroring rule of every table: it maps the column
// displayed at position col of n to the logical (data) column. In English
// they are the same; in Arabic the columns run from the right, so the first
// logical column is displayed last (at the right edge). Headers, cells and
// column widths all go through it, so they cannot disagree.
func AgCol(col, n int) int {
	if i18n.IsRTL() {
		return n - 1 - col
	}
	return col
}
