package ui

import (
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// errorTableTexts returns every cell of the import dialog's error table (the
// second table) as shown.
func errorTableTexts(t *testing.T, top fyne.CanvasObject) []string {
	t.Helper()
	tbs := tablesIn(top)
	if len(tbs) != 2 {
		t.Fatalf("%d tables in the import dialog, want the first rows and the errors", len(tbs))
	}
	rows, cols := tbs[1].Length()
	var out []string
	for r := 0; r < rows; r++ {
		for c := 0; c < cols; c++ {
			l := widget.NewLabel("")
			tbs[1].UpdateCell(widget.TableCellID{Row: r, Col: c}, l)
			out = append(out, l.Text)
		}
	}
	return out
}

// dialogTexts returns the text of every label of the dialog, wrapped or not.
func dialogTexts(top fyne.CanvasObject) []string {
	var out []string
	uitest.FindObject(top, func(x fyne.CanvasObject) bool {
		switch l := x.(type) {
		case *widgets.WrapLabel:
			out = append(out, l.Text)
		case *widget.Label:
			out = append(out, l.Text)
		}
		return false
	})
	return out
}

// latinLeft returns the Latin words of texts once the data the user wrote
// (values of the file, its name) are taken out.
func latinLeft(texts []string, data ...string) []string {
	var out []string
	for _, s := range texts {
		for _, d := range data {
			s = strings.ReplaceAll(s, d, "")
		}
		out = append(out, latinWord.FindAllString(s, -1)...) // screens_walk_test.go's
	}
	return out
}

// Rule (issues 15 and 16): in Arabic the import dialog gives every reason in
// Arabic — a missing column, an impossible date, a number that is not one,
// an employee number no agent has (a refusal of the store, after Import) —
// and names the columns as the file's header wrote them (a missing one by
// its Arabic name); a file that is no table says why in Arabic: no Latin
// word is left but the data of the file (and the formats' names).
func TestImportReasonsInArabic(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	w := newImportWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	win.Resize(fyne.NewSize(1366, 768))
	data := []string{"E0001", "E9999", "E9998", "abc", "2025-02-30", "present", "UTF-8", "csv"}
	has := func(texts []string, want string) bool {
		return slices.ContainsFunc(texts, func(s string) bool { return s == widgets.Cell(want) || s == want || strings.Contains(s, want) })
	}

	// a header without the required status column
	top := openImport(t, w, win, "غياب.csv", []byte("الرقم الوظيفي,التاريخ\nE0001,2025-01-05\n"))
	cells := errorTableTexts(t, top)
	missing := i18n.T("import.err.missing_column", map[string]any{"Near": "", "Codes": ""})
	if !has(cells, missing) || !has(cells, "الحالة") {
		t.Errorf("missing column: error table %q, want %q in the column «الحالة»", cells, missing)
	}
	if left := latinLeft(append(cells, dialogTexts(top)...), data...); len(left) > 0 {
		t.Errorf("missing column: Latin words %q in the Arabic dialog", left)
	}
	uitest.TapIn(t, win, i18n.T("action.close"))

	// an impossible date and a number that is not one, Arabic header cells
	top = openImport(t, w, win, "غياب.csv", []byte("الرقم الوظيفي,التاريخ,الحالة,دقائق التأخير\nE0001,2025-02-30,present,0\nE0001,2025-01-06,present,abc\n"))
	cells = errorTableTexts(t, top)
	for _, want := range []string{i18n.T("import.err.no_such_date"), i18n.T("import.err.not_number"), "التاريخ", "دقائق التأخير"} {
		if !has(cells, want) {
			t.Errorf("bad cells: error table %q has no %q", cells, want)
		}
	}
	if left := latinLeft(append(cells, dialogTexts(top)...), data...); len(left) > 0 {
		t.Errorf("bad cells: Latin words %q in the Arabic dialog", left)
	}
	if !uitest.FindButton(top, i18n.T("action.import")).Disabled() {
		t.Error("bad cells: Import is enabled")
	}
	uitest.TapIn(t, win, i18n.T("action.close"))

	// employee numbers no agent has: refused by the store after Import
	top = openImport(t, w, win, "غياب.csv", []byte("الرقم الوظيفي,التاريخ,الحالة\nE9999,2025-01-05,present\nE9998,2025-01-06,present\n"))
	test.Tap(uitest.FindButton(top, i18n.T("action.import")))
	refused := i18n.Plural("import.refused_rows", 2, map[string]any{"Bad": 2})
	uitest.WaitFor(t, "the refusal", func() bool { return uitest.FindLabelContaining(top, refused) })
	cells = errorTableTexts(t, top)
	if !has(cells, i18n.T("import.err.unknown_agent")) || !has(cells, "الرقم الوظيفي") {
		t.Errorf("unknown agents: error table %q, want %q in the column «الرقم الوظيفي»", cells, i18n.T("import.err.unknown_agent"))
	}
	if left := latinLeft(append(cells, dialogTexts(top)...), data...); len(left) > 0 {
		t.Errorf("unknown agents: Latin words %q in the Arabic dialog", left)
	}
	uitest.TapIn(t, win, i18n.T("action.close"))

	// a file that is no table at all: the reason of the importer's
	// FileError, in Arabic
	top = openImport(t, w, win, "غياب.txt", []byte("x"))
	reason := i18n.T("import.err.file_type", map[string]any{"Ext": ".txt"})
	if !uitest.FindLabelContaining(top, reason) {
		t.Errorf("a .txt file: no %q in the dialog %q", reason, dialogTexts(top))
	}
	if left := latinLeft(dialogTexts(top), append(data, "txt", "CSV", "XLSX")...); len(left) > 0 {
		t.Errorf("a .txt file: Latin words %q in the Arabic dialog", left)
	}
	uitest.TapIn(t, win, i18n.T("action.close"))
}
