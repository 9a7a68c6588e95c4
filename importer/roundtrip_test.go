package importer

import (
	"bytes"
	"reflect"
	"testing"

	"sullam/models"
)

func intp(n int) *int { return &n }

// Sample rows of every kind, with Arabic text, line breaks, formula-like
// text, codes with leading zeros and numbers, to go through an export and
// back.
var (
	sampleAgents = []models.Agent{
		{ID: 1, EmployeeNo: "E1000", FullName: "أحمد الدوسري", HireDate: models.MustDate("2022-03-01"), Role: "team_lead",
			RoleStartDate: models.MustDate("2023-01-01"), Team: "=A", Status: models.Active, Email: "ahmad@example.com", Phone: "+966501234567"},
		{ID: 2, EmployeeNo: "0042", FullName: "Lina العتيبي", HireDate: models.MustDate("2021-12-31"), Role: "csr",
			RoleStartDate: models.MustDate("2021-12-31"), SupervisorID: new(uint), Status: models.Inactive, Phone: "+966501234567"},
		{ID: 3, EmployeeNo: "1000", FullName: "-Omar", HireDate: models.MustDate("2020-02-29"), Role: "cx_manager",
			RoleStartDate: models.MustDate("2024-02-29"), Status: models.Active, Team: "12"},
	}
	sampleAttendance = []models.AttendanceRow{
		{EmployeeNo: "E1000", Day: models.AttendanceDay{Date: models.MustDate("2024-03-05"), Status: models.Present, LateMinutes: 15}},
		{EmployeeNo: "E1000", Day: models.AttendanceDay{Date: models.MustDate("2024-03-06"), Status: models.Leave, EarlyLeaveMinutes: 120}},
		{EmployeeNo: "0042", Day: models.AttendanceDay{Date: models.MustDate("2024-03-05"), Status: models.Holiday}},
	}
	sampleAudits = []models.AuditRow{
		{EmployeeNo: "E1000", FormCode: "CS-STD-1", Audit: models.Audit{Ref: "AUD-000001", AuditDate: models.MustDate("2024-03-05"),
			Channel: models.InPerson, Auditor: "QA team", Notes: "- rude\n- late"},
			Answers: map[string]models.Answer{"GREETING": models.Pass, "NEEDS": models.NA, "CLOSING": models.Fail}},
		{EmployeeNo: "0042", FormCode: "CS-STD-1", Audit: models.Audit{Ref: "=AUD-2", AuditDate: models.MustDate("2024-03-06"),
			Channel: models.Email}, Answers: map[string]models.Answer{"GREETING": models.NA, "NEEDS": models.Pass, "CLOSING": models.Pass}},
	}
	sampleWeekly = []models.WeeklyRow{
		{EmployeeNo: "E1000", Report: models.WeeklyReport{WeekStart: models.MustDate("2024-03-03"), SubmittedOn: models.MustDate("2024-03-07"),
			Rating: intp(3), Interactions: intp(0), Summary: "أسبوع عمل، تمت معالجة الطلبات\nسطر ثانٍ"}},
		{EmployeeNo: "E1000", Report: models.WeeklyReport{WeekStart: models.MustDate("2024-03-10"), SubmittedOn: models.MustDate("2024-03-10")}},
	}
	sampleReviews = []models.ReviewRow{
		{EmployeeNo: "E1000", ReviewerNo: "0042", Review: models.Review{ReviewDate: models.MustDate("2024-03-28"), Period: "2024-Q1", Comments: "@team: good"},
			Ratings: map[string]int{"COMMUNICATION": 5, "PROBLEM_SOLVING": 1}},
		{EmployeeNo: "0042", Review: models.Review{ReviewDate: models.MustDate("2024-06-28")},
			Ratings: map[string]int{"COMMUNICATION": 3, "PROBLEM_SOLVING": 4}},
	}
	sampleCandidates = []models.CandidateRow{
		{JobCode: "CSR", Candidate: models.Candidate{FullName: "سارة", Email: "sara@example.com", Phone: "+966500000000",
			AppliedOn: models.MustDate("2026-01-05"), Education: "بكالوريوس", ExperienceYears: "2.5", Languages: "ar,en", Source: "referral", Notes: "+ bilingual"}},
		{JobCode: "CSO", Candidate: models.Candidate{FullName: "Omar", AppliedOn: models.MustDate("2026-01-06"), ExperienceYears: "10"}},
	}
	sampleQuestions = []models.Question{
		{Code: "Q01", CategoryCode: "past_experience", TextAr: "حدثنا عن موقف صعب مع عميل.", TextEn: "Tell us about a hard customer.",
			Competency: "communication", Guide1Ar: "لا مثال", Guide1En: "No example", Guide3Ar: "مثال عام", Guide3En: "A general example",
			Guide5Ar: "مثال محدد\nونتيجة", Guide5En: "A specific example\nand a result"},
		{Code: "007", CategoryCode: "quality", TextAr: "س", TextEn: "=Q", Competency: "culture_fit", Retired: true},
	}
	sampleJobs = []models.JobDescription{
		{Code: "CSR", TitleAr: "ممثل خدمة عملاء", TitleEn: "Customer Service Representative", LadderRole: "csr", LocationAr: "الرياض",
			LocationEn: "Riyadh", PurposeAr: "تقديم الدعم", PurposeEn: "Provide support.",
			ResponsibilitiesAr: "الرد على الاستفسارات\nحل المشكلات", ResponsibilitiesEn: "- Answer enquiries\n- Solve problems",
			QualificationsAr: "بكالوريوس", QualificationsEn: "A degree", SkillsAr: "التواصل", SkillsEn: "Communication\nPatience"},
		{Code: "CSO", TitleAr: "منسق", TitleEn: "Coordinator", LadderRole: "coordinator", Archived: true},
	}
)

// roundTrip writes header and rows as CSV or XLSX and reads them back.
func roundTrip(t *testing.T, format string, e exported) *Table {
	t.Helper()
	var data []byte
	if format == "csv" {
		data = csvFile(t, e.header, e.rows)
	} else {
		data = xlsxFile(t, e.header, e.rows)
	}
	tb, err := ReadTable("export."+format, bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatalf("ReadTable: %v", err)
	}
	return tb
}

// clearLines zeroes Line and Present of parsed rows so they compare with the
// originals.
func clearLines[T any](rows []T) []T {
	for i := range rows {
		v := reflect.ValueOf(&rows[i]).Elem()
		v.FieldByName("Line").SetInt(0)
		if f := v.FieldByName("Present"); f.IsValid() {
			f.Set(reflect.Zero(f.Type()))
		}
	}
	return rows
}

func TestRoundTrip(t *testing.T) {
	// Rule: every kind, formatted → written (CSV and XLSX) → read → parsed,
	// gives the rows it started from, with no error.
	supervisorNo := map[uint]string{0: "E1000"}
	for _, format := range []string{"csv", "xlsx"} {
		t.Run(format, func(t *testing.T) {
			t.Run("agents", func(t *testing.T) {
				got, errs := ParseAgents(roundTrip(t, format, pipe(AgentsTable(sampleAgents, supervisorNo))))
				checkErrors(t, errs)
				if len(got) != len(sampleAgents) {
					t.Fatalf("got %d rows", len(got))
				}
				for i, a := range sampleAgents {
					want := a
					want.ID, want.SupervisorID = 0, nil
					wantSup := ""
					if a.SupervisorID != nil {
						wantSup = "E1000"
					}
					if !reflect.DeepEqual(got[i].Agent, want) || got[i].SupervisorNo != wantSup {
						t.Errorf("agent %d:\n got %+v %q\nwant %+v %q", i, got[i].Agent, got[i].SupervisorNo, want, wantSup)
					}
				}
			})
			t.Run("attendance", func(t *testing.T) {
				got, errs := ParseAttendance(roundTrip(t, format, pipe(AttendanceTable(sampleAttendance))))
				checkErrors(t, errs)
				compare(t, clearLines(got), sampleAttendance)
			})
			t.Run("audits", func(t *testing.T) {
				got, errs := ParseAudits(roundTrip(t, format, pipe(AuditsTable(sampleAudits, []string{"GREETING", "NEEDS", "CLOSING"}))))
				checkErrors(t, errs)
				compare(t, clearLines(got), sampleAudits)
			})
			t.Run("weekly", func(t *testing.T) {
				got, errs := ParseWeekly(roundTrip(t, format, pipe(WeeklyTable(sampleWeekly))))
				checkErrors(t, errs)
				compare(t, clearLines(got), sampleWeekly)
			})
			t.Run("reviews", func(t *testing.T) {
				got, errs := ParseReviews(roundTrip(t, format, pipe(ReviewsTable(sampleReviews, nil))))
				checkErrors(t, errs)
				compare(t, clearLines(got), sampleReviews)
			})
			t.Run("candidates", func(t *testing.T) {
				got, errs := ParseCandidates(roundTrip(t, format, pipe(CandidatesTable(sampleCandidates))))
				checkErrors(t, errs)
				compare(t, clearLines(got), sampleCandidates)
			})
			t.Run("questions", func(t *testing.T) {
				got, errs := ParseQuestions(roundTrip(t, format, pipe(QuestionsTable(sampleQuestions))))
				checkErrors(t, errs)
				var qs []models.Question
				for _, r := range got {
					qs = append(qs, r.Question)
				}
				compare(t, qs, sampleQuestions)
			})
			t.Run("jobs", func(t *testing.T) {
				got, errs := ParseJobs(roundTrip(t, format, pipe(JobsTable(sampleJobs))))
				checkErrors(t, errs)
				var js []models.JobDescription
				for _, r := range got {
					js = append(js, r.Job)
				}
				compare(t, js, sampleJobs)
			})
		})
	}
}

// exported is a formatter's result.
type exported struct {
	header []string
	rows   [][]string
}

// pipe wraps a formatter's two results into one value.
func pipe(header []string, rows [][]string) exported { return exported{header, rows} }

func compare[T any](t *testing.T, got, want []T) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d rows, want %d", len(got), len(want))
	}
	for i := range want {
		if !reflect.DeepEqual(got[i], want[i]) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, got[i], want[i])
		}
	}
}

func TestAuditsTableCodes(t *testing.T) {
	// Rule: without item codes, the columns are the answered codes, sorted,
	// before notes; a missing answer is empty.
	rows := []models.AuditRow{{Answers: map[string]models.Answer{"B": models.Pass}}, {Answers: map[string]models.Answer{"A": models.Fail}}}
	header, cells := AuditsTable(rows, nil)
	if got := header[6:]; !reflect.DeepEqual(got, []string{"A", "B", "notes"}) {
		t.Errorf("header tail = %q", got)
	}
	if cells[0][6] != "" || cells[0][7] != "pass" || cells[1][6] != "fail" {
		t.Errorf("cells = %q", cells)
	}
}
