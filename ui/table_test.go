package ui

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// shownCell is a header or cell widget of a table as drawn: its text and
// its left and right edges in the window.
type shownCell struct {
	text        string
	left, right float32
}

// objectText is the text a header or cell widget shows.
func objectText(o fyne.CanvasObject) string {
	switch x := o.(type) {
	case *widget.Label:
		return x.Text
	case *widget.Button:
		return x.Text
	}
	return ""
}

// rowCells returns the visible labels and buttons of tbl whose top is at y
// (in the window), with text, left to right as found.
func rowCells(tbl *widget.Table, y float32) []shownCell {
	drv := fyne.CurrentApp().Driver()
	var out []shownCell
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o.(type) {
		case *widget.Label, *widget.Button:
			p := drv.AbsolutePositionForObject(o)
			if txt := objectText(o); txt != "" && p.Y >= y-1 && p.Y <= y+1 {
				out = append(out, shownCell{txt, p.X, p.X + o.Size().Width})
			}
			return
		}
		for _, k := range uitest.VisibleKids(o) {
			walk(k)
		}
	}
	walk(tbl)
	return out
}

// headerText is the header text the table gives its shown column col.
func headerText(tbl *widget.Table, col int) string {
	var o fyne.CanvasObject = widget.NewLabel("")
	if tbl.CreateHeader != nil {
		o = tbl.CreateHeader()
	}
	tbl.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, o)
	return objectText(o)
}

// Rule (issue 16, RTL items 1 and 2): a table wider than its view opens at
// its reading start — in Arabic at the right edge, where the first logical
// column is (agCol), in English at the left — and its row numbers are at
// the right in Arabic, at the left in English. Checked on the real screens
// (agents list, board, annual evaluations, candidates, users, audit log),
// opened by tapping the navigation in a window narrower than the tables.
func TestWideTablesOpenAtReadingStart(t *testing.T) {
	test.NewTempApp(t)
	t.Cleanup(func() { i18n.Use("en") })
	desk := newDemoDesk(t, 40, 3)
	cases := []struct {
		name       string
		user       string
		area       widgets.Area
		tab        string // translation key of the tab to tap, "" for none
		rowNumbers bool   // the table shows row numbers
	}{
		{"agents list", "hr", widgets.AreaAgents, "", false},
		{"board", "manager", widgets.AreaPromotions, "", false},
		{"annual evaluations", "manager", widgets.AreaEvaluations, "eval.tab.annual", false},
		{"candidates", "hr", widgets.AreaRecruitment, "rec.tab.candidates", true},
		{"users", "admin", widgets.AreaSettings, "settings.users", true},
		{"audit log", "admin", widgets.AreaSettings, "settings.audit_log", false},
	}
	for _, code := range []string{"ar", "en"} {
		for _, c := range cases {
			t.Run(code+"/"+c.name, func(t *testing.T) {
				ctrl, w := desk.signIn(t, c.user, code)
				w.Resize(fyne.NewSize(760, 700)) // narrower than every one of these tables
				wk := &walker{t: t, w: w, c: ctrl, code: code, role: c.user}
				wk.openArea(c.area)
				if c.tab != "" {
					f := uitest.TappableShowing(w.Canvas().Content(), i18n.T(c.tab))
					if f == nil {
						t.Fatalf("no %q tab", i18n.T(c.tab))
					}
					test.Tap(f)
				}
				var tv *widgets.TableView
				uitest.WaitFor(t, "the table's rows", func() bool {
					tv, _ = uitest.FindVisible(w.Canvas().Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widgets.TableView); return ok }).(*widgets.TableView)
					if tv == nil {
						return false
					}
					rows, _ := tv.Table.Length()
					return rows > 0
				})
				relayout(w.Canvas().Content())
				checkReadingStart(t, tv, c.rowNumbers)
			})
		}
	}
}

// checkReadingStart fails unless the first logical column of the table in
// tv is the first shown from the reading side (rightmost in Arabic,
// leftmost in English), and, when rowNumbers, the row numbers are beyond
// it on the reading side; the table must not show all its columns (else the
// check proves nothing).
func checkReadingStart(t *testing.T, tv *widgets.TableView, rowNumbers bool) {
	t.Helper()
	tbl := tv.Table
	_, cols := tbl.Length()
	if tv.RowNumbersAtRight() {
		cols-- // the last shown column holds the row numbers
	}
	first := headerText(tbl, widgets.AgCol(0, cols))
	top := fyne.CurrentApp().Driver().AbsolutePositionForObject(tbl).Y
	headers := rowCells(tbl, top)
	if len(headers) == 0 || len(headers) >= cols {
		t.Fatalf("%d of %d headers shown (%v): the table is not wider than its view", len(headers), cols, headers)
	}
	edge := headers[0]
	for _, h := range headers {
		if (i18n.IsRTL() && h.right > edge.right) || (!i18n.IsRTL() && h.left < edge.left) {
			edge = h
		}
	}
	side := "leftmost"
	if i18n.IsRTL() {
		side = "rightmost"
	}
	if edge.text != first {
		t.Errorf("the %s shown header is %q, want the first logical column %q (shown: %v)", side, edge.text, first, headers)
	}
	if !rowNumbers {
		if tv.RowNumbersAtRight() {
			t.Errorf("row numbers at the right of a table without row numbers")
		}
		return
	}
	// The first data row: its cells' top is below the header row.
	var one *shownCell
	uitest.FindVisible(tbl, func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.Label); ok && l.Text == "1" && one == nil {
			p := fyne.CurrentApp().Driver().AbsolutePositionForObject(l)
			one = &shownCell{l.Text, p.X, p.X + l.Size().Width}
		}
		return false
	})
	if one == nil {
		t.Fatalf("no row number 1 shown")
	}
	if i18n.IsRTL() && one.left < edge.right {
		t.Errorf("row number 1 at x=%v..%v is not right of the first column (right edge %v)", one.left, one.right, edge.right)
	}
	if !i18n.IsRTL() && one.right > edge.left {
		t.Errorf("row number 1 at x=%v..%v is not left of the first column (left edge %v)", one.left, one.right, edge.left)
	}
	if got := fmt.Sprint(tv.RowNumbersAtRight()); got != fmt.Sprint(i18n.IsRTL()) {
		t.Errorf("row numbers at the right: %s, want %v", got, i18n.IsRTL())
	}
}
