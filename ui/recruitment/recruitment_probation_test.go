package recruitment

import (
	"testing"

	"fyne.io/fyne/v2/test"

	"sullam/models"
	"sullam/store"
	"sullam/ui/evaluation"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule (issue 13, probation): the supervisor ticks "Probation review" on
// the review form, and the review is stored as the probation review (the
// list marks it); the hired candidate's page then shows the timeline
// applied → not interviewed yet → hired → probation review done, where it
// showed the review overdue (hire + 90 days passed) before.
func TestProbationReviewOnTimeline(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, r, _ := newCandidatesWorld(t)
	sys := store.SystemActor("test")
	supAg, err := f.st.SaveAgent(t.Context(), sys, models.Agent{EmployeeNo: "S9", FullName: "Sara Supervisor", HireDate: models.MustDate("2020-01-05"),
		Role: "csr", RoleStartDate: models.MustDate("2020-01-05"), Team: "A"})
	if err != nil {
		t.Fatal(err)
	}
	su, err := f.st.Accounts().CreateUser(t.Context(), sys, store.NewUser{Username: "sara", FullName: "Sara", Password: "correct horse battery", Roles: []models.Role{models.RoleSupervisor}, AgentID: &supAg.ID})
	if err != nil {
		t.Fatal(err)
	}
	su.Roles = []models.UserRole{{UserID: su.ID, Role: models.RoleSupervisor}}
	toOffer(t, f)
	c, err := f.st.Recruitment().Candidate(t.Context(), f.hr, f.cand.ID)
	if err != nil {
		t.Fatal(err)
	}
	ag, err := f.st.Recruitment().Hire(t.Context(), f.hr, c.ID, c.Version, store.HireInput{EmployeeNo: "N100", HireDate: models.MustDate("2025-06-01"), SupervisorID: &supAg.ID})
	if err != nil {
		t.Fatal(err)
	}

	w.SetContent(r.content())
	p := openCandidate(r, f.cand.ID)
	overdue := i18n.T("rec.timeline.probation_overdue", map[string]any{"Date": "2025-08-30"})
	uitest.WaitFor(t, "the candidate's timeline", func() bool { return uitest.FindLabel(w.Content(), overdue) })
	for _, want := range []string{i18n.T("rec.timeline.not_interviewed"), i18n.T("rec.timeline.hired", map[string]any{"No": "N100", "Date": "2025-06-01"})} {
		if !uitest.FindLabel(w.Content(), want) {
			t.Errorf("timeline line %q missing", want)
		}
	}

	rw := test.NewWindow(nil)
	defer rw.Close()
	scr := evaluation.NewReviewsScreen(widgets.EvalAreas(f.st), rw, store.ActorOf(su))
	rw.SetContent(scr.Content())
	uitest.WaitFor(t, "the review form", func() bool { return len(scr.Ratings) > 0 && len(scr.Agent.Options) == 1 })
	scr.Agent.SetSelectedIndex(0)
	for _, rg := range scr.Ratings {
		rg.SetSelected("4")
	}
	test.Tap(scr.Probation)
	test.Tap(scr.Save)
	uitest.WaitFor(t, "the saved review", func() bool { return len(scr.Reviews) == 1 })
	if !scr.Reviews[0].Probation || scr.Reviews[0].AgentID != ag.ID || scr.Probation.Checked {
		t.Fatalf("saved review %+v (form still ticked: %v), want the probation review of N100", scr.Reviews[0].Review, scr.Probation.Checked)
	}
	if got := evaluation.ReviewCell(scr.Reviews[0], 1); got != i18n.T("review.probation_mark", map[string]any{"Period": scr.Reviews[0].Period}) {
		t.Errorf("the list's period cell %q does not mark the probation review", got)
	}

	p.reload()
	done := i18n.T("rec.timeline.probation_done", map[string]any{"Date": scr.Reviews[0].ReviewDate.String()})
	uitest.WaitFor(t, "the probation review done on the timeline", func() bool { return uitest.FindLabel(w.Content(), done) })
}
