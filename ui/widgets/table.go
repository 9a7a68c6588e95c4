package widgets

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
)

// TableView is the frame every table of the app is shown in (build it with
// readingTable, and put it where the table would go). It finishes what
// agCol starts, for the language the table was built in:
//
//   - a table wider than its view opens at its reading start: in English at
//     the left, in Arabic at the right edge, where agCol put the first
//     logical column; it opens there again when its number of columns
//     changes (an import preview showing a new file);
//   - in Arabic, the row numbers (Fyne's header column, which Fyne always
//     draws at the left) are the last shown column, at the right edge;
//   - with Arabic-Indic digits chosen (Settings → General), every label of
//     every cell and row number shows its numbers in them (i18n.Digits:
//     words with a Latin letter, such as codes, keep theirs), whatever the
//     screen's own cell function wrote.
//
// Limit: Fyne's header column stays put while the cells scroll sideways; the
// right-hand row numbers of an Arabic table scroll with the cells (Fyne has
// no hook for a sticky column on the right). The table opens at the right,
// so they are in view until the user scrolls left.
type TableView struct {
	widget.BaseWidget

	// Table is the table shown; keep using it for data, selection and
	// scrolling.
	Table *widget.Table

	rtl bool
	// rowNumbers: the row numbers are the last shown column (Arabic).
	rowNumbers      bool
	rowNumbersWidth float32
	// openedCols is the number of columns the table was last opened at
	// its reading start with (-1: not yet).
	openedCols int
}

// ReadingTable frames t for the current language (see tableView). Call it
// once t's callbacks (CreateHeader, UpdateHeader, OnSelected) are set, and
// show the frame instead of t.
func ReadingTable(t *widget.Table) *TableView {
	v := &TableView{Table: t, rtl: i18n.IsRTL(), openedCols: -1}
	v.ExtendBaseWidget(v)
	if v.rtl && t.ShowHeaderColumn {
		v.moveRowNumbers()
	}
	if i18n.Tr().ArabicDigits() {
		shownDigits(t)
	}
	return v
}

// shownDigits makes t's cells and row headers show their numbers in the
// user's digits: after the screen's own update, each label in the cell gets
// i18n.Digits of its text (idempotent: Arabic-Indic digits stay).
func shownDigits(t *widget.Table) {
	if update := t.UpdateCell; update != nil {
		t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
			update(id, o)
			digitsIn(o)
		}
	}
	if header := t.UpdateHeader; header != nil {
		t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
			header(id, o)
			digitsIn(o)
		}
	}
}

// digitsIn converts the digits of the plain labels and texts in o's tree
// (the wrapping labels of bidilabel.go convert their own).
func digitsIn(o fyne.CanvasObject) {
	switch x := o.(type) {
	case *widget.Label:
		if d := i18n.Digits(x.Text); d != x.Text {
			x.SetText(d)
		}
	case *canvas.Text:
		if d := i18n.Digits(x.Text); d != x.Text {
			x.Text = d
			x.Refresh()
		}
	case *fyne.Container:
		for _, k := range x.Objects {
			digitsIn(k)
		}
	}
}

// moveRowNumbers turns Fyne's header column (drawn at the left) into the
// last shown column of t, at the right edge: a cell showing what the row
// header would, selected like the row's first logical column.
func (v *TableView) moveRowNumbers() {
	t := v.Table
	v.rowNumbers = true
	t.ShowHeaderColumn = false
	length, create, update := t.Length, t.CreateCell, t.UpdateCell
	header, createHeader, selected := t.UpdateHeader, t.CreateHeader, t.OnSelected
	cols := func() int {
		if length == nil {
			return 0
		}
		_, c := length()
		return c
	}
	t.Length = func() (int, int) {
		if length == nil {
			return 0, 0
		}
		r, c := length()
		return r, c + 1
	}
	t.CreateCell = func() fyne.CanvasObject {
		var h fyne.CanvasObject
		if createHeader != nil {
			h = createHeader()
		} else {
			l := widget.NewLabel("00")
			l.TextStyle.Bold = true
			l.Alignment = fyne.TextAlignCenter
			h = l
		}
		h.Hide()
		return container.NewStack(create(), h)
	}
	t.UpdateCell = func(id widget.TableCellID, o fyne.CanvasObject) {
		st := o.(*fyne.Container)
		data, num := st.Objects[0], st.Objects[1]
		if id.Col == cols() {
			data.Hide()
			num.Show()
			rowHeader(header, widget.TableCellID{Row: id.Row, Col: -1}, num)
			return
		}
		num.Hide()
		data.Show()
		update(id, data)
	}
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col == cols() {
			if l, ok := o.(*widget.Label); ok {
				l.SetText("")
			}
			return
		}
		rowHeader(header, id, o)
	}
	if selected != nil {
		t.OnSelected = func(id widget.TableCellID) {
			if c := cols(); id.Col == c && c > 0 {
				id.Col = c - 1 // the row number selects the row, as its first logical column
			}
			selected(id)
		}
	}
	// The row numbers' column is as wide as Fyne's header column.
	v.rowNumbersWidth = widget.NewLabel("000").MinSize().Width
	if createHeader != nil {
		v.rowNumbersWidth = max(v.rowNumbersWidth, createHeader().MinSize().Width)
	}
	t.SetColumnWidth(cols(), v.rowNumbersWidth)
}

// rowHeader fills a header cell with the table's UpdateHeader, or as Fyne
// does without one (row numbers from 1).
func rowHeader(update func(widget.TableCellID, fyne.CanvasObject), id widget.TableCellID, o fyne.CanvasObject) {
	if update != nil {
		update(id, o)
		return
	}
	if l, ok := o.(*widget.Label); ok {
		if id.Col < 0 {
			l.SetText(strconv.Itoa(id.Row + 1))
		} else {
			l.SetText("")
		}
	}
}

// RowNumbersAtRight reports whether the row numbers are the last shown
// column (at the right edge) rather than Fyne's header column.
func (v *TableView) RowNumbersAtRight() bool { return v.rowNumbers }

// Refresh refreshes the table and opens it at its reading start when its
// number of columns changed.
func (v *TableView) Refresh() {
	v.Table.Refresh()
	v.open()
}

// open scrolls the table to its reading start (Arabic: the right edge) the
// first time it is laid out with a width, and when its columns changed.
func (v *TableView) open() {
	t := v.Table
	if t.Length == nil || t.Size().Width <= 0 {
		return
	}
	_, cols := t.Length()
	if cols == v.openedCols {
		return
	}
	v.openedCols = cols
	if v.rowNumbers && cols > 0 {
		t.SetColumnWidth(cols-1, v.rowNumbersWidth)
	}
	if v.rtl {
		t.ScrollToTrailing()
	} else {
		t.ScrollToLeading()
	}
}

// CreateRenderer lays the table out over the whole frame.
func (v *TableView) CreateRenderer() fyne.WidgetRenderer { return &tableViewRenderer{v: v} }

type tableViewRenderer struct{ v *TableView }

func (r *tableViewRenderer) Destroy() {}

func (r *tableViewRenderer) Layout(size fyne.Size) {
	t := r.v.Table
	t.Move(fyne.NewPos(0, 0))
	t.Resize(size)
	r.v.open()
}

func (r *tableViewRenderer) MinSize() fyne.Size { return r.v.Table.MinSize() }

func (r *tableViewRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.v.Table} }

func (r *tableViewRenderer) Refresh() { r.v.Table.Refresh() }
