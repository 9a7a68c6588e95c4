package recruitment

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// recruitUIFixture is a store with HR, two supervisors interviewing one
// candidate, and that interview.
type recruitUIFixture struct {
	st       *store.Store
	hr, sup1 store.Actor
	sup2     store.Actor
	cand     models.Candidate
	iv       models.Interview
	kitSize  int
}

func newRecruitUIFixture(t *testing.T) recruitUIFixture {
	t.Helper()
	st := uitest.OpenTestStore(t)
	sys := store.SystemActor("test")
	mk := func(name string, role models.Role) store.Actor {
		u, err := st.Accounts().CreateUser(t.Context(), sys, store.NewUser{Username: name, FullName: name, Password: "correct horse battery", Roles: []models.Role{role}})
		if err != nil {
			t.Fatal(err)
		}
		u.Roles = []models.UserRole{{UserID: u.ID, Role: role}}
		return store.ActorOf(u)
	}
	f := recruitUIFixture{st: st, hr: mk("hr", models.RoleHR), sup1: mk("sup1", models.RoleSupervisor), sup2: mk("sup2", models.RoleSupervisor)}
	jobs, err := st.Recruitment().ListJobs(t.Context(), f.hr, false)
	if err != nil || len(jobs) == 0 {
		t.Fatal(err)
	}
	if f.cand, err = st.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Reem Alharbi", Email: "reem@example.com", JobID: jobs[0].ID}); err != nil {
		t.Fatal(err)
	}
	qs, err := st.Recruitment().AutoPickQuestions(t.Context(), f.hr, 1)
	if err != nil {
		t.Fatal(err)
	}
	var ids []uint
	for _, q := range qs {
		ids = append(ids, q.ID)
	}
	f.kitSize = len(ids)
	f.iv, err = st.Recruitment().ScheduleInterview(t.Context(), f.hr, store.NewInterview{CandidateID: f.cand.ID, At: time.Now().Add(time.Hour),
		InterviewerIDs: []uint{f.sup1.UserID, f.sup2.UserID}, QuestionIDs: ids})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func tabTitles(r *recruit) []string {
	var out []string
	for _, it := range r.Tabs.Items {
		out = append(out, it.Text)
	}
	return out
}

// Rule: the recruitment tabs are shown by role: HR gets all six (the
// quality of hire last); an interviewer (supervisor) gets only the
// candidates and their interviews.
func TestRecruitmentTabsByRole(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f := newRecruitUIFixture(t)
	w := test.NewWindow(nil)
	defer w.Close()
	hr := newRecruit(recruitmentOf(f.st), w, f.hr)
	w.SetContent(hr.content())
	if got := tabTitles(hr); len(got) != 6 || got[5] != i18n.T(widgets.HireTabKey) {
		t.Errorf("HR tabs %v, want 6, the last the quality of hire", got)
	}
	sup := newRecruit(recruitmentOf(f.st), w, f.sup1)
	w.SetContent(sup.content())
	if got := strings.Join(tabTitles(sup), "|"); got != "Candidates|My interviews" {
		t.Errorf("supervisor tabs %q", got)
	}
}

// Rule: the candidate list shows the candidates the actor may see and the
// search narrows it; an interviewer sees only the candidate assigned to them.
func TestCandidateListSearch(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f := newRecruitUIFixture(t)
	if _, err := f.st.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Omar Zahrani", JobID: f.cand.JobID}); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	r := newRecruit(recruitmentOf(f.st), w, f.hr)
	tab := newCandidatesTab(r)
	w.SetContent(tab.content())
	uitest.WaitFor(t, "two candidates", func() bool { return len(tab.rows) == 2 })
	test.Type(tab.search, "omar")
	uitest.WaitFor(t, "search result", func() bool { return len(tab.rows) == 1 && tab.rows[0].FullName == "Omar Zahrani" })

	sr := newRecruit(recruitmentOf(f.st), w, f.sup1)
	stab := newCandidatesTab(sr)
	w.SetContent(stab.content())
	uitest.WaitFor(t, "assigned candidate", func() bool { return len(stab.rows) == 1 && stab.rows[0].ID == f.cand.ID })
}

// Rule: blind feedback in the kit screen: before submitting, an interviewer
// sees no other interviewer's scores even when they have submitted; after
// submitting from the screen, the others' scores appear and the kit locks.
func TestKitScoringBlind(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f := newRecruitUIFixture(t)
	k, _ := f.st.Recruitment().Kit(t.Context(), f.sup2, f.iv.ID)
	for _, q := range k.Questions {
		if err := f.st.Recruitment().SaveScore(t.Context(), f.sup2, f.iv.ID, q.ID, 2, "hesitant"); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.st.Recruitment().SubmitFeedback(t.Context(), f.sup2, f.iv.ID, models.No, ""); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 800))
	r := newRecruit(recruitmentOf(f.st), w, f.sup1)
	w.SetContent(r.content())
	p := openKit(r, f.iv.ID)
	uitest.WaitFor(t, "kit", func() bool { return len(p.scores) == f.kitSize })
	if p.kit.OthersVisible || len(p.kit.OtherScores) != 0 {
		t.Fatalf("others' scores visible before submitting: %d", len(p.kit.OtherScores))
	}
	if !p.editable() {
		t.Fatal("kit not editable before submitting")
	}
	for _, radio := range p.scores {
		radio.SetSelected("5")
	}
	p.rec.SetSelectedIndex(3)
	p.submit(p.collect(), models.Recommendations[p.rec.SelectedIndex()], "excellent")
	uitest.WaitFor(t, "submitted kit", func() bool { return p.kit.Mine != nil && p.kit.Mine.SubmittedAt != nil })
	if !p.kit.OthersVisible || len(p.kit.OtherScores) != f.kitSize {
		t.Errorf("after submit: visible=%v others=%d", p.kit.OthersVisible, len(p.kit.OtherScores))
	}
	if p.editable() {
		t.Error("kit still editable after submitting")
	}
	res, err := f.st.Recruitment().Result(t.Context(), f.hr, f.cand.ID)
	if err != nil || res.Result.Percent != 7000 || !res.Result.Disagreement() {
		t.Errorf("result %+v %v, want 70.00 with disagreement", res, err)
	}
}

// Rule: the comparison (pipeline tab) lists the job's candidates with their
// stage counts, and a candidate page opens with its result.
func TestPipelineAndCandidatePage(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	f := newRecruitUIFixture(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 800))
	r := newRecruit(recruitmentOf(f.st), w, f.hr)
	w.SetContent(r.content())
	pt := newPipelineTab(r)
	w.SetContent(container.NewStack(pt.content()))
	uitest.WaitFor(t, "comparison", func() bool { return len(pt.rows) == 1 && len(pt.counts.Objects) == len(models.Stages) })
	if got := pt.cellText(0, 1); got != "تقدّم" {
		t.Errorf("stage cell %q, want the Arabic applied", got)
	}
	w.SetContent(r.content())
	p := openCandidate(r, f.cand.ID)
	uitest.WaitFor(t, "candidate page", func() bool { return p.c.ID == f.cand.ID && len(p.ivs) == 1 })
	if len(p.history) != 1 || p.history[0].To != models.StageApplied {
		t.Errorf("history %+v", p.history)
	}
}

// Rule: the job advert is a UTF-8 HTML file in the chosen language, right to
// left in Arabic, with the title and one list item per responsibility line.
func TestJobAdvertHTML(t *testing.T) {
	j := models.JobDescription{TitleAr: "ممثل خدمة العملاء", TitleEn: "Customer Service Representative",
		ResponsibilitiesAr: "الرد على العملاء\nتسجيل الشكاوى", ResponsibilitiesEn: "Answer customers\n- Log complaints", PurposeEn: "Serve <well>"}
	ar := jobAdvertHTML(j, "ar")
	if !strings.Contains(ar, `dir="rtl"`) || !strings.Contains(ar, "<h1>ممثل خدمة العملاء</h1>") || strings.Count(ar, "<li>") != 2 {
		t.Errorf("arabic advert:\n%s", ar)
	}
	en := jobAdvertHTML(j, "en")
	if !strings.Contains(en, `dir="ltr"`) || !strings.Contains(en, "<li>Log complaints</li>") || !strings.Contains(en, "Serve &lt;well&gt;") {
		t.Errorf("english advert:\n%s", en)
	}
}

// Rule: HR's candidate list offers the retention sweep: it asks for the
// period, anonymises the rejected candidates whose last move is older, and
// says how many; an interviewer's list has no such button.
func TestCandidateRetentionSweep(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f := newRecruitUIFixture(t)
	w := test.NewWindow(nil)
	defer w.Close()
	w.Resize(fyne.NewSize(1200, 800))

	sr := newRecruit(recruitmentOf(f.st), w, f.sup1)
	stab := newCandidatesTab(sr)
	w.SetContent(stab.content())
	uitest.WaitFor(t, "the interviewer's list", func() bool { return len(stab.rows) == 1 })
	if uitest.FindButton(w.Content(), i18n.T("rec.retention")) != nil {
		t.Error("an interviewer is offered the retention sweep")
	}

	old, err := f.st.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Old Rejection", JobID: f.cand.JobID})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.Recruitment().MoveStage(t.Context(), f.hr, old.ID, old.Version, models.StageRejected, "not a fit", models.DateOf(time.Now()).AddYears(-3)); err != nil {
		t.Fatal(err)
	}
	r := newRecruit(recruitmentOf(f.st), w, f.hr)
	tab := newCandidatesTab(r)
	w.SetContent(tab.content())
	uitest.WaitFor(t, "the HR list", func() bool { return len(tab.rows) == 2 })
	b := uitest.FindButton(w.Content(), i18n.T("rec.retention"))
	if b == nil {
		t.Fatal("HR is not offered the retention sweep")
	}
	test.Tap(b)
	uitest.WaitFor(t, "the period dialog", func() bool { return uitest.HasButton(w, i18n.T("rec.anonymise")) })
	test.Tap(uitest.FindButton(w.Canvas().Overlays().Top(), i18n.T("rec.anonymise")))
	// the default period is 24 months: the rejection of three years ago goes
	want := i18n.Display(i18n.T("rec.retention_done", map[string]any{"Candidates": i18n.Plural("count.candidates", 1, nil),
		"Date": dateText(models.DateOf(time.Now()).AddMonths(-24)), "Months": i18n.Plural("count.months", 24, nil)}))
	uitest.WaitFor(t, "the result", func() bool {
		top := w.Canvas().Overlays().Top()
		return top != nil && uitest.FindLabel(top, want)
	})
	if c, err := f.st.Recruitment().Candidate(t.Context(), f.hr, old.ID); err != nil || !c.Anonymized || c.FullName == "Old Rejection" {
		t.Errorf("the old rejection is %+v (%v), want it anonymised", c, err)
	}
	if c, err := f.st.Recruitment().Candidate(t.Context(), f.hr, f.cand.ID); err != nil || c.Anonymized {
		t.Errorf("an active candidate was anonymised (%v)", err)
	}
}
