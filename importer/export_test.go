package importer

import (
	"bytes"
	"encoding/csv"
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
	// cells, codes with leading zeros and dates stay text; formulas are
	// neutralised text, never formulas; the file reads back unchanged.
	header := []string{"employee_no", "n", "x", "d"}
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
	numeric := map[string]bool{"A2": false, "B2": true, "C2": false, "D2": false, "A3": true}
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
