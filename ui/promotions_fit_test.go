package ui

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/report"
	"sullam/ui/i18n"
	"sullam/ui/promotions"
	"sullam/ui/uitest"
)

// headerCells returns the board's rendered header buttons (those with a
// text) in tb's tree: one per column the table draws in its view.
func headerCells(tb *widget.Table) []*widget.Button {
	var out []*widget.Button
	uitest.FindVisible(tb, func(o fyne.CanvasObject) bool {
		if b, ok := o.(*widget.Button); ok && b.Text != "" {
			out = append(out, b)
		}
		return false
	})
	return out
}

// Rule (issue 13): on a 1366×768 window the promotion board shows its key
// columns (name, status, years in role, cumulative average, needed next
// year) without horizontal scrolling, in Arabic and in English: every
// column the table has is drawn in its view, the key ones among them, and
// the drawn columns' total width is within the table's width. The least
// important columns hide first (boardHideOrder).
func TestBoardKeyColumnsFit1366(t *testing.T) {
	keys := []string{"report.name", "report.status", "report.years_in_role", "report.cumulative", "report.required_next"}
	for _, code := range []string{"ar", "en"} {
		t.Run(code, func(t *testing.T) {
			test.NewTempApp(t)
			desk := newDemoDesk(t, 12, 2)
			_, w := desk.signIn(t, "manager", code)
			t.Cleanup(func() { i18n.Use("en") })
			uitest.TapShowing(t, w, i18n.T("nav.promotions"))
			var tb *widget.Table
			uitest.WaitFor(t, "the board", func() bool {
				tb, _ = uitest.FindVisible(w.Content(), func(o fyne.CanvasObject) bool { _, ok := o.(*widget.Table); return ok }).(*widget.Table)
				if tb == nil {
					return false
				}
				rows, _ := tb.Length()
				return rows > 0
			})
			if got := w.Canvas().Content().MinSize().Width; got > screenSize.Width {
				t.Errorf("the board widens the window to %.0f px", got)
			}
			_, cols := tb.Length()
			heads := headerCells(tb)
			if len(heads) != cols {
				t.Fatalf("the table has %d columns, %d are drawn in its %.0f px view: the rest needs scrolling", cols, len(heads), tb.Size().Width)
			}
			total := float32(0)
			var texts []string
			for _, h := range heads {
				total += h.Size().Width
				texts = append(texts, h.Text)
			}
			if total > tb.Size().Width {
				t.Errorf("the columns take %.0f px, the table has %.0f", total, tb.Size().Width)
			}
			tr, err := report.NewTranslator(code)
			if err != nil {
				t.Fatal(err)
			}
			for _, k := range keys {
				if !slices.Contains(texts, i18n.Display(tr.T(k))) {
					t.Errorf("key column %q is not shown; shown: %q", tr.T(k), texts)
				}
			}
		})
	}
}

// Rule: the board's columns hide in boardHideOrder as the room shrinks,
// never a key column: all ten at 1400 px, without the role first, and at
// most down to the five key columns.
func TestBoardColumnsHideInOrder(t *testing.T) {
	if got := promotions.FitBoardColumns(1400); len(got) != len(promotions.BoardColumns) {
		t.Errorf("1400 px: %v, want every column", got)
	}
	if got := promotions.FitBoardColumns(1300); !slices.Equal(got, []int{0, 1, 2, 4, 5, 6, 7, 8, 9}) {
		t.Errorf("1300 px: %v, want all but the role (3)", got)
	}
	if got := promotions.FitBoardColumns(100); !slices.Equal(got, []int{1, 4, 6, 8, 9}) {
		t.Errorf("100 px: %v, want the key columns only", got)
	}
}
