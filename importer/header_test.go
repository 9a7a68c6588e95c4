package importer

import (
	"slices"
	"strings"
	"testing"

	"sullam/models"
)

func TestHeader(t *testing.T) {
	tests := []struct {
		rule string
		kind models.ImportKind
		text string
		rows int
		errs []string
	}{
		{"names are matched case-insensitively and trimmed",
			models.KindAttendance, " Employee_No ,DATE,Status\nE1,2024-03-05,present\n", 1, nil},
		{"the order of columns is free",
			models.KindAttendance, "status,date,employee_no\npresent,2024-03-05,E1\n", 1, nil},
		{"optional columns may be absent or present",
			models.KindAttendance, "employee_no,date,status,early_leave_minutes\nE1,2024-03-05,present,5\n", 1, nil},
		{"an unknown column is an error, with a suggestion for a typo",
			models.KindAttendance, "employee_no,date,status,late_minuts\nE1,2024-03-05,present,5\n", 0,
			[]string{"1 late_minuts: unknown column: did you mean late_minutes?"}},
		{"an unknown column far from any name lists the columns",
			models.KindAttendance, "employee_no,date,status,colour\nE1,2024-03-05,present,red\n", 0,
			[]string{"1 colour: unknown column: the columns are employee_no, date, status, late_minutes, early_leave_minutes"}},
		{"every missing required column is an error",
			models.KindAttendance, "employee_no\nE1\n", 0,
			[]string{"1 date: required column is missing", "1 status: required column is missing"}},
		{"a duplicate column is an error, whatever its case",
			models.KindAttendance, "employee_no,date,status,Date\nE1,2024-03-05,present,2024-03-06\n", 0,
			[]string{"1 date: duplicate column: columns 2 and 4"}},
		{"an unnamed empty column is ignored",
			models.KindAttendance, "employee_no,date,status,\nE1,2024-03-05,present,\n", 1, nil},
		{"an unnamed column holding values is an error",
			models.KindAttendance, "employee_no,,date,status\nE1,x,2024-03-05,present\n", 0,
			[]string{"1 : column 2 has values but no name"}},
		{"a semicolon-separated file is read (the separator is detected from the header line)",
			models.KindAttendance, "employee_no;date;status\nE1;2024-03-05;present\n", 1, nil},
		{"header errors are all reported, and row errors are not",
			models.KindAgents, "employee_no,Full_Name,hire_date,rol,role_start_date,full_name\nE1,,bad,x,bad,\n", 0,
			[]string{"1 rol: unknown column: did you mean role?", "1 full_name: duplicate column", "1 role: required column is missing"}},
		{"audits need at least one item column",
			models.KindAudits, "audit_ref,employee_no,audit_date,channel,form_code\nA1,E1,2024-03-05,chat,CS-STD-1\n", 0,
			[]string{"1 : no item columns: add one column per item code of the audit form"}},
		{"reviews need at least one competency column",
			models.KindReviews, "employee_no,review_date,comments\nE1,2024-03-05,ok\n", 0,
			[]string{"1 : no competency columns"}},
		{"a duplicate item column is an error",
			models.KindAudits, "audit_ref,employee_no,audit_date,channel,form_code,greeting,GREETING\nA1,E1,2024-03-05,chat,CS-STD-1,pass,pass\n", 0,
			[]string{"1 greeting: duplicate column: columns 6 and 7"}},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			rows, errs := Parse(tc.kind, readCSVText(t, tc.text))
			checkErrors(t, errs, tc.errs...)
			if n := lenRows(rows); n != tc.rows {
				t.Errorf("got %d rows, want %d", n, tc.rows)
			}
		})
	}
}

func lenRows(rows any) int {
	switch r := rows.(type) {
	case []models.AgentRow:
		return len(r)
	case []models.AttendanceRow:
		return len(r)
	case []models.AuditRow:
		return len(r)
	case []models.WeeklyRow:
		return len(r)
	case []models.ReviewRow:
		return len(r)
	case []models.CandidateRow:
		return len(r)
	case []models.QuestionRow:
		return len(r)
	case []models.JobRow:
		return len(r)
	}
	return 0
}

func TestParseUnknownKind(t *testing.T) {
	// Rule: an unknown kind is an error, not a panic.
	rows, errs := Parse("salaries", readCSVText(t, "a\n1\n"))
	if rows != nil || len(errs) != 1 || !strings.Contains(errs[0].Reason, "unknown import kind") {
		t.Fatalf("rows %v errs %v", rows, errs)
	}
}

func TestColumns(t *testing.T) {
	// Rule: the fixed columns of each kind are those the exports write (plus
	// the code columns of audits and reviews), and FORMATS.md and the spec
	// list them.
	spec := readDoc(t, "../../shared/spec/import-formats.md")
	formats := readDoc(t, "FORMATS.md")
	for _, kind := range models.ImportKinds {
		cols := Columns(kind)
		if len(cols) == 0 {
			t.Errorf("%s: no columns", kind)
			continue
		}
		header := exportHeader(kind)
		var names []string
		for _, c := range cols {
			names = append(names, c.Name)
			if !slices.Contains(header, c.Name) {
				t.Errorf("%s: the export has no column %s", kind, c.Name)
			}
		}
		for _, h := range header {
			if !slices.Contains(names, h) && h != "GREETING" && h != "COMMUNICATION" {
				t.Errorf("%s: the export writes an unknown column %s", kind, h)
			}
		}
		doc := formats
		if kind != models.KindQuestions && kind != models.KindJobs {
			doc = spec
		}
		if doc == "" {
			continue
		}
		section := docSection(doc, "## "+string(kind))
		for _, c := range cols {
			want := "| " + c.Name + " | no |"
			if c.Required {
				want = "| " + c.Name + " | yes |"
			}
			if !strings.Contains(section, want) {
				t.Errorf("%s: the documentation has no row %q", kind, want)
			}
		}
	}
}

func exportHeader(kind models.ImportKind) []string {
	var h []string
	switch kind {
	case models.KindAgents:
		h, _ = AgentsTable(nil, nil)
	case models.KindAttendance:
		h, _ = AttendanceTable(nil)
	case models.KindAudits:
		h, _ = AuditsTable(nil, []string{"GREETING"})
	case models.KindWeekly:
		h, _ = WeeklyTable(nil)
	case models.KindReviews:
		h, _ = ReviewsTable(nil, []string{"COMMUNICATION"})
	case models.KindCandidates:
		h, _ = CandidatesTable(nil)
	case models.KindQuestions:
		h, _ = QuestionsTable(nil)
	case models.KindJobs:
		h, _ = JobsTable(nil)
	}
	return h
}

// docSection returns the text from heading to the next "## " heading.
func docSection(doc, heading string) string {
	for _, part := range strings.Split(doc, "\n## ") {
		if strings.HasPrefix("## "+part, heading+"\n") || strings.HasPrefix("## "+part, heading+" ") {
			return part
		}
	}
	return ""
}
