package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sullam/models"
	"sullam/store"
)

// Rule (spec/cli.md `template`): `template KIND --lang ar|en --out F.xlsx`
// writes an empty import template; the agents template, filled in by hand,
// imports with `import agents`; the reviews template has a column per
// active competency; bad usage exits 2 and writes nothing.
func TestTemplateCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "t.db")
	agents := filepath.Join(dir, "agents.xlsx")
	if code, _, errs := run(t, db, nil, "template", "agents", "--lang", "en", "--out", agents); code != ExitOK {
		t.Fatalf("template agents: %d %s", code, errs)
	}
	f, err := excelize.OpenFile(agents)
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	hdr, err := f.GetRows(sheet)
	if err != nil || len(hdr) != 1 || strings.Join(hdr[0], ",") != "employee_no,full_name,hire_date,role,role_start_date,supervisor_no,team,status,email,phone" {
		t.Fatalf("template rows = %q %v", hdr, err)
	}
	for cell, v := range map[string]any{"A2": "0042", "B2": "Mona Ali", "C2": time.Date(2020, 1, 5, 0, 0, 0, 0, time.UTC),
		"D2": "csr", "E2": time.Date(2021, 2, 1, 0, 0, 0, 0, time.UTC), "J2": "+966501234567"} {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	if code, _, errs := run(t, db, nil, "import", "agents", agents); code != ExitOK || !strings.Contains(errs, "1 inserted") {
		t.Fatalf("import filled template: %d %s", code, errs)
	}
	code, out, errs := run(t, db, nil, "export", "agents")
	if code != ExitOK || !strings.Contains(out, "0042,Mona Ali,2020-01-05,csr,2021-02-01,,,active,,+966501234567") {
		t.Errorf("export after import: %d %q %s", code, out, errs)
	}

	reviews := filepath.Join(dir, "reviews.xlsx")
	if code, _, errs := run(t, db, nil, "template", "reviews", "--out", reviews); code != ExitOK {
		t.Fatalf("template reviews: %d %s", code, errs)
	}
	rf, err := excelize.OpenFile(reviews)
	if err != nil {
		t.Fatal(err)
	}
	defer rf.Close()
	rows, _ := rf.GetRows(rf.GetSheetList()[0])
	if len(rows) != 1 || rows[0][0] != "الرقم الوظيفي" || len(rows[0]) <= 5 {
		t.Errorf("reviews template header = %q, want Arabic names and competency columns", rows)
	}

	// The seeded database has one audit form (CS-STD-1): its items are columns.
	audits := filepath.Join(dir, "audits.xlsx")
	if code, _, errs := run(t, db, nil, "template", "audits", "--lang", "en", "--out", audits); code != ExitOK {
		t.Fatalf("template audits: %d %s", code, errs)
	}
	af, err := excelize.OpenFile(audits)
	if err != nil {
		t.Fatal(err)
	}
	defer af.Close()
	rows, _ = af.GetRows(af.GetSheetList()[0])
	if len(rows) != 1 || len(rows[0]) <= 7 || rows[0][len(rows[0])-1] != "notes" {
		t.Errorf("audits template header = %q, want the form's items before notes", rows)
	}

	bad := filepath.Join(dir, "bad.xlsx")
	for _, args := range [][]string{
		{"template"},
		{"template", "agents"},
		{"template", "nope", "--out", bad},
		{"template", "agents", "--lang", "fr", "--out", bad},
		{"template", "agents", "--out", filepath.Join(dir, "bad.csv")},
		{"template", "agents", "--form", "X", "--out", bad},
		{"template", "audits", "--form", "CS-STD-1", "--out", bad}, // no such flag in spec/cli.md
	} {
		if code, _, _ := run(t, db, nil, args...); code != ExitUsage {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if _, err := os.Stat(bad); err == nil {
		t.Errorf("bad usage wrote %s", bad)
	}
}

// Rule (spec/cli.md `template KIND [--lang ar|en] --out FILE.xlsx`, no other
// flag; import-formats.md audits: one column per item code of the form):
// with several audit forms, the audits template has one sheet per form,
// named by its code, with that form's items as columns; the sheet filled in
// (here the second) is the one imported, named in the result.
func TestTemplateAuditsSheetPerForm(t *testing.T) {
	db, dir := importFixture(t)
	st := openStore(t, db)
	_, err := st.Work().SaveAuditForm(t.Context(), store.SystemActor("test"), models.AuditForm{Code: "CHAT-1", NameEn: "Chat", NameAr: "محادثة",
		Items: []models.AuditFormItem{{Code: "HELLO", TextEn: "Greets", Weight: 1}, {Code: "SOLVED", TextEn: "Solves", Weight: 2}}})
	st.Close()
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "audits.xlsx")
	if code, _, errs := run(t, db, nil, "template", "audits", "--lang", "en", "--out", out); code != ExitOK {
		t.Fatalf("template audits: %d %s", code, errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(f.GetSheetList(), ","); got != "CHAT-1,CS-STD-1" {
		t.Fatalf("sheets %s, want one per form: CHAT-1,CS-STD-1", got)
	}
	chat, _ := f.GetRows("CHAT-1")
	if len(chat) != 1 || strings.Join(chat[0], ",") != "audit_ref,employee_no,audit_date,channel,form_code,auditor,HELLO,SOLVED,notes" {
		t.Fatalf("CHAT-1 header %q", chat)
	}
	std, _ := f.GetRows("CS-STD-1")
	if len(std) != 1 || !strings.Contains(strings.Join(std[0], ","), ",GREETING,") || strings.Contains(strings.Join(std[0], ","), "HELLO") {
		t.Fatalf("CS-STD-1 header %q", std)
	}
	row := []any{"A-9", "E1", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), "phone", "CS-STD-1", "Sara"}
	for range len(std[0]) - 7 {
		row = append(row, "pass")
	}
	if err := f.SetSheetRow("CS-STD-1", "A2", &row); err != nil {
		t.Fatal(err)
	}
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	code, _, errs := run(t, db, nil, "import", "audits", out)
	if code != ExitOK || !strings.Contains(errs, `read as sheet "CS-STD-1"`) || !strings.Contains(errs, "1 inserted") {
		t.Errorf("import the filled second sheet: %d %s", code, errs)
	}
}
