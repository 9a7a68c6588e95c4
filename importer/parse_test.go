package importer

import (
	"strings"
	"testing"

	"sullam/models"
)

// parseCase is one rule checked on a small CSV file.
type parseCase struct {
	rule  string
	text  string   // the whole file
	errs  []string // "LINE COLUMN: reason text"
	check func(t *testing.T, rows any)
}

func runParseCases(t *testing.T, kind models.ImportKind, cases []parseCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.rule, func(t *testing.T) {
			rows, errs := Parse(kind, readCSVText(t, tc.text))
			checkErrors(t, errs, tc.errs...)
			if tc.check != nil {
				tc.check(t, rows)
			}
			if kind == models.KindAttendance {
				checkStreamSame(t, tc.text, rows.([]models.AttendanceRow), errs)
			}
		})
	}
}

const agentsHeader = "employee_no,full_name,hire_date,role,role_start_date"

func TestParseAgents(t *testing.T) {
	runParseCases(t, models.KindAgents, []parseCase{
		{rule: "a minimal row: status defaults to active, no optional column present",
			text: agentsHeader + "\nE1000,أحمد الدوسري,2022-03-01,csr,2022-03-01\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.AgentRow)[0]
				a := r.Agent
				if r.Line != 2 || a.EmployeeNo != "E1000" || a.FullName != "أحمد الدوسري" || a.HireDate != models.MustDate("2022-03-01") ||
					a.Role != "csr" || a.RoleStartDate != models.MustDate("2022-03-01") || a.Status != models.Active || len(r.Present) != 0 {
					t.Errorf("row = %+v", r)
				}
			}},
		{rule: "enumerations are matched case-insensitively after trimming and stored in lower case",
			text: agentsHeader + ",status\nE1, Lina ,2022-03-01, Team_Lead ,2022-03-01, INACTIVE \n",
			check: func(t *testing.T, rows any) {
				a := rows.([]models.AgentRow)[0].Agent
				if a.Role != "team_lead" || a.Status != models.Inactive || a.FullName != "Lina" {
					t.Errorf("agent = %+v", a)
				}
			}},
		{rule: "Present records the optional columns of the file, even when empty",
			text: agentsHeader + ",team,supervisor_no,email\nE1,x,2022-03-01,csr,2022-03-01,,E0,\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.AgentRow)[0]
				if !r.Present["team"] || !r.Present["supervisor_no"] || !r.Present["email"] || r.Present["status"] || r.Present["phone"] || r.SupervisorNo != "E0" {
					t.Errorf("row = %+v", r)
				}
			}},
		{rule: "Arabic-Indic and Persian digits are accepted in dates and identifiers",
			text: agentsHeader + "\nE١٠٠٠,x,٢٠٢٢-٠٣-٠١,csr,۲۰۲۳-۰۱-۰۱\n",
			check: func(t *testing.T, rows any) {
				a := rows.([]models.AgentRow)[0].Agent
				if a.EmployeeNo != "E1000" || a.HireDate.String() != "2022-03-01" || a.RoleStartDate.String() != "2023-01-01" {
					t.Errorf("agent = %+v", a)
				}
			}},
		{rule: "role must be a ladder code",
			text: agentsHeader + "\nE1,x,2022-03-01,boss,2022-03-01\n",
			errs: []string{"2 role: must be csr, coordinator, team_lead, cs_manager or cx_manager"}},
		{rule: "status must be active or inactive",
			text: agentsHeader + ",status\nE1,x,2022-03-01,csr,2022-03-01,gone\n",
			errs: []string{"2 status: must be active or inactive"}},
		{rule: "role_start_date is on or after hire_date",
			text: agentsHeader + "\nE1,x,2022-03-01,csr,2022-02-28\nE2,x,2022-03-01,csr,2022-03-01\n",
			errs: []string{"2 role_start_date: must be on or after hire_date (2022-03-01)"}},
		{rule: "dates are YYYY-MM-DD and real days",
			text: agentsHeader + "\nE1,x,01/03/2022,csr,2023-02-29\n",
			errs: []string{"2 hire_date: is not YYYY-MM-DD; give the order of its day, month and year with --date-order dmy|mdy|ymd", "2 role_start_date: no such date"}},
		{rule: "required values must not be empty",
			text: agentsHeader + "\n ,,2022-03-01,,2022-03-01\n",
			errs: []string{"2 employee_no: required", "2 full_name: required", "2 role: required"}},
		{rule: "employee_no twice in one file is an error, whatever its case",
			text: agentsHeader + "\nE1,x,2022-03-01,csr,2022-03-01\nE2,y,2022-03-01,csr,2022-03-01\ne1,z,2022-03-01,csr,2022-03-01\n",
			errs: []string{"4 employee_no: duplicate: line 2 has the same employee_no"}},
		{rule: "an agent cannot supervise themself",
			text: agentsHeader + ",supervisor_no\nE1,x,2022-03-01,csr,2022-03-01,E1\n",
			errs: []string{"2 supervisor_no: an agent cannot be their own supervisor"}},
		{rule: "an e-mail address needs one @",
			text: agentsHeader + ",email\nE1,x,2022-03-01,csr,2022-03-01,lina.example.com\nE2,x,2022-03-01,csr,2022-03-01,lina@example.com\n",
			errs: []string{"2 email: not an e-mail address"}},
	})
}

func TestEveryBadRowIsReported(t *testing.T) {
	// Rule: every bad row is reported with its own line, blank lines counted,
	// and the good rows are still parsed.
	text := "employee_no,date,status,late_minutes\n" +
		"E1,2024-03-03,present,0\n" +
		"E1,2024-03-04,sick,0\n" + // line 3
		"\n" +
		"E1,2024-03-05,present,0\n" +
		"E1,2024-13-01,present,0\n" + // line 6
		"\n\n" +
		"E1,2024-03-07,present,-5\n" + // line 9
		"E1,2024-03-08,present,0\n"
	rows, errs := ParseAttendance(readCSVText(t, text))
	checkErrors(t, errs,
		"3 status: must be present, absent, leave or holiday",
		"6 date: no such date",
		"9 late_minutes: must be 0 or more")
	if len(rows) != 3 || rows[0].Line != 2 || rows[1].Line != 5 || rows[2].Line != 10 {
		t.Errorf("rows = %+v", rows)
	}
}

func TestParseAttendance(t *testing.T) {
	h := "employee_no,date,status,late_minutes,early_leave_minutes\n"
	runParseCases(t, models.KindAttendance, []parseCase{
		{rule: "minutes default to 0 when empty",
			text: h + "E1,2024-03-05,Present,,\n",
			check: func(t *testing.T, rows any) {
				d := rows.([]models.AttendanceRow)[0].Day
				if d.Status != models.Present || d.LateMinutes != 0 || d.EarlyLeaveMinutes != 0 || d.Date.String() != "2024-03-05" {
					t.Errorf("day = %+v", d)
				}
			}},
		{rule: "Arabic-Indic digits, 3.0 and exponent notation are numbers",
			text: h + "E1,2024-03-05,present,٣٠,1.5E+01\nE1,2024-03-06,present,7.0,۱۲\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.AttendanceRow)
				if r[0].Day.LateMinutes != 30 || r[0].Day.EarlyLeaveMinutes != 15 || r[1].Day.LateMinutes != 7 || r[1].Day.EarlyLeaveMinutes != 12 {
					t.Errorf("rows = %+v", r)
				}
			}},
		{rule: "minutes are whole numbers ≥ 0",
			text: h + "E1,2024-03-05,present,-1,2.5\nE1,2024-03-06,present,abc,99999999999\nE1,2024-03-07,present,1,2\n",
			errs: []string{"2 late_minutes: must be 0 or more", "2 early_leave_minutes: not a whole number",
				"3 late_minutes: not a number", "3 early_leave_minutes: too large"}},
		{rule: "status is one of the four",
			text: h + "E1,2024-03-05,sick,,\n",
			errs: []string{"2 status: must be present, absent, leave or holiday"}},
		{rule: "the same (employee_no, date) twice is an error, employee_no in any case; other pairs are fine",
			text: h + "E1,2024-03-05,present,,\nE2,2024-03-05,present,,\nE1,2024-03-06,present,,\nE1,٢٠٢٤-٠٣-٠٥,absent,,\ne1,2024-03-06,absent,,\n",
			errs: []string{"5 date: duplicate: line 2 has the same employee_no and date", "6 date: duplicate: line 4 has the same employee_no and date"}},
	})
}

const auditsHeader = "audit_ref,employee_no,audit_date,channel,form_code,auditor,greeting,Needs,CLOSING,notes\n"

func TestParseAudits(t *testing.T) {
	runParseCases(t, models.KindAudits, []parseCase{
		{rule: "item columns are every non-fixed column, upper-cased; answers in any case",
			text: auditsHeader + "AUD-1,E1,2024-03-05,In_Person,CS-STD-1,QA team,PASS, Fail ,na,fine\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.AuditRow)[0]
				want := map[string]models.Answer{"GREETING": models.Pass, "NEEDS": models.Fail, "CLOSING": models.NA}
				if len(r.Answers) != 3 || r.Answers["GREETING"] != want["GREETING"] || r.Answers["NEEDS"] != want["NEEDS"] || r.Answers["CLOSING"] != want["CLOSING"] {
					t.Errorf("answers = %v", r.Answers)
				}
				if r.Audit.Ref != "AUD-1" || r.EmployeeNo != "E1" || r.FormCode != "CS-STD-1" || r.Audit.Channel != models.InPerson ||
					r.Audit.Auditor != "QA team" || r.Audit.Notes != "fine" || r.Audit.AuditDate.String() != "2024-03-05" {
					t.Errorf("row = %+v", r)
				}
			}},
		{rule: "answers are pass, fail or na, and never empty",
			text: auditsHeader + "AUD-1,E1,2024-03-05,chat,CS-STD-1,,yes,,pass,\nAUD-2,E1,2024-03-05,chat,CS-STD-1,,pass,pass,pass,\n",
			errs: []string{"2 GREETING: must be pass, fail or na", "2 NEEDS: required"}},
		{rule: "a row whose items are all na is an error",
			text: auditsHeader + "AUD-1,E1,2024-03-05,chat,CS-STD-1,,na,NA,na,\nAUD-2,E1,2024-03-05,chat,CS-STD-1,,na,na,fail,\n",
			errs: []string{"2 : every item is na"}},
		{rule: "channel is phone, email, chat or in_person",
			text: auditsHeader + "AUD-1,E1,2024-03-05,fax,CS-STD-1,,pass,pass,pass,\n",
			errs: []string{"2 channel: must be phone, email, chat or in_person"}},
		{rule: "audit_ref twice in one file is an error",
			text: auditsHeader + "AUD-1,E1,2024-03-05,chat,CS-STD-1,,pass,pass,pass,\nAUD-1,E2,2024-03-06,chat,CS-STD-1,,pass,pass,pass,\n",
			errs: []string{"3 audit_ref: duplicate: line 2 has the same audit_ref"}},
		{rule: "the fixed required columns must have values",
			text: auditsHeader + ",,,,,,pass,pass,pass,\n",
			errs: []string{"2 audit_ref: required", "2 employee_no: required", "2 audit_date: required", "2 channel: required", "2 form_code: required"}},
	})
}

func TestParseWeekly(t *testing.T) {
	h := "employee_no,week_start,submitted_on,rating,interactions,summary\n"
	runParseCases(t, models.KindWeekly, []parseCase{
		{rule: "a full row; an empty rating and interactions count are nil",
			text: h + "E1,2024-03-03,2024-03-10,4,120,\"أسبوع عمل،\nتمت معالجة الطلبات\"\nE1,2024-03-10,2024-03-10,,,\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.WeeklyRow)
				w := r[0].Report
				if w.Rating == nil || *w.Rating != 4 || w.Interactions == nil || *w.Interactions != 120 || w.Summary != "أسبوع عمل،\nتمت معالجة الطلبات" {
					t.Errorf("report = %+v", w)
				}
				if r[1].Report.Rating != nil || r[1].Report.Interactions != nil || r[1].Line != 4 {
					t.Errorf("second = %+v", r[1])
				}
			}},
		{rule: "week_start must be a Sunday",
			text: h + "E1,2024-03-05,2024-03-10,,,\n",
			errs: []string{"2 week_start: must be a Sunday (2024-03-05 is a Tuesday)"}},
		{rule: "submitted_on is on or after week_start",
			text: h + "E1,2024-03-03,2024-03-02,,,\n",
			errs: []string{"2 submitted_on: must be on or after week_start (2024-03-03)"}},
		{rule: "rating is a whole number from 1 to 5",
			text: h + "E1,2024-03-03,2024-03-03,6,,\nE1,2024-03-10,2024-03-10,0,,\nE1,2024-03-17,2024-03-17,3.5,,\nE1,2024-03-24,2024-03-24,٥,,\n",
			errs: []string{"2 rating: must be a whole number from 1 to 5", "3 rating: must be a whole number from 1 to 5", "4 rating: not a whole number"}},
		{rule: "interactions is a whole number ≥ 0",
			text: h + "E1,2024-03-03,2024-03-03,,-3,\n",
			errs: []string{"2 interactions: must be 0 or more"}},
		{rule: "the same (employee_no, week_start) twice is an error",
			text: h + "E1,2024-03-03,2024-03-03,,,\nE1,2024-03-03,2024-03-04,,,\n",
			errs: []string{"3 week_start: duplicate: line 2 has the same employee_no and week_start"}},
	})
}

func TestParseReviews(t *testing.T) {
	h := "employee_no,review_date,period,reviewer_no,communication,Problem_Solving,comments\n"
	runParseCases(t, models.KindReviews, []parseCase{
		{rule: "competency columns are upper-cased and rated 1 to 5",
			text: h + "E1,2024-03-28,2024-Q1,E9,5,٢,good\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.ReviewRow)[0]
				if r.Ratings["COMMUNICATION"] != 5 || r.Ratings["PROBLEM_SOLVING"] != 2 || len(r.Ratings) != 2 ||
					r.ReviewerNo != "E9" || r.Review.Period != "2024-Q1" || r.Review.Comments != "good" {
					t.Errorf("row = %+v", r)
				}
			}},
		{rule: "every competency needs a whole number from 1 to 5",
			text: h + "E1,2024-03-28,,,0,,\nE1,2024-03-28,,,x,6,\n",
			errs: []string{"2 COMMUNICATION: must be a whole number from 1 to 5", "2 PROBLEM_SOLVING: required",
				"3 COMMUNICATION: not a number", "3 PROBLEM_SOLVING: must be a whole number from 1 to 5"}},
		{rule: "review_date is required",
			text: h + "E1,,,,3,3,\n",
			errs: []string{"2 review_date: required"}},
	})
}

func TestParseCandidates(t *testing.T) {
	h := "full_name,email,phone,job_code,applied_on,experience_years\n"
	runParseCases(t, models.KindCandidates, []parseCase{
		{rule: "experience_years is a decimal; Arabic digits and separator accepted",
			text: h + "سارة,Sara@Example.com,+966500000000,CSR,2026-01-05,٢٫٥\nOmar,,,CSR,2026-01-06,3.50\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.CandidateRow)
				if r[0].Candidate.ExperienceYears != "2.5" || r[1].Candidate.ExperienceYears != "3.5" || r[0].JobCode != "CSR" ||
					r[0].Candidate.Email != "Sara@Example.com" || r[0].Candidate.Phone != "+966500000000" {
					t.Errorf("rows = %+v", r)
				}
				if !r[0].Present["email"] || !r[0].Present["experience_years"] || r[0].Present["notes"] {
					t.Errorf("present = %v", r[0].Present)
				}
			}},
		{rule: "experience_years is from 0 to less than 100",
			text: h + "A,,,CSR,2026-01-05,-1\nB,,,CSR,2026-01-05,100\nC,,,CSR,2026-01-05,two\n",
			errs: []string{"2 experience_years: must be 0 or more", "3 experience_years: must be less than 100", "4 experience_years: not a number"}},
		{rule: "the same email twice is an error, whatever its case; empty emails are not",
			text: h + "A,a@x.com,,CSR,2026-01-05,\nB,,,CSR,2026-01-05,\nC,,,CSR,2026-01-05,\nD,A@X.com,,CSR,2026-01-05,\n",
			errs: []string{"5 email: duplicate: line 2 has the same email"}},
		{rule: "full_name, job_code and applied_on are required",
			text: h + ",,+966500000000,,,\n",
			errs: []string{"2 full_name: required", "2 applied_on: required", "2 job_code: required"}},
	})
}

func TestParseQuestions(t *testing.T) {
	h := "code,category,text_ar,text_en,competency,retired\n"
	runParseCases(t, models.KindQuestions, []parseCase{
		{rule: "a question with codes in any case; retired accepts yes",
			text: h + "Q16,Technical,ما هي أدوات CRM؟,Which CRM tools?,Technical_Knowledge,YES\nQ17,quality,س,Q,motivation,\n",
			check: func(t *testing.T, rows any) {
				r := rows.([]models.QuestionRow)
				q := r[0].Question
				if q.Code != "Q16" || q.CategoryCode != "technical" || q.Competency != "technical_knowledge" || !q.Retired || q.TextAr != "ما هي أدوات CRM؟" {
					t.Errorf("question = %+v", q)
				}
				if r[1].Question.Retired || !r[1].Present["retired"] || r[1].Present["guide_1_ar"] {
					t.Errorf("second = %+v", r[1])
				}
			}},
		{rule: "category, competency and retired come from fixed lists",
			text: h + "Q1,history,a,b,charm,maybe\n",
			errs: []string{"2 category: must be past_experience, technical, communication, pressure or quality",
				"2 competency: must be communication, problem_solving",
				"2 retired: must be true or false"}},
		{rule: "the texts are required and the code is unique",
			text: h + "Q1,technical,,b,motivation,\nQ2,technical,a,b,motivation,\nq2,technical,a,b,motivation,\n",
			errs: []string{"2 text_ar: required", "4 code: duplicate: line 3 has the same code"}},
	})
}

func TestParseJobs(t *testing.T) {
	h := "code,title_ar,title_en,ladder_role,responsibilities_en,archived\n"
	runParseCases(t, models.KindJobs, []parseCase{
		{rule: "list cells hold one item per line: lines trimmed, blank lines dropped",
			text: h + "CSR,ممثل,Representative,CSR,\" Answer calls \r\n\r\n- Solve problems\n\",false\n",
			check: func(t *testing.T, rows any) {
				j := rows.([]models.JobRow)[0].Job
				if j.ResponsibilitiesEn != "Answer calls\n- Solve problems" || j.LadderRole != "csr" || j.Archived {
					t.Errorf("job = %+v", j)
				}
			}},
		{rule: "ladder_role is a ladder code; code is unique",
			text: h + "CSR,a,b,agent,,\nCSR,a,b,csr,,true\n",
			errs: []string{"2 ladder_role: must be csr", "3 code: duplicate: line 2 has the same code"}},
	})
}

func TestFreeTextIsKept(t *testing.T) {
	// Rule: free text is kept as written, only the white space around it is
	// trimmed; a leading apostrophe that is not ours stays.
	text := "employee_no,full_name,hire_date,role,role_start_date,team\n" +
		"E1,\"  محمد  Saleh\t\",2022-03-01,csr,2022-03-01,'Team A'\n"
	rows, errs := ParseAgents(readCSVText(t, text))
	checkErrors(t, errs)
	if a := rows[0].Agent; a.FullName != "محمد  Saleh" || a.Team != "'Team A'" {
		t.Errorf("agent = %q %q", a.FullName, a.Team)
	}
}

func TestNormalise(t *testing.T) {
	tests := []struct{ in, want string }{
		{"٠١٢٣٤٥٦٧٨٩", "0123456789"},
		{"۰۱۲۳۴۵۶۷۸۹", "0123456789"},
		{"٢٫٥", "2.5"},
		{"\u200F2024-03-05\u200E ", "2024-03-05"},
		{" E١٠ ", "E10"},
	}
	for _, tc := range tests {
		if got := normalise(tc.in); got != tc.want {
			t.Errorf("normalise(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	if !strings.Contains(clip(strings.Repeat("x", 500)), "…") {
		t.Error("clip does not shorten")
	}
}
