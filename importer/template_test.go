package importer

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sullam/models"
)

// templateValues is one valid value for each column of every kind (and for
// the code columns the test gives audits and reviews).
var templateValues = map[string]any{
	"employee_no": "0042", "full_name": "منى علي", "hire_date": time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC),
	"role": "csr", "role_start_date": time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC), "supervisor_no": "0007",
	"team": "الرياض", "status": "active", "email": "m@example.com", "phone": "+966501234567",
	"date": time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), "late_minutes": 5, "early_leave_minutes": 0,
	"audit_ref": "A-001", "audit_date": time.Date(2024, 3, 6, 0, 0, 0, 0, time.UTC), "channel": "phone",
	"form_code": "CS-STD-1", "auditor": "Sara", "notes": "ok",
	"week_start": time.Date(2024, 3, 3, 0, 0, 0, 0, time.UTC), "submitted_on": time.Date(2024, 3, 7, 0, 0, 0, 0, time.UTC),
	"rating": 4, "interactions": 120, "summary": "good week",
	"review_date": time.Date(2024, 6, 30, 0, 0, 0, 0, time.UTC), "period": "2024-Q2", "reviewer_no": "0007",
	"comments": "steady", "job_code": "CSR-1", "applied_on": time.Date(2024, 5, 1, 0, 0, 0, 0, time.UTC),
	"education": "BA", "experience_years": 2.5, "languages": "ar,en", "source": "referral",
	"code": "Q-1", "category": "technical", "text_ar": "سؤال", "text_en": "A question", "competency": "communication",
	"retired": "false", "title_ar": "ممثل خدمة", "title_en": "Service rep", "ladder_role": "csr", "archived": "false",
	"OPEN": "pass", "CLOSE": "fail", "COMM": 4, "TONE": 5,
}

func templateCodes(kind models.ImportKind) []string {
	switch kind {
	case models.KindAudits:
		return []string{"OPEN", "CLOSE"}
	case models.KindReviews:
		return []string{"COMM", "TONE"}
	}
	return nil
}

func TestTemplatesFilledInImport(t *testing.T) {
	// Rule (issue 12): each kind's template, in Arabic and in English, filled
	// in with one valid row (cells written as a person's spreadsheet would:
	// dates as dates, numbers as numbers), reads and parses with no error,
	// every column of the kind in it.
	for _, kind := range models.ImportKinds {
		for _, lang := range []string{"ar", "en"} {
			t.Run(string(kind)+"/"+lang, func(t *testing.T) {
				var buf bytes.Buffer
				codes := templateCodes(kind)
				if err := WriteTemplate(&buf, kind, lang, codes); err != nil {
					t.Fatal(err)
				}
				f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
				if err != nil {
					t.Fatal(err)
				}
				sheet := f.GetSheetList()[0]
				header, _ := TemplateHeader(kind, lang, codes)
				if len(header) != len(Columns(kind))+len(codes) {
					t.Fatalf("header %q lacks columns", header)
				}
				for i, h := range header {
					col := h
					if !slices.Contains(codes, h) {
						var ok bool
						if col, ok = columnName(kinds[kind], h); !ok {
							t.Fatalf("header %q is not a column of %s", h, kind)
						}
					}
					v, ok := templateValues[col]
					switch {
					case kind == models.KindAttendance && col == "status":
						v = "present"
					case !ok && (strings.HasSuffix(col, "_ar") || strings.HasSuffix(col, "_en")):
						v, ok = "نص text", true
					}
					if !ok {
						t.Fatalf("no test value for %s", col)
					}
					cell, _ := excelize.CoordinatesToCellName(i+1, 2)
					if err := f.SetCellValue(sheet, cell, v); err != nil {
						t.Fatal(err)
					}
				}
				var filled bytes.Buffer
				if err := f.Write(&filled); err != nil {
					t.Fatal(err)
				}
				f.Close()
				tb, err := ReadTableWith("template.xlsx", bytes.NewReader(filled.Bytes()), int64(filled.Len()), Options{Kind: kind})
				if err != nil {
					t.Fatalf("read: %v", err)
				}
				if len(tb.Rows) != 1 {
					t.Fatalf("rows = %d, want 1", len(tb.Rows))
				}
				if _, errs := Parse(kind, tb); len(errs) > 0 {
					t.Errorf("filled-in template does not import: %+v (row %q)", errs, tb.Rows[0].Cells)
				}
			})
		}
	}
}

func TestTemplateFormatsAndLists(t *testing.T) {
	// Rules: Arabic template headers are the Arabic names the importer
	// accepts and the sheet is right to left; code columns have drop-down
	// lists; date columns are formatted yyyy-mm-dd; employee numbers and
	// phones are formatted as text; the header is frozen.
	var buf bytes.Buffer
	if err := WriteTemplate(&buf, models.KindAgents, "ar", nil); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "A1"); v != "الرقم الوظيفي" {
		t.Errorf("A1 = %q, want the Arabic name of employee_no", v)
	}
	if view, err := f.GetSheetView(sheet, 0); err != nil || view.RightToLeft == nil || !*view.RightToLeft {
		t.Errorf("not right to left")
	}
	// agents: A employee_no, C hire_date, D role, H status, J phone.
	colFmt := func(col string) (int, string) {
		id, err := f.GetColStyle(sheet, col)
		if err != nil {
			t.Fatal(err)
		}
		st, err := f.GetStyle(id)
		if err != nil {
			t.Fatal(err)
		}
		custom := ""
		if st.CustomNumFmt != nil {
			custom = *st.CustomNumFmt
		}
		return st.NumFmt, custom
	}
	if id, _ := colFmt("A"); id != 49 {
		t.Errorf("employee_no column format %d, want text (49)", id)
	}
	if id, _ := colFmt("J"); id != 49 {
		t.Errorf("phone column format %d, want text (49)", id)
	}
	if _, custom := colFmt("C"); custom != "yyyy-mm-dd" {
		t.Errorf("hire_date column format %q, want yyyy-mm-dd", custom)
	}
	dvs, err := f.GetDataValidations(sheet)
	if err != nil {
		t.Fatal(err)
	}
	lists := map[string]string{}
	for _, dv := range dvs {
		lists[strings.SplitN(dv.Sqref, ":", 2)[0]] = dv.Formula1
	}
	if !strings.Contains(lists["D2"], "team_lead") || !strings.Contains(lists["H2"], "inactive") {
		t.Errorf("role/status lists = %q", lists)
	}
	if panes, err := f.GetPanes(sheet); err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
}

// TestAuditsTemplateSheetPerForm checks the audits template of several forms
// (one sheet per form, its items as columns, form_code's list that form
// only) and the reading of it: the first sheet with the audits header that
// holds rows is read, passing over an empty one before it; when none holds
// rows, the first is (and gives no row).
func TestAuditsTemplateSheetPerForm(t *testing.T) {
	var buf bytes.Buffer
	forms := []AuditForm{{Code: "A-1", Items: []string{"OPEN", "CLOSE"}}, {Code: "B-1", Items: []string{"HELLO"}}}
	if err := WriteAuditsTemplate(&buf, "en", forms); err != nil {
		t.Fatal(err)
	}
	if err := WriteAuditsTemplate(&buf, "en", nil); err == nil {
		t.Error("a template without any form: no error")
	}
	read := func(data []byte) (*Table, error) {
		return ReadTableWith("audits.xlsx", bytes.NewReader(data), int64(len(data)), Options{Kind: models.KindAudits})
	}
	tb, err := read(buf.Bytes())
	if err != nil || tb.Sheet != "A-1" || len(tb.Rows) != 0 {
		t.Fatalf("empty template: sheet %q, %v", tb.Sheet, err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "A-1,B-1" {
		t.Errorf("sheets %s", got)
	}
	dvs, _ := f.GetDataValidations("B-1")
	var lists []string
	for _, dv := range dvs {
		lists = append(lists, dv.Formula1)
	}
	if !slices.ContainsFunc(lists, func(s string) bool { return strings.Contains(s, "B-1") && !strings.Contains(s, "A-1") }) {
		t.Errorf("B-1 lists %q: want form_code's list holding B-1 only", lists)
	}
	row := []any{"R1", "E1", "2024-03-05", "chat", "B-1", "", "pass", ""}
	if err := f.SetSheetRow("B-1", "A2", &row); err != nil {
		t.Fatal(err)
	}
	var filled bytes.Buffer
	if err := f.Write(&filled); err != nil {
		t.Fatal(err)
	}
	tb, err = read(filled.Bytes())
	if err != nil || tb.Sheet != "B-1" || len(tb.Rows) != 1 {
		t.Fatalf("filled second sheet: read sheet %q, %v", tb.Sheet, err)
	}
	rows, errs := ParseAudits(tb)
	if len(errs) > 0 || len(rows) != 1 || rows[0].FormCode != "B-1" || rows[0].Answers["HELLO"] != models.Pass {
		t.Errorf("rows %+v, errors %v", rows, errs)
	}
}
