package recruiting

import (
	"errors"
	"testing"
	"time"

	"sullam/models"
)

// problemKey is err's translation key, "" for nil; it fails the test for an
// error that is not a models.ErrInvalid problem.
func problemKey(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var p *models.Problem
	if !errors.As(err, &p) || !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("%v: not an invalid-input problem", err)
	}
	return p.Key
}

// TestNormalizeJob states a job's rules: the code trimmed and upper-cased
// and required; the titles trimmed, one of the two required, the one given
// standing for the missing one.
func TestNormalizeJob(t *testing.T) {
	for _, c := range []struct {
		name         string
		in           models.JobDescription
		key          string
		code, ar, en string
	}{
		{"code upper-cased, titles trimmed", models.JobDescription{Code: " csr-1 ", TitleAr: " ممثل ", TitleEn: " Agent "}, "", "CSR-1", "ممثل", "Agent"},
		{"Arabic title stands for English", models.JobDescription{Code: "A", TitleAr: "ممثل"}, "", "A", "ممثل", "ممثل"},
		{"English title stands for Arabic", models.JobDescription{Code: "A", TitleEn: " Agent"}, "", "A", "Agent", "Agent"},
		{"blank code refused", models.JobDescription{Code: "  ", TitleEn: "Agent"}, "error.job_code_required", "", "", "Agent"},
		{"blank titles refused", models.JobDescription{Code: "A", TitleAr: " ", TitleEn: "\t"}, "error.job_title_required", "A", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			j := c.in
			if key := problemKey(t, NormalizeJob(&j)); key != c.key {
				t.Errorf("error key %q, want %q", key, c.key)
			}
			if j.Code != c.code || j.TitleAr != c.ar || j.TitleEn != c.en {
				t.Errorf("got %q %q %q, want %q %q %q", j.Code, j.TitleAr, j.TitleEn, c.code, c.ar, c.en)
			}
		})
	}
}

// TestNormalizeQuestion states a bank question's rules: the code trimmed
// and upper-cased (empty is allowed: the store numbers it); the texts
// trimmed, one of the two required, the one given standing for the missing
// one; a competency required.
func TestNormalizeQuestion(t *testing.T) {
	for _, c := range []struct {
		name         string
		in           models.Question
		key          string
		code, ar, en string
	}{
		{"code upper-cased, texts trimmed", models.Question{Code: " q7 ", TextAr: " سؤال ", TextEn: " Why? ", Competency: "comm"}, "", "Q7", "سؤال", "Why?"},
		{"no code is left to the store", models.Question{TextEn: "Why?", Competency: "comm"}, "", "", "Why?", "Why?"},
		{"Arabic text stands for English", models.Question{TextAr: "سؤال", Competency: "comm"}, "", "", "سؤال", "سؤال"},
		{"blank texts refused", models.Question{Code: "q1", TextAr: " ", Competency: "comm"}, "error.question_text_required", "Q1", "", ""},
		{"no competency refused", models.Question{TextEn: "Why?"}, "error.competency_required", "", "Why?", "Why?"},
	} {
		t.Run(c.name, func(t *testing.T) {
			q := c.in
			if key := problemKey(t, NormalizeQuestion(&q)); key != c.key {
				t.Errorf("error key %q, want %q", key, c.key)
			}
			if q.Code != c.code || q.TextAr != c.ar || q.TextEn != c.en {
				t.Errorf("got %q %q %q, want %q %q %q", q.Code, q.TextAr, q.TextEn, c.code, c.ar, c.en)
			}
		})
	}
}

// TestNormalizeCandidate states a candidate's rules: name, e-mail and phone
// trimmed; a full name and a job required.
func TestNormalizeCandidate(t *testing.T) {
	for _, c := range []struct {
		name string
		in   models.Candidate
		key  string
		want [3]string
	}{
		{"trimmed", models.Candidate{FullName: " سارة أحمد ", Email: " s@x.sa ", Phone: " 050 1 ", JobID: 1}, "", [3]string{"سارة أحمد", "s@x.sa", "050 1"}},
		{"blank name refused", models.Candidate{FullName: "  ", JobID: 1}, "error.full_name_required", [3]string{}},
		{"no job refused", models.Candidate{FullName: "Sara"}, "error.job_required", [3]string{"Sara", "", ""}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cd := c.in
			if key := problemKey(t, NormalizeCandidate(&cd)); key != c.key {
				t.Errorf("error key %q, want %q", key, c.key)
			}
			if got := [3]string{cd.FullName, cd.Email, cd.Phone}; got != c.want {
				t.Errorf("got %q, want %q", got, c.want)
			}
		})
	}
}

// TestCheckInterviewPlan states a scheduled interview's needs, checked in
// this order: a date and time, an interviewer, a question.
func TestCheckInterviewPlan(t *testing.T) {
	at := time.Date(2026, 12, 2, 10, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		name                    string
		at                      time.Time
		interviewers, questions int
		key                     string
	}{
		{"complete", at, 2, 5, ""},
		{"no time", time.Time{}, 0, 0, "error.interview_when_required"},
		{"no interviewer", at, 0, 0, "error.interviewer_required"},
		{"no question", at, 1, 0, "error.interview_question_required"},
	} {
		if key := problemKey(t, CheckInterviewPlan(c.at, c.interviewers, c.questions)); key != c.key {
			t.Errorf("%s: error key %q, want %q", c.name, key, c.key)
		}
	}
}
