package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

// importFixture makes a database with agent E1 and returns it and a folder.
func importFixture(t *testing.T) (db, dir string) {
	t.Helper()
	dir = t.TempDir()
	db = filepath.Join(dir, "x.db")
	p := filepath.Join(dir, "agents.csv")
	os.WriteFile(p, []byte("employee_no,full_name,hire_date,role,role_start_date\nE1,أحمد,2022-01-01,csr,2022-01-01\n"), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", p); code != 0 {
		t.Fatalf("agents: exit %d: %s", code, stderr)
	}
	return db, dir
}

// Rule (spec/cli.md, import-formats.md): text dates that are not YYYY-MM-DD
// are refused without --date-order in one grouped line naming the option,
// its rows and first value; with --date-order dmy they are read day first;
// --all-errors lists every row.
func TestImportDateOrderAndGroupedErrors(t *testing.T) {
	db, dir := importFixture(t)
	p := filepath.Join(dir, "attendance.csv")
	os.WriteFile(p, []byte("employee_no,date,status\nE1,1/11/2022,present\nE1,2/11/2022,present\nE1,3/11/2022,absent\n"), 0o600)
	code, _, stderr := run(t, db, nil, "import", "attendance", p)
	if code != ExitFail {
		t.Fatalf("exit %d, want 1: %s", code, stderr)
	}
	want := `attendance.csv: date: 3 rows (lines 2–4): "1/11/2022" is not YYYY-MM-DD; give the order of its day, month and year with --date-order dmy|mdy|ymd`
	if !strings.Contains(stderr, want) || strings.Count(stderr, "is not YYYY-MM-DD") != 1 || !strings.Contains(stderr, "3 bad rows") {
		t.Errorf("stderr does not hold the one grouped line\n%s\nwant %s", stderr, want)
	}
	_, _, all := run(t, db, nil, "import", "attendance", p, "--all-errors")
	if strings.Count(all, "is not YYYY-MM-DD") != 3 {
		t.Errorf("--all-errors does not list every row:\n%s", all)
	}
	code, _, stderr = run(t, db, nil, "import", "attendance", p, "--date-order", "dmy")
	if code != 0 || !strings.Contains(stderr, "3 inserted") {
		t.Fatalf("--date-order dmy: exit %d: %s", code, stderr)
	}
	if code, _, stderr := run(t, db, nil, "import", "attendance", p, "--date-order", "dym"); code != ExitUsage {
		t.Errorf("a bad --date-order: exit %d: %s", code, stderr)
	}
}

// Rule (import-formats.md): a Windows-1256, semicolon-separated file with a
// title above its header and Arabic column names imports, and the result
// says what was detected.
func TestImportDetectsEncodingSeparatorAndTitle(t *testing.T) {
	db, dir := importFixture(t)
	text := "كشف الحضور;;\n;;\nالرقم الوظيفي;التاريخ;الحالة\nE1;2024-03-05;present\n"
	data, err := charmap.Windows1256.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, "hr.csv")
	os.WriteFile(p, data, 0o600)
	code, _, stderr := run(t, db, nil, "import", "attendance", p)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if !strings.Contains(stderr, "hr.csv: read as Windows-1256, semicolon-separated; rows 1–2 skipped: title above the header") ||
		!strings.Contains(stderr, "1 inserted") {
		t.Errorf("stderr: %s", stderr)
	}
}

// Rule (issue 12): an unknown employee number that names an agent once its
// leading zeros are put back (Excel drops them) gets that hint.
func TestImportLeadingZerosHint(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	p := filepath.Join(dir, "agents.csv")
	os.WriteFile(p, []byte("employee_no,full_name,hire_date,role,role_start_date\n00123,أحمد,2022-01-01,csr,2022-01-01\n"), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", p); code != 0 {
		t.Fatalf("agents: exit %d: %s", code, stderr)
	}
	p = filepath.Join(dir, "attendance.csv")
	os.WriteFile(p, []byte("employee_no,date,status\n123,2024-03-05,present\n123,2024-03-06,present\n"), 0o600)
	code, _, stderr := run(t, db, nil, "import", "attendance", p)
	if code != ExitFail || !strings.Contains(stderr, `"123" is employee number 00123 with its leading zeros`) || !strings.Contains(stderr, "2 rows (lines 2–3)") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
}

// Rule (issue 12, hints): in every kind that names agents, an unknown
// employee number that is a stored one with its leading zeros dropped (as
// Excel drops them) is refused with the stored number named in the hint:
// employee_no of attendance, audits, weekly and reviews, supervisor_no of
// agents and reviewer_no of reviews.
func TestLeadingZerosHintEveryKind(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	p := filepath.Join(dir, "agents.csv")
	os.WriteFile(p, []byte("employee_no,full_name,hire_date,role,role_start_date\n00123,أحمد,2022-01-01,coordinator,2022-01-01\n0042,Sara,2022-01-01,csr,2022-01-01\n"), 0o600)
	if code, _, stderr := run(t, db, nil, "import", "agents", p); code != 0 {
		t.Fatalf("agents: exit %d: %s", code, stderr)
	}
	items := "GREETING,NEEDS,LISTENING,CLARITY,RESPONSE_TIME,PERSONAL,ACCURACY,RESOLUTION,PRIVACY,CLOSING"
	comps := "COMMUNICATION,PROBLEM_SOLVING,PATIENCE,TIME_MANAGEMENT,PRODUCT_KNOWLEDGE,TEAMWORK,POLICY,INITIATIVE"
	for _, tc := range []struct {
		kind, text, column string
	}{
		{"agents", "employee_no,full_name,hire_date,role,role_start_date,supervisor_no\nE9,Omar,2023-01-01,csr,2023-01-01,123\n", "supervisor_no"},
		{"attendance", "employee_no,date,status\n123,2024-03-05,present\n", "employee_no"},
		{"audits", "audit_ref,employee_no,audit_date,channel,form_code," + items + "\nA1,123,2024-03-05,chat,CS-STD-1,pass,pass,pass,pass,pass,pass,pass,pass,pass,pass\n", "employee_no"},
		{"weekly", "employee_no,week_start,submitted_on\n123,2024-03-03,2024-03-07\n", "employee_no"},
		{"reviews", "employee_no,review_date,reviewer_no," + comps + "\n123,2024-03-28,0042,4,4,4,4,4,4,4,4\n", "employee_no"},
		{"reviews", "employee_no,review_date,reviewer_no," + comps + "\n0042,2024-03-28,123,4,4,4,4,4,4,4,4\n", "reviewer_no"},
	} {
		p := filepath.Join(dir, tc.kind+".csv")
		os.WriteFile(p, []byte(tc.text), 0o600)
		code, _, stderr := run(t, db, nil, "import", tc.kind, p)
		if code != ExitFail || !strings.Contains(stderr, "column "+tc.column+`, value "123"`) ||
			!strings.Contains(stderr, `"123" is employee number 00123 with its leading zeros`) {
			t.Errorf("%s %s: exit %d, want 1 and the hint naming 00123:\n%s", tc.kind, tc.column, code, stderr)
		}
	}
}

// Rule (issue 12, hints; import-formats.md: unknown columns are an error):
// an extra audits column that looks like notes (REMARKS, filled on some
// rows, empty on others) is one header line saying the form has no such
// item and naming the notes column, not a "required" error on every row.
func TestAuditRemarksColumnHint(t *testing.T) {
	db, dir := importFixture(t)
	items := "GREETING,NEEDS,LISTENING,CLARITY,RESPONSE_TIME,PERSONAL,ACCURACY,RESOLUTION,PRIVACY,CLOSING"
	ok := "pass,pass,pass,pass,pass,pass,pass,pass,pass,pass"
	p := filepath.Join(dir, "audits.csv")
	os.WriteFile(p, []byte("audit_ref,employee_no,audit_date,channel,form_code,"+items+",REMARKS\n"+
		"A1,E1,2024-03-05,chat,CS-STD-1,"+ok+",\nA2,E1,2024-03-06,chat,CS-STD-1,"+ok+",called back\nA3,E1,2024-03-07,chat,CS-STD-1,"+ok+",\n"), 0o600)
	code, _, stderr := run(t, db, nil, "import", "audits", p)
	lines := strings.Split(strings.TrimSpace(stderr), "\n")
	want := `audits.csv: line 1, column remarks, value "REMARKS": column REMARKS is not an item of form CS-STD-1: no row answers it pass, fail or na; if it holds notes, name it notes`
	if code != ExitFail || len(lines) != 3 || lines[2] != want {
		t.Errorf("exit %d, stderr:\n%s\nwant last line\n%s", code, stderr, want)
	}
}
