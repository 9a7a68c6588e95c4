package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"sullam/models"
	"sullam/scoring"
)

// Rule (issue 12): the promotion board spreadsheet has one row per agent
// with separate columns for the status code and its words, the eligibility
// date as a date cell (yyyy-mm-dd), years in role, cumulative and required
// next as numbers shown with 2 decimals (96.70 stays 96.70), required next
// empty when not applicable, and a note (out of reach); it prints on
// landscape pages fitted to the width, right to left in Arabic.
func TestBoardXLSXColumns(t *testing.T) {
	rows := []BoardRow{
		{EmployeeNo: "0007", FullName: "Mona", Team: "A", RoleName: "CSR", NextRoleName: "Coordinator",
			Readiness: scoring.Readiness{Status: models.NotEligible, EligibleOn: models.NewDate(2027, 4, 9),
				YearsInRole: 170, Counted: []scoring.YearResult{{Year: 2025, Complete: true, Score: 9670}},
				Cumulative: 9670, HasCumulative: true, RequiredNext: 10817, HasRequiredNext: true, OutOfReach: true}},
		{EmployeeNo: "1000", FullName: "Ali", RoleName: "CSR", NextRoleName: "Coordinator",
			Readiness: scoring.Readiness{Status: models.Ready, EligibleOn: models.NewDate(2024, 1, 2), YearsInRole: 412,
				Cumulative: 9250, HasCumulative: true}},
	}
	for _, lang := range []string{"en", "ar"} {
		tr, err := NewTranslator(lang)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteBoardXLSX(&buf, tr, models.NewDate(2026, 1, 1), rows); err != nil {
			t.Fatal(err)
		}
		f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		got, err := f.GetRows(sheet)
		if err != nil || len(got) != 3 {
			t.Fatalf("%s: rows = %q %v, want a header and 2 agents", lang, got, err)
		}
		if strings.Join(got[0], "|") != strings.Join(BoardSheetHeader(tr), "|") {
			t.Errorf("%s: header = %q", lang, got[0])
		}
		col := map[string]int{}
		for i, h := range BoardSheetHeader(tr) {
			col[h] = i
		}
		cell := func(key string, row int) string {
			name, _ := excelize.CoordinatesToCellName(col[tr.T(key)]+1, row)
			return name
		}
		r1 := got[1]
		if r1[col[tr.T("report.status_code")]] != "not_eligible" || r1[col[tr.T("report.status")]] != tr.T("readiness.not_eligible") {
			t.Errorf("%s: status columns = %q", lang, r1)
		}
		if v := r1[col[tr.T("report.eligible_from")]]; v != "2027-04-09" {
			t.Errorf("%s: eligible from shows %q", lang, v)
		}
		if raw, _ := f.GetCellValue(sheet, cell("report.eligible_from", 2), excelize.Options{RawCellValue: true}); raw != "46486" {
			t.Errorf("%s: eligible from stored %q, want the date serial 46486", lang, raw)
		}
		if v := r1[col[tr.T("report.cumulative")]]; v != "96.70" {
			t.Errorf("%s: cumulative shows %q, want 96.70", lang, v)
		}
		for _, key := range []string{"report.cumulative", "report.required_next", "report.years_in_role"} {
			c := cell(key, 2)
			typ, _ := f.GetCellType(sheet, c)
			if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
				t.Errorf("%s: %s (%s) type %v, want a number", lang, key, c, typ)
			}
			sid, _ := f.GetCellStyle(sheet, c)
			if st, _ := f.GetStyle(sid); st == nil || st.CustomNumFmt == nil || *st.CustomNumFmt != "0.00" {
				t.Errorf("%s: %s not shown with 2 decimals", lang, key)
			}
		}
		if v := r1[col[tr.T("report.required_next")]]; v != "108.17" {
			t.Errorf("%s: required next = %q", lang, v)
		}
		if v := r1[col[tr.T("report.note")]]; v != tr.T("report.out_of_reach") {
			t.Errorf("%s: note = %q", lang, v)
		}
		if v, _ := f.GetCellValue(sheet, cell("report.required_next", 3)); v != "" {
			t.Errorf("%s: required next of a ready agent = %q, want empty", lang, v)
		}
		pl, err := f.GetPageLayout(sheet)
		if err != nil || pl.Orientation == nil || *pl.Orientation != "landscape" || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
			t.Errorf("%s: page layout %+v %v", lang, pl, err)
		}
		view, _ := f.GetSheetView(sheet, 0)
		if rtl := view.RightToLeft != nil && *view.RightToLeft; rtl != (lang == "ar") {
			t.Errorf("%s: right to left = %v", lang, rtl)
		}
		f.Close()
	}
}
