package store

import (
	"errors"
	"testing"
	"time"

	"sullam/models"
)

// recruitFixture holds a store with HR, two interviewers, a manager, an
// outsider, a candidate for the seeded CSR job and its interview.
type recruitFixture struct {
	s                        *Store
	hr, iv1, iv2, mgr, stray Actor
	job                      models.JobDescription
	cand                     models.Candidate
	interview                models.Interview
	kit                      []models.Question
}

func newRecruitFixture(t *testing.T) recruitFixture {
	t.Helper()
	return newRecruitFixtureOn(t, newStore(t))
}

// newRecruitFixtureOn builds the recruitment fixture on store s.
func newRecruitFixtureOn(t *testing.T, s *Store) recruitFixture {
	t.Helper()
	f := recruitFixture{s: s}
	f.hr = ActorOf(mustUser(t, s, "hr", nil, models.RoleHR))
	f.iv1 = ActorOf(mustUser(t, s, "sup1", nil, models.RoleSupervisor))
	f.iv2 = ActorOf(mustUser(t, s, "sup2", nil, models.RoleSupervisor))
	f.mgr = ActorOf(mustUser(t, s, "boss", nil, models.RoleManager))
	f.stray = ActorOf(mustUser(t, s, "sup3", nil, models.RoleSupervisor))
	jobs, err := s.Recruitment().ListJobs(t.Context(), f.hr, false)
	if err != nil || len(jobs) == 0 {
		t.Fatalf("seeded jobs: %v %v", jobs, err)
	}
	f.job = jobs[0]
	f.cand, err = s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Noura Saleh", Email: "noura@example.com", Phone: "+966 50 111 2233", JobID: f.job.ID, AppliedOn: models.MustDate("2026-01-10")})
	if err != nil {
		t.Fatalf("save candidate: %v", err)
	}
	f.kit, err = s.Recruitment().AutoPickQuestions(t.Context(), f.hr, 1)
	if err != nil || len(f.kit) != 5 {
		t.Fatalf("auto pick: %d %v", len(f.kit), err)
	}
	var qids []uint
	for _, q := range f.kit {
		qids = append(qids, q.ID)
	}
	f.interview, err = s.Recruitment().ScheduleInterview(t.Context(), f.hr, NewInterview{CandidateID: f.cand.ID, At: time.Date(2026, 2, 1, 10, 0, 0, 0, time.UTC),
		InterviewerIDs: []uint{f.iv1.UserID, f.iv2.UserID}, QuestionIDs: qids})
	if err != nil {
		t.Fatalf("schedule: %v", err)
	}
	return f
}

func (f recruitFixture) scoreAll(t *testing.T, a Actor, score int) {
	t.Helper()
	for _, q := range f.kit {
		if err := f.s.Recruitment().SaveScore(t.Context(), a, f.interview.ID, q.ID, score, "ok"); err != nil {
			t.Fatalf("score: %v", err)
		}
	}
}

// TestPipelineTransitions checks that the store applies the pipeline's
// rules (the table of allowed moves is recruiting.TestCanMove's): no
// skipping, a stale version refused, hired only through Hire; each move is
// recorded with reason and date.
func TestPipelineTransitions(t *testing.T) {
	f := newRecruitFixture(t)
	s, c := f.s, f.cand
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version, models.StageOffer, "skip", models.Date{}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("skip to offer: %v, want ErrInvalid", err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version, models.StageScreening, "cv fits", models.MustDate("2026-01-12")); err != nil {
		t.Fatalf("to screening: %v", err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version, models.StageInterview, "stale", models.Date{}); !errors.Is(err, models.ErrStale) {
		t.Fatalf("stale version: %v, want ErrStale", err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.iv1, c.ID, c.Version+1, models.StageInterview, "", models.Date{}); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("interviewer moves stage: %v, want ErrForbidden", err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version+1, models.StageRejected, "not available", models.MustDate("2026-01-20")); err != nil {
		t.Fatalf("reject: %v", err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version+2, models.StageScreening, "again", models.Date{}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("move out of rejected: %v, want ErrInvalid", err)
	}
	h, err := s.Recruitment().StageHistory(t.Context(), f.hr, c.ID)
	if err != nil || len(h) != 3 || h[2].From != models.StageScreening || h[2].To != models.StageRejected || h[2].Reason != "not available" || h[2].On != models.MustDate("2026-01-20") {
		t.Fatalf("history %+v %v", h, err)
	}
}

// TestBlindFeedback checks that an interviewer sees neither the others'
// scores nor their recommendations until they submit their own, and sees
// the submitted ones afterwards; the result is hidden from them until then.
func TestBlindFeedback(t *testing.T) {
	f := newRecruitFixture(t)
	s := f.s
	f.scoreAll(t, f.iv1, 5)
	if err := s.Recruitment().SubmitFeedback(t.Context(), f.iv1, f.interview.ID, models.StrongYes, "great"); err != nil {
		t.Fatalf("submit iv1: %v", err)
	}
	// iv2 before submitting: sees only their own.
	f.scoreAll(t, f.iv2, 2)
	k, err := s.Recruitment().Kit(t.Context(), f.iv2, f.interview.ID)
	if err != nil {
		t.Fatalf("kit iv2: %v", err)
	}
	if k.OthersVisible || len(k.OtherScores) != 0 || len(k.MyScores) != 5 {
		t.Fatalf("before submit: visible=%v others=%d mine=%d", k.OthersVisible, len(k.OtherScores), len(k.MyScores))
	}
	for _, x := range k.Interviewers {
		if x.UserID == f.iv1.UserID && (x.Recommendation != "" || x.Notes != "") {
			t.Fatalf("iv1's recommendation leaked to iv2: %+v", x)
		}
	}
	if r, err := s.Recruitment().Result(t.Context(), f.iv2, f.cand.ID); err != nil || !r.Hidden {
		t.Fatalf("result before submit: %+v %v, want hidden", r, err)
	}
	if err := s.Recruitment().SubmitFeedback(t.Context(), f.iv2, f.interview.ID, models.No, "weak"); err != nil {
		t.Fatalf("submit iv2: %v", err)
	}
	k, err = s.Recruitment().Kit(t.Context(), f.iv2, f.interview.ID)
	if err != nil || !k.OthersVisible || len(k.OtherScores) != 5 {
		t.Fatalf("after submit: %+v %v", k.OtherScores, err)
	}
	for _, x := range k.Interviewers {
		if x.UserID == f.iv1.UserID && x.Recommendation != models.StrongYes {
			t.Fatalf("after submit iv1's recommendation = %q", x.Recommendation)
		}
	}
	if err := s.Recruitment().SaveScore(t.Context(), f.iv2, f.interview.ID, f.kit[0].ID, 4, ""); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("score after submit: %v, want ErrInvalid", err)
	}
	// Mean of 5×5 and 5×2 = 3.5 → 70 %; spread 3 ≥ 2 on every question; yes vs no.
	r, err := s.Recruitment().Result(t.Context(), f.hr, f.cand.ID)
	if err != nil || r.Hidden || r.Result.Percent != 7000 || len(r.Result.SplitQuestions) != 5 || !r.Result.SplitRecommendations {
		t.Fatalf("result %+v %v", r, err)
	}
	// A submission needs every question scored.
	f2 := newRecruitFixture(t)
	if err := f2.s.Recruitment().SaveScore(t.Context(), f2.iv1, f2.interview.ID, f2.kit[0].ID, 3, ""); err != nil {
		t.Fatal(err)
	}
	if err := f2.s.Recruitment().SubmitFeedback(t.Context(), f2.iv1, f2.interview.ID, models.Yes, ""); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("submit incomplete: %v, want ErrInvalid", err)
	}
	// Someone not assigned cannot score.
	if err := f2.s.Recruitment().SaveScore(t.Context(), f2.stray, f2.interview.ID, f2.kit[0].ID, 3, ""); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("stray scores: %v, want ErrForbidden", err)
	}
}

// TestCandidateAccess checks the scopes: HR and managers see every
// candidate; an interviewer sees only the candidates they are assigned to;
// only HR changes them.
func TestCandidateAccess(t *testing.T) {
	f := newRecruitFixture(t)
	s := f.s
	other, err := s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Fahad", JobID: f.job.ID})
	if err != nil {
		t.Fatal(err)
	}
	for name, tc := range map[string]struct {
		a    Actor
		want int
	}{"hr": {f.hr, 2}, "manager": {f.mgr, 2}, "interviewer": {f.iv1, 1}, "stray": {f.stray, 0}} {
		got, err := s.Recruitment().ListCandidates(t.Context(), tc.a, CandidateFilter{})
		if err != nil || len(got) != tc.want {
			t.Errorf("%s sees %d candidates (%v), want %d", name, len(got), err, tc.want)
		}
	}
	if _, err := s.Recruitment().Candidate(t.Context(), f.iv1, f.cand.ID); err != nil {
		t.Errorf("interviewer on own candidate: %v", err)
	}
	if _, err := s.Recruitment().Candidate(t.Context(), f.iv1, other.ID); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("interviewer on other candidate: %v, want ErrForbidden", err)
	}
	if _, err := s.Recruitment().Kit(t.Context(), f.stray, f.interview.ID); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("stray opens kit: %v, want ErrForbidden", err)
	}
	if _, err := s.Recruitment().SaveCandidate(t.Context(), f.mgr, models.Candidate{FullName: "X", JobID: f.job.ID}); !errors.Is(err, models.ErrForbidden) {
		t.Errorf("manager creates candidate: %v, want ErrForbidden", err)
	}
	counts, err := s.Recruitment().PipelineCounts(t.Context(), f.iv1, 0)
	if err != nil || counts[models.StageApplied] != 1 {
		t.Errorf("interviewer pipeline counts %v %v", counts, err)
	}
	// Duplicate detection by email (case-insensitive) or phone (digits only).
	d, err := s.Recruitment().Duplicates(t.Context(), f.hr, models.Candidate{FullName: "N", Phone: "966501112233"})
	if err != nil || len(d) != 1 || d[0].ID != f.cand.ID {
		t.Errorf("duplicates by phone %+v %v", d, err)
	}
	d, _ = s.Recruitment().Duplicates(t.Context(), f.hr, models.Candidate{FullName: "N", Email: "NOURA@example.com"})
	if len(d) != 1 {
		t.Errorf("duplicates by email %+v", d)
	}
}

// TestHire checks that hiring a candidate at the offer stage creates a csr
// agent linked both ways and moves the candidate to hired.
func TestHire(t *testing.T) {
	f := newRecruitFixture(t)
	s, c := f.s, f.cand
	v := c.Version
	if _, err := s.Recruitment().Hire(t.Context(), f.hr, c.ID, v, HireInput{EmployeeNo: "E900", HireDate: models.MustDate("2026-03-01")}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("hire from applied: %v, want ErrInvalid", err)
	}
	for _, to := range []models.Stage{models.StageScreening, models.StageInterview, models.StageOffer} {
		if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, v, to, "", models.Date{}); err != nil {
			t.Fatal(err)
		}
		v++
	}
	ag, err := s.Recruitment().Hire(t.Context(), f.hr, c.ID, v, HireInput{EmployeeNo: "E900", HireDate: models.MustDate("2026-03-01"), Team: "B"})
	if err != nil {
		t.Fatalf("hire: %v", err)
	}
	if ag.Role != "csr" || ag.CandidateID == nil || *ag.CandidateID != c.ID || ag.RoleStartDate != models.MustDate("2026-03-01") || ag.FullName != c.FullName {
		t.Fatalf("agent %+v", ag)
	}
	got, err := s.Recruitment().Candidate(t.Context(), f.hr, c.ID)
	if err != nil || got.Stage != models.StageHired || got.AgentID == nil || *got.AgentID != ag.ID {
		t.Fatalf("candidate after hire %+v %v", got, err)
	}
	if err := s.Recruitment().DeleteCandidate(t.Context(), f.hr, c.ID); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("delete hired candidate: %v, want ErrInvalid", err)
	}
}

// TestAnonymise checks that anonymising removes what identifies a candidate
// (and is audit-logged), that the retention sweep anonymises only rejected or
// withdrawn candidates whose last move is before the date, and that delete
// removes everything.
func TestAnonymise(t *testing.T) {
	f := newRecruitFixture(t)
	s, c := f.s, f.cand
	if _, err := s.Recruitment().SetCV(t.Context(), f.hr, c.ID, c.Version, "cv.pdf", []byte("%PDF")); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recruitment().SetCV(t.Context(), f.hr, c.ID, c.Version+1, "big.pdf", make([]byte, MaxCVSize+1)); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("cv over limit: %v", err)
	}
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version+1, models.StageRejected, "no", models.MustDate("2024-01-01")); err != nil {
		t.Fatal(err)
	}
	recent, _ := s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Recent", Email: "r@example.com", JobID: f.job.ID})
	if err := s.Recruitment().MoveStage(t.Context(), f.hr, recent.ID, recent.Version, models.StageWithdrawn, "", models.MustDate("2026-06-01")); err != nil {
		t.Fatal(err)
	}
	open, _ := s.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Open", JobID: f.job.ID, AppliedOn: models.MustDate("2023-01-01")})
	x, err := s.Recruitment().ExportCandidate(t.Context(), f.hr, c.ID)
	if err != nil || x.CV == nil || x.CV.Name != "cv.pdf" || x.CV.Bytes != 4 || len(x.Candidate.CVData) != 0 || len(x.StageHistory) != 2 || len(x.Interviews) != 1 || len(x.Assignments) != 2 || len(x.InterviewKits) != 5 {
		t.Fatalf("export %+v %v", x, err)
	}
	if _, err := s.Recruitment().AnonymiseRejectedBefore(t.Context(), f.iv1, models.MustDate("2025-01-01")); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("interviewer runs retention: %v", err)
	}
	n, err := s.Recruitment().AnonymiseRejectedBefore(t.Context(), f.hr, models.MustDate("2025-01-01"))
	if err != nil || n != 1 {
		t.Fatalf("retention anonymised %d (%v), want 1", n, err)
	}
	got, _ := s.Recruitment().Candidate(t.Context(), f.hr, c.ID)
	name, cv, _ := s.Recruitment().CV(t.Context(), f.hr, c.ID)
	if !got.Anonymized || got.FullName == "Noura Saleh" || got.Email != "" || got.Phone != "" || name != "" || len(cv) != 0 {
		t.Fatalf("after anonymise %+v cv=%q", got, name)
	}
	for _, id := range []uint{recent.ID, open.ID} {
		if o, _ := s.Recruitment().Candidate(t.Context(), f.hr, id); o.Anonymized {
			t.Errorf("candidate %d anonymised too early", id)
		}
	}
	logs, err := s.AuditLog(t.Context(), SystemActor("t"), AuditFilter{Action: "retention"})
	if err != nil || len(logs) != 1 {
		t.Fatalf("retention audit rows %d %v", len(logs), err)
	}
	if err := s.Recruitment().DeleteCandidate(t.Context(), f.hr, recent.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Recruitment().Candidate(t.Context(), f.hr, recent.ID); !errors.Is(err, models.ErrNotFound) {
		t.Fatalf("after delete: %v", err)
	}
}

// TestJobsAndQuestions checks job templates, archiving with a version check,
// question codes (Qnn when empty, unique) and that a retired question stays
// on the interviews that used it but is refused for new kits.
func TestJobsAndQuestions(t *testing.T) {
	f := newRecruitFixture(t)
	s := f.s
	j, err := s.Recruitment().JobFromTemplate(t.Context(), f.hr, f.job.ID)
	if err != nil || j.ID != 0 || j.Code != f.job.Code+"-2" {
		t.Fatalf("template %+v %v", j.Code, err)
	}
	j.TitleEn = "Senior CSR"
	if j, err = s.Recruitment().SaveJob(t.Context(), f.hr, j); err != nil {
		t.Fatal(err)
	}
	if err := s.Recruitment().SetJobArchived(t.Context(), f.hr, j.ID, j.Version, true); err != nil {
		t.Fatal(err)
	}
	if err := s.Recruitment().SetJobArchived(t.Context(), f.hr, j.ID, j.Version, false); !errors.Is(err, models.ErrStale) {
		t.Fatalf("stale archive: %v", err)
	}
	if _, err := s.Recruitment().SaveJob(t.Context(), f.mgr, j); !errors.Is(err, models.ErrForbidden) {
		t.Fatalf("manager edits job: %v", err)
	}
	q, err := s.Recruitment().SaveQuestion(t.Context(), f.hr, models.Question{CategoryCode: "technical", TextEn: "What is a CRM?", Competency: "technical_knowledge", Guide1En: "no idea"})
	if err != nil || q.Code != "Q16" {
		t.Fatalf("new question %q %v", q.Code, err)
	}
	if _, err := s.Recruitment().SaveQuestion(t.Context(), f.hr, models.Question{Code: "Q16", CategoryCode: "technical", TextEn: "dup", Competency: "technical_knowledge"}); !errors.Is(err, models.ErrAlreadyExists) {
		t.Fatalf("duplicate code: %v", err)
	}
	q.Guide5En = "explains"
	if q, err = s.Recruitment().SaveQuestion(t.Context(), f.hr, q); err != nil || q.Version != 2 {
		t.Fatalf("edit question: %v", err)
	}
	old := f.kit[0]
	if err := s.Recruitment().SetQuestionRetired(t.Context(), f.hr, old.ID, old.Version, true); err != nil {
		t.Fatal(err)
	}
	k, err := s.Recruitment().Kit(t.Context(), f.hr, f.interview.ID)
	if err != nil || k.Questions[0].ID != old.ID {
		t.Fatalf("retired question left the old kit: %v", err)
	}
	if _, err := s.Recruitment().ScheduleInterview(t.Context(), f.hr, NewInterview{CandidateID: f.cand.ID, At: time.Now(), InterviewerIDs: []uint{f.iv1.UserID}, QuestionIDs: []uint{old.ID}}); !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("retired question in new kit: %v", err)
	}
	all, _ := s.Recruitment().ListQuestions(t.Context(), f.hr, false)
	for _, x := range all {
		if x.ID == old.ID {
			t.Fatal("retired question listed")
		}
	}
}

// TestImportHonoursPresent checks that a re-import updates the columns the
// file has and leaves the optional columns it lacks unchanged (candidates,
// jobs and questions).
func TestImportHonoursPresent(t *testing.T) {
	f := newRecruitFixture(t)
	s := f.s
	c := f.cand
	c.Notes, c.Source = "keep me", "fair"
	if _, err := s.Recruitment().SaveCandidate(t.Context(), f.hr, c); err != nil {
		t.Fatal(err)
	}
	row := models.CandidateRow{Line: 2, JobCode: f.job.Code, Present: map[string]bool{"email": true, "source": true},
		Candidate: models.Candidate{FullName: "Noura S.", Email: c.Email, AppliedOn: c.AppliedOn, Source: "referral"}}
	if res, err := s.Recruitment().ImportCandidates(f.hr, ImportSource{File: "c.csv"}, []models.CandidateRow{row}); err != nil || res.Updated != 1 {
		t.Fatalf("import candidates %+v %v", res, err)
	}
	got, _ := s.Recruitment().Candidate(t.Context(), f.hr, c.ID)
	if got.FullName != "Noura S." || got.Source != "referral" || got.Notes != "keep me" || got.Phone != c.Phone {
		t.Errorf("candidate after import %+v", got)
	}
	j := f.job
	jr := models.JobRow{Line: 2, Present: map[string]bool{}, Job: models.JobDescription{Code: j.Code, TitleAr: "عنوان", TitleEn: "New title", LadderRole: j.LadderRole}}
	if _, err := s.Recruitment().ImportJobs(f.hr, ImportSource{File: "j.csv"}, []models.JobRow{jr}); err != nil {
		t.Fatal(err)
	}
	jobs, _ := s.Recruitment().ListJobs(t.Context(), f.hr, true)
	for _, x := range jobs {
		if x.ID == j.ID && (x.TitleEn != "New title" || x.PurposeEn != j.PurposeEn || x.PurposeEn == "" || x.Version != j.Version+1) {
			t.Errorf("job after import %+v", x)
		}
	}
	q := f.kit[0]
	qr := models.QuestionRow{Line: 2, Present: map[string]bool{"guide_5_en": true},
		Question: models.Question{Code: q.Code, CategoryCode: q.CategoryCode, TextAr: q.TextAr, TextEn: "Changed?", Competency: q.Competency, Guide5En: "new five"}}
	if _, err := s.Recruitment().ImportQuestions(f.hr, ImportSource{File: "q.csv"}, []models.QuestionRow{qr}); err != nil {
		t.Fatal(err)
	}
	qs, _ := s.Recruitment().ListQuestions(t.Context(), f.hr, true)
	for _, x := range qs {
		if x.ID == q.ID && (x.TextEn != "Changed?" || x.Guide5En != "new five" || x.Guide1En != q.Guide1En || x.Guide1En == "") {
			t.Errorf("question after import %+v", x)
		}
	}
}
