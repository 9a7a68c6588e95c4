package importer

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestNeutralise(t *testing.T) {
	tests := []struct {
		rule, in, want string
	}{
		{"a formula gets an apostrophe", "=1+1", "'=1+1"},
		{"a plus start gets one", "+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"a minus start that is no number gets one", "-2+3", "'-2+3"},
		{"a lone minus gets one", "-", "'-"},
		{"an at start gets one", "@SUM(A1)", "'@SUM(A1)"},
		{"a tab start gets one", "\t=1", "'\t=1"},
		{"a carriage return start gets one", "\r=1", "'\r=1"},
		{"a negative decimal stays a number", "-3.5", "-3.5"},
		{"a signed whole number stays a number", "+7", "+7"},
		{"a phone number in international form stays", "+966501234567", "+966501234567"},
		{"plain text is unchanged", "أحمد = 1", "أحمد = 1"},
		{"a date is unchanged", "2024-03-05", "2024-03-05"},
		{"an empty cell is unchanged", "", ""},
		{"a text that starts with an apostrophe is unchanged", "'quoted'", "'quoted'"},
		{"a text starting with an apostrophe and = keeps both through a round trip", "'=x", "''=x"},
		{"a lone apostrophe is unchanged", "'", "'"},
		{"two apostrophes and = keep both", "''=x", "'''=x"},
		{"an apostrophe before a number keeps it", "'-3.5", "''-3.5"},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			got := Neutralise(tc.in)
			if got != tc.want {
				t.Errorf("Neutralise(%q) = %q, want %q", tc.in, got, tc.want)
			}
			if back := unquoteExport(got); back != tc.in {
				t.Errorf("import gives %q back, want %q", back, tc.in)
			}
		})
	}
}

func TestWriteCSV(t *testing.T) {
	// Rules: a BOM comes first; quoting is RFC 4180; formulas are neutralised,
	// numbers are not.
	var buf bytes.Buffer
	err := WriteCSV(&buf, []string{"name", "note"}, [][]string{{"أحمد", "=HYPERLINK(\"http://x\")"}, {"-3.5", "a,b\nc"}})
	if err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no BOM: %q", b[:8])
	}
	recs, err := csv.NewReader(bytes.NewReader(b[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"name", "note"}, {"أحمد", "'=HYPERLINK(\"http://x\")"}, {"-3.5", "a,b\nc"}}
	for i := range want {
		if strings.Join(recs[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("record %d = %q, want %q", i, recs[i], want[i])
		}
	}
}

func TestWriteXLSX(t *testing.T) {
	// Rules: the sheet is right to left when asked; plain numbers are numeric
	// cells, codes with leading zeros stay text, dates are (numeric) date
	// cells; formulas are neutralised text, never formulas; the file reads
	// back unchanged.
	header := []string{"id", "n", "x", "d"}
	rows := [][]string{{"007", "-3.5", "=1+1", "2024-03-05"}, {"1000", "12", "@x", ""}}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "تقرير: 2024/1", header, rows, true); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if sheet != "تقرير_ 2024_1" {
		t.Errorf("sheet name = %q", sheet)
	}
	view, err := f.GetSheetView(sheet, 0)
	if err != nil || view.RightToLeft == nil || !*view.RightToLeft {
		t.Errorf("not right to left: %+v %v", view, err)
	}
	numeric := map[string]bool{"A2": false, "B2": true, "C2": false, "D2": true, "A3": true}
	for cell, want := range numeric {
		got, err := f.GetCellType(sheet, cell)
		// the stream writer writes numbers without a type attribute
		isNum := got == excelize.CellTypeNumber || got == excelize.CellTypeUnset
		if err != nil || isNum != want {
			t.Errorf("%s type = %v, want numeric %v (%v)", cell, got, want, err)
		}
	}
	if v, _ := f.GetCellValue(sheet, "C2"); v != "'=1+1" {
		t.Errorf("C2 = %q", v)
	}
	if fo, _ := f.GetCellFormula(sheet, "C2"); fo != "" {
		t.Errorf("C2 has formula %q", fo)
	}
	tb, err := ReadTable("x.xlsx", bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(tb.Header, "|") != strings.Join(header, "|") || len(tb.Rows) != 2 {
		t.Fatalf("table = %+v", tb)
	}
	for i, r := range rows {
		if strings.Join(tb.Rows[i].Cells, "|") != strings.Join(r, "|") {
			t.Errorf("row %d = %q, want %q", i, tb.Rows[i].Cells, r)
		}
	}
}

func TestWriteXLSXLeftToRight(t *testing.T) {
	// Rule: without rtl the sheet keeps the default direction; an empty name
	// becomes Sheet1.
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "", []string{"a"}, nil, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if s := f.GetSheetList()[0]; s != "Sheet1" {
		t.Errorf("sheet = %q", s)
	}
	if view, _ := f.GetSheetView("Sheet1", 0); view.RightToLeft != nil && *view.RightToLeft {
		t.Error("right to left")
	}
}

// numFmtOf returns the number format of a cell's style: its built-in ID and
// its custom format ("" when none).
func numFmtOf(t *testing.T, f *excelize.File, sheet, cell string) (int, string) {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatalf("style of %s: %v", cell, err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatalf("style %d of %s: %v", id, cell, err)
	}
	custom := ""
	if st.CustomNumFmt != nil {
		custom = *st.CustomNumFmt
	}
	return st.NumFmt, custom
}

func TestWriteXLSXCellTypesForSpreadsheets(t *testing.T) {
	// Rules (issue 12): dates are date cells shown yyyy-mm-dd; numbers with
	// two decimals are numeric cells shown 0.00 (6.70 stays 6.70); numeric
	// columns such as experience_years are numbers; phones and employee
	// numbers are text cells formatted as text even when they look like
	// numbers; multi-line cells wrap; the header is frozen, repeated on
	// every printed page, and pages are landscape, fitted to the width. The
	// file still reads back with the same cells.
	header := []string{"employee_no", "full_name", "applied_on", "experience_years", "phone", "notes"}
	rows := [][]string{
		{"1000", "Ali", "2024-03-05", "6.70", "501234567", "line one\nline two"},
		{"0042", "Mona", "2023-12-31", "2.5", "+966501234567", ""},
	}
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, "candidates", header, rows, false); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "candidates"
	// Numbers and dates: no type or n (the stream writer leaves n out); text: a string type.
	for cell, wantNum := range map[string]bool{"A2": false, "C2": true, "D2": true, "D3": true, "E2": false, "E3": false, "A3": false} {
		got, err := f.GetCellType(sheet, cell)
		isNum := got == excelize.CellTypeNumber || got == excelize.CellTypeUnset
		if err != nil || isNum != wantNum {
			t.Errorf("%s type = %v, want numeric %v (%v)", cell, got, wantNum, err)
		}
	}
	if raw, _ := f.GetCellValue(sheet, "C2", excelize.Options{RawCellValue: true}); raw != "45356" {
		t.Errorf("C2 stored as %q, want the date serial 45356", raw)
	}
	if _, custom := numFmtOf(t, f, sheet, "C2"); custom != "yyyy-mm-dd" {
		t.Errorf("C2 number format = %q, want yyyy-mm-dd", custom)
	}
	if _, custom := numFmtOf(t, f, sheet, "D2"); custom != "0.00" {
		t.Errorf("D2 number format = %q, want 0.00", custom)
	}
	if v, _ := f.GetCellValue(sheet, "D2"); v != "6.70" {
		t.Errorf("D2 shows %q, want 6.70", v)
	}
	for _, cell := range []string{"A2", "E2", "E3"} {
		if id, _ := numFmtOf(t, f, sheet, cell); id != 49 {
			t.Errorf("%s number format = %d, want 49 (text)", cell, id)
		}
	}
	sid, _ := f.GetCellStyle(sheet, "F2")
	if st, _ := f.GetStyle(sid); st == nil || st.Alignment == nil || !st.Alignment.WrapText {
		t.Errorf("F2 (two lines) does not wrap: %+v", st)
	}
	hid, _ := f.GetCellStyle(sheet, "A1")
	if st, _ := f.GetStyle(hid); st == nil || st.Font == nil || !st.Font.Bold {
		t.Errorf("header is not bold")
	}
	if w, _ := f.GetColWidth(sheet, "D"); w < float64(len("experience_years"))*1.2 {
		t.Errorf("column D width %v cuts the bold header off", w)
	}
	panes, err := f.GetPanes(sheet)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	pl, err := f.GetPageLayout(sheet)
	if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("page layout = %+v %v, want landscape fitted to one page wide", pl, err)
	}
	if props, err := f.GetSheetProps(sheet); err != nil || props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("fit to page not set: %v", err)
	}
	titles := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet && strings.HasSuffix(dn.RefersTo, "!$1:$1") {
			titles = true
		}
	}
	if !titles {
		t.Errorf("header row not repeated on printed pages: %+v", f.GetDefinedName())
	}
	tb, err := ReadTable("x.xlsx", bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if strings.Join(tb.Rows[i].Cells, "|") != strings.Join(r, "|") {
			t.Errorf("row %d reads back %q, want %q", i, tb.Rows[i].Cells, r)
		}
	}
}

// BenchmarkWriteXLSXAttendance measures a 50,000-row attendance export
// (dates as date cells, numbers as numbers, ids as text).
func BenchmarkWriteXLSXAttendance(b *testing.B) {
	header := []string{"employee_no", "date", "status", "late_minutes", "early_leave_minutes"}
	rows := make([][]string, 50000)
	for i := range rows {
		rows[i] = []string{fmt.Sprintf("%05d", i%500), fmt.Sprintf("2024-%02d-%02d", i%12+1, i%28+1), "present", fmt.Sprint(i % 30), "0"}
	}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteXLSX(&buf, "attendance", header, rows, true); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes/file")
	}
}
