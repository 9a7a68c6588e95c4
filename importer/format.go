package importer

import (
	"slices"
	"strconv"

	"sullam/models"
)

// The formatters below turn models back into the columns of
// spec/import-formats.md (and FORMATS.md), every column written, in the
// spec's order, so that an export imports again unchanged. They take the same
// row types the parsers return, except agents, questions and jobs, which need
// nothing beyond the model.

// AgentsTable formats agents as an agents file. supervisorNo maps a
// supervisor's agent ID to their employee_no; when an ID is missing from it,
// the agent's preloaded Supervisor is used, if any.
func AgentsTable(agents []models.Agent, supervisorNo map[uint]string) (header []string, rows [][]string) {
	header = []string{"employee_no", "full_name", "hire_date", "role", "role_start_date", "supervisor_no", "team", "status", "email", "phone"}
	rows = make([][]string, 0, len(agents))
	for _, a := range agents {
		var sup string
		if a.SupervisorID != nil {
			sup = supervisorNo[*a.SupervisorID]
		}
		if sup == "" && a.Supervisor != nil {
			sup = a.Supervisor.EmployeeNo
		}
		status := string(a.Status)
		if status == "" {
			status = string(models.Active)
		}
		rows = append(rows, []string{a.EmployeeNo, a.FullName, a.HireDate.String(), a.Role, a.RoleStartDate.String(),
			sup, a.Team, status, a.Email, a.Phone})
	}
	return header, rows
}

// AttendanceTable formats attendance rows as an attendance file.
func AttendanceTable(days []models.AttendanceRow) (header []string, rows [][]string) {
	header = []string{"employee_no", "date", "status", "late_minutes", "early_leave_minutes"}
	rows = make([][]string, 0, len(days))
	for _, d := range days {
		rows = append(rows, []string{d.EmployeeNo, d.Day.Date.String(), string(d.Day.Status),
			strconv.Itoa(d.Day.LateMinutes), strconv.Itoa(d.Day.EarlyLeaveMinutes)})
	}
	return header, rows
}

// AuditsTable formats audits as an audits file with one column per item code,
// in the order of itemCodes (the form's order); when itemCodes is nil, the
// codes answered in audits, sorted. An item a row has no answer for is empty.
func AuditsTable(audits []models.AuditRow, itemCodes []string) (header []string, rows [][]string) {
	if itemCodes == nil {
		itemCodes = answeredCodes(audits, func(a models.AuditRow) []string { return mapKeys(a.Answers) })
	}
	header = append([]string{"audit_ref", "employee_no", "audit_date", "channel", "form_code", "auditor"}, itemCodes...)
	header = append(header, "notes")
	rows = make([][]string, 0, len(audits))
	for _, a := range audits {
		row := []string{a.Audit.Ref, a.EmployeeNo, a.Audit.AuditDate.String(), string(a.Audit.Channel), a.FormCode, a.Audit.Auditor}
		for _, c := range itemCodes {
			row = append(row, string(a.Answers[c]))
		}
		rows = append(rows, append(row, a.Audit.Notes))
	}
	return header, rows
}

// WeeklyTable formats weekly reports as a weekly file; a missing rating or
// interactions count is empty.
func WeeklyTable(reports []models.WeeklyRow) (header []string, rows [][]string) {
	header = []string{"employee_no", "week_start", "submitted_on", "rating", "interactions", "summary"}
	rows = make([][]string, 0, len(reports))
	for _, w := range reports {
		rows = append(rows, []string{w.EmployeeNo, w.Report.WeekStart.String(), w.Report.SubmittedOn.String(),
			optInt(w.Report.Rating), optInt(w.Report.Interactions), w.Report.Summary})
	}
	return header, rows
}

// ReviewsTable formats reviews as a reviews file with one column per
// competency code, in the order of competencyCodes; when it is nil, the codes
// rated in reviews, sorted. A competency a row has no rating for is empty.
func ReviewsTable(reviews []models.ReviewRow, competencyCodes []string) (header []string, rows [][]string) {
	if competencyCodes == nil {
		competencyCodes = answeredCodes(reviews, func(r models.ReviewRow) []string { return mapKeys(r.Ratings) })
	}
	header = append([]string{"employee_no", "review_date", "period", "reviewer_no"}, competencyCodes...)
	header = append(header, "comments")
	rows = make([][]string, 0, len(reviews))
	for _, r := range reviews {
		row := []string{r.EmployeeNo, r.Review.ReviewDate.String(), r.Review.Period, r.ReviewerNo}
		for _, c := range competencyCodes {
			v := ""
			if n, ok := r.Ratings[c]; ok {
				v = strconv.Itoa(n)
			}
			row = append(row, v)
		}
		rows = append(rows, append(row, r.Review.Comments))
	}
	return header, rows
}

// CandidatesTable formats candidates as a candidates file.
func CandidatesTable(candidates []models.CandidateRow) (header []string, rows [][]string) {
	header = []string{"full_name", "email", "phone", "job_code", "applied_on", "education", "experience_years", "languages", "source", "notes"}
	rows = make([][]string, 0, len(candidates))
	for _, r := range candidates {
		c := r.Candidate
		rows = append(rows, []string{c.FullName, c.Email, c.Phone, r.JobCode, c.AppliedOn.String(), c.Education,
			c.ExperienceYears, c.Languages, c.Source, c.Notes})
	}
	return header, rows
}

// QuestionsTable formats interview questions as a questions file.
func QuestionsTable(questions []models.Question) (header []string, rows [][]string) {
	header = []string{"code", "category", "text_ar", "text_en", "competency", "guide_1_ar", "guide_1_en",
		"guide_3_ar", "guide_3_en", "guide_5_ar", "guide_5_en", "retired"}
	rows = make([][]string, 0, len(questions))
	for _, q := range questions {
		rows = append(rows, []string{q.Code, q.CategoryCode, q.TextAr, q.TextEn, q.Competency, q.Guide1Ar, q.Guide1En,
			q.Guide3Ar, q.Guide3En, q.Guide5Ar, q.Guide5En, strconv.FormatBool(q.Retired)})
	}
	return header, rows
}

// JobsTable formats job descriptions as a jobs file; list fields keep one
// item per line inside the cell.
func JobsTable(jobs []models.JobDescription) (header []string, rows [][]string) {
	header = []string{"code", "title_ar", "title_en", "ladder_role", "location_ar", "location_en", "purpose_ar", "purpose_en",
		"responsibilities_ar", "responsibilities_en", "qualifications_ar", "qualifications_en", "skills_ar", "skills_en", "archived"}
	rows = make([][]string, 0, len(jobs))
	for _, j := range jobs {
		rows = append(rows, []string{j.Code, j.TitleAr, j.TitleEn, j.LadderRole, j.LocationAr, j.LocationEn, j.PurposeAr, j.PurposeEn,
			j.ResponsibilitiesAr, j.ResponsibilitiesEn, j.QualificationsAr, j.QualificationsEn, j.SkillsAr, j.SkillsEn,
			strconv.FormatBool(j.Archived)})
	}
	return header, rows
}

func optInt(p *int) string {
	if p == nil {
		return ""
	}
	return strconv.Itoa(*p)
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// answeredCodes returns the sorted union of the codes of every row.
func answeredCodes[T any](rows []T, codes func(T) []string) []string {
	seen := map[string]bool{}
	out := []string{}
	for _, r := range rows {
		for _, c := range codes(r) {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out
}
