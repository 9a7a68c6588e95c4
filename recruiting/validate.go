package recruiting

import (
	"strings"
	"time"

	"sullam/models"
)

// NormalizeJob trims a job description's code (upper-cased) and titles and
// checks what every job needs: a code, and a title in at least one
// language, which then stands for the other too. Whether its ladder role is
// on the career ladder is a query, the store's.
func NormalizeJob(j *models.JobDescription) error {
	j.Code = strings.ToUpper(strings.TrimSpace(j.Code))
	j.TitleAr, j.TitleEn = strings.TrimSpace(j.TitleAr), strings.TrimSpace(j.TitleEn)
	switch {
	case j.Code == "":
		return models.Invalid("error.job_code_required", nil, "job code is required")
	case j.TitleAr == "" && j.TitleEn == "":
		return models.Invalid("error.job_title_required", nil, "job title is required")
	}
	if j.TitleAr == "" {
		j.TitleAr = j.TitleEn
	}
	if j.TitleEn == "" {
		j.TitleEn = j.TitleAr
	}
	return nil
}

// NormalizeQuestion trims a bank question's code (upper-cased) and texts and
// checks what every question needs: a text in at least one language, which
// then stands for the other too, and a competency. An empty code is left
// for the store to number; whether the category exists and the code is
// free are queries, the store's.
func NormalizeQuestion(q *models.Question) error {
	q.Code = strings.ToUpper(strings.TrimSpace(q.Code))
	q.TextAr, q.TextEn = strings.TrimSpace(q.TextAr), strings.TrimSpace(q.TextEn)
	if q.TextAr == "" && q.TextEn == "" {
		return models.Invalid("error.question_text_required", nil, "question text is required")
	}
	if q.TextAr == "" {
		q.TextAr = q.TextEn
	}
	if q.TextEn == "" {
		q.TextEn = q.TextAr
	}
	if q.Competency == "" {
		return models.Invalid("error.competency_required", nil, "competency is required")
	}
	return nil
}

// NormalizeCandidate trims a candidate's name, e-mail and phone and checks
// what every candidate needs: a full name and the job applied for.
func NormalizeCandidate(c *models.Candidate) error {
	c.FullName = strings.TrimSpace(c.FullName)
	c.Email = strings.TrimSpace(c.Email)
	c.Phone = strings.TrimSpace(c.Phone)
	switch {
	case c.FullName == "":
		return models.Invalid("error.full_name_required", nil, "full name is required")
	case c.JobID == 0:
		return models.Invalid("error.job_required", nil, "job is required")
	}
	return nil
}

// CheckInterviewPlan checks what every scheduled interview needs: a date
// and time, at least one interviewer and at least one question in its kit.
// Whether the candidate, the interviewers and the questions may take part
// are queries, the store's.
func CheckInterviewPlan(at time.Time, interviewers, questions int) error {
	switch {
	case at.IsZero():
		return models.Invalid("error.interview_when_required", nil, "date and time are required")
	case interviewers == 0:
		return models.Invalid("error.interviewer_required", nil, "at least one interviewer is required")
	case questions == 0:
		return models.Invalid("error.interview_question_required", nil, "at least one question is required")
	}
	return nil
}
