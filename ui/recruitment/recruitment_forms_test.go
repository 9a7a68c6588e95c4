package recruitment

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// newCandidatesWorld is HR's candidates tab over the recruitment fixture.
func newCandidatesWorld(t *testing.T) (recruitUIFixture, fyne.Window, *recruit, *candidatesTab) {
	t.Helper()
	f := newRecruitUIFixture(t)
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1200, 900))
	r := newRecruit(recruitmentOf(f.st), w, f.hr)
	w.SetContent(r.content())
	tab := newCandidatesTab(r)
	w.SetContent(tab.content())
	uitest.WaitFor(t, "the candidates and jobs", func() bool { return len(tab.rows) == 1 && len(tab.job.jobs) > 0 })
	return f, w, r, tab
}

// pickJob chooses the first job in the open form's job select.
func pickJob(t *testing.T, w fyne.Window) *widget.Select {
	t.Helper()
	var sel *widget.Select
	switch f := uitest.DialogField(t, w, "Job").(type) {
	case *widget.Select:
		sel = f
	case *widgets.DataSelect: // the jobs drop-down shows its options through the bidi layer
		sel = &f.Select
	}
	if sel == nil || len(sel.Options) == 0 {
		t.Fatal("the form has no job choices")
	}
	sel.SetSelectedIndex(0)
	return sel
}

// Rule: the add-candidate form (the tab's Add candidate button) saves the
// typed candidate on Save and closes; a candidate with the phone of another
// is saved only after the duplicate warning is confirmed; the e-mail of
// another is refused (one candidate per e-mail) with the form kept open.
func TestCandidateFormAddSaves(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, _, tab := newCandidatesWorld(t)
	test.Tap(uitest.FindButton(w.Content(), "Add candidate"))
	name := uitest.TypeField(t, w, "Name", "Omar Zahrani")
	pickJob(t, w)
	email := uitest.TypeField(t, w, "Email", "reem@example.com") // the fixture candidate's
	uitest.TypeField(t, w, "Applied on", "2026-11-02")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused e-mail", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if !uitest.OnScreen(w, name) || name.Text != "Omar Zahrani" {
		t.Fatal("a taken e-mail closed the form or lost the typed name")
	}
	email.SetText("")
	test.Type(email, "omar@example.com")
	if _, err := f.st.Recruitment().SaveCandidate(t.Context(), f.hr, models.Candidate{FullName: "Phone Owner", Email: "owner@example.com", Phone: "+966500000001", JobID: f.cand.JobID}); err != nil {
		t.Fatal(err)
	}
	uitest.TypeField(t, w, "Phone", "+966500000001")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the duplicate warning", func() bool { return uitest.FindLabel(uitest.TopOverlay(w), "Possible duplicate") })
	uitest.TapIn(t, w, "Yes")
	uitest.WaitFor(t, "the saved candidate", func() bool { return !uitest.OnScreen(w, name) })
	cs, err := f.st.Recruitment().ListCandidates(t.Context(), f.hr, store.CandidateFilter{Search: "Omar"})
	if err != nil || len(cs) != 1 || cs[0].AppliedOn.String() != "2026-11-02" || cs[0].Email != "omar@example.com" {
		t.Fatalf("stored candidates %+v, %v", cs, err)
	}
	uitest.WaitFor(t, "the list with the new candidate", func() bool { return len(tab.rows) == 3 })
}

// Rule: the candidate form refuses a missing name and a bad date
// beside the fields, keeps what was typed and stores nothing.
func TestCandidateFormInvalidStaysOpen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, _, _ := newCandidatesWorld(t)
	test.Tap(uitest.FindButton(w.Content(), "Add candidate"))
	email := uitest.TypeField(t, w, "Email", "omar@example.com")
	applied := uitest.TypeField(t, w, "Applied on", "2026-02-30")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the check", func() bool { return true })
	got := uitest.ShownErrors(uitest.TopOverlay(w))
	if strings.Count(got, i18n.T("form.required")) != 1 || !strings.Contains(got, uitest.BadDay("2026-02-30")) {
		t.Errorf("errors shown %q, want the name required and the bad date", got)
	}
	if !uitest.OnScreen(w, email) || email.Text != "omar@example.com" || applied.Text != "2026-02-30" {
		t.Error("the form closed or lost its fields")
	}
	if cs, _ := f.st.Recruitment().ListCandidates(t.Context(), f.hr, store.CandidateFilter{}); len(cs) != 1 {
		t.Errorf("%d candidates stored, want the fixture's only", len(cs))
	}
}

// Rule: editing a candidate someone else changed since the page was opened
// is refused (stale version): the edit form stays open with the typed name
// and the stale message, and the other change stays.
func TestCandidateFormStaleStaysOpen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, r, _ := newCandidatesWorld(t)
	w.SetContent(r.content())
	p := openCandidate(r, f.cand.ID)
	uitest.WaitFor(t, "the candidate page", func() bool { return p.c.ID == f.cand.ID })
	test.Tap(uitest.FindButton(w.Content(), "Edit"))
	uitest.WaitFor(t, "the edit form", func() bool { return uitest.FormIn(uitest.TopOverlay(w)) != nil })
	other := f.cand
	other.Notes = "changed at another desk"
	if _, err := f.st.Recruitment().SaveCandidate(t.Context(), f.hr, other); err != nil {
		t.Fatal(err)
	}
	name := uitest.TypeField(t, w, "Name", "Reem A. Alharbi")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused save", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("error.stale") {
		t.Errorf("error shown %q, want the stale message", got)
	}
	if !uitest.OnScreen(w, name) || name.Text != "Reem A. Alharbi" {
		t.Error("the form closed or lost the typed name")
	}
	c, _ := f.st.Recruitment().Candidate(t.Context(), f.hr, f.cand.ID)
	if c.FullName != "Reem Alharbi" || c.Notes != "changed at another desk" {
		t.Errorf("stored %q / %q", c.FullName, c.Notes)
	}
}

// toOffer moves the fixture's candidate along the pipeline to the offer stage.
func toOffer(t *testing.T, f recruitUIFixture) {
	t.Helper()
	c := f.cand
	for _, s := range []models.Stage{models.StageScreening, models.StageInterview, models.StageOffer} {
		if err := f.st.Recruitment().MoveStage(t.Context(), f.hr, c.ID, c.Version, s, "", models.DateOf(time.Now())); err != nil {
			t.Fatalf("move to %s: %v", s, err)
		}
		var err error
		if c, err = f.st.Recruitment().Candidate(t.Context(), f.hr, c.ID); err != nil {
			t.Fatal(err)
		}
	}
}

// openHire opens the candidate's page and taps its Hire button.
func openHire(t *testing.T, f recruitUIFixture, w fyne.Window, r *recruit) {
	t.Helper()
	w.SetContent(r.content())
	p := openCandidate(r, f.cand.ID)
	uitest.WaitFor(t, "the candidate page at offer", func() bool { return p.c.Stage == models.StageOffer })
	test.Tap(uitest.FindButton(w.Content(), "Hire"))
	uitest.WaitFor(t, "the hire form", func() bool { return uitest.FormIn(uitest.TopOverlay(w)) != nil })
}

// Rule: hiring from the candidate page (Hire → employee number, dates →
// Hire) creates the agent and closes the form; a bad date or a missing
// number is refused beside the field, and a taken employee number (a store
// refusal) keeps the form open with the fields as typed.
func TestHireForm(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, r, _ := newCandidatesWorld(t)
	uitest.SeedAgents(t, f.st, 1) // E0000 is taken
	toOffer(t, f)
	openHire(t, f, w, r)

	hire := uitest.TypeField(t, w, "Hire date", "2026-11-31")
	uitest.TapIn(t, w, "Hire")
	uitest.WaitFor(t, "the check", func() bool { return true })
	got := uitest.ShownErrors(uitest.TopOverlay(w))
	if !strings.Contains(got, i18n.T("form.required")) || !strings.Contains(got, uitest.BadDay("2026-11-31")) {
		t.Errorf("errors shown %q, want the number required and the bad date", got)
	}
	if !uitest.OnScreen(w, hire) || hire.Text != "2026-11-31" {
		t.Fatal("invalid: the form closed or lost the date")
	}

	uitest.TypeField(t, w, "Hire date", "2026-11-01")
	uitest.TypeField(t, w, "Role start date", "2026-11-01")
	no := uitest.TypeField(t, w, "Employee number", "E0000")
	team := uitest.TypeField(t, w, "Team", "North")
	uitest.TapIn(t, w, "Hire")
	uitest.WaitFor(t, "the refused hire", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("error.already_exists") {
		t.Errorf("taken number: error %q", got)
	}
	if !uitest.OnScreen(w, no) || no.Text != "E0000" || team.Text != "North" {
		t.Fatal("taken number: the form closed or lost its fields")
	}

	uitest.TypeField(t, w, "Employee number", "E0500")
	uitest.TapIn(t, w, "Hire")
	uitest.WaitFor(t, "the hire", func() bool { return !uitest.OnScreen(w, no) })
	ag, err := f.st.Agent(t.Context(), f.hr, "E0500")
	if err != nil || ag.FullName != "Reem Alharbi" || ag.Team != "North" || ag.HireDate.String() != "2026-11-01" {
		t.Errorf("hired agent %+v, %v", ag, err)
	}
}

// Rule: the move-stage form (candidate page → Move to stage) refuses a bad
// date beside the field and, when someone else moved the candidate first
// (stale version), stays open with the reason as typed and the stale
// message; a valid move is stored and closes the form.
func TestMoveStageForm(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	f, w, r, _ := newCandidatesWorld(t)
	w.SetContent(r.content())
	p := openCandidate(r, f.cand.ID)
	uitest.WaitFor(t, "the candidate page", func() bool { return p.c.ID == f.cand.ID })
	test.Tap(uitest.FindButton(w.Content(), i18n.T("rec.move_stage")))
	date := uitest.TypeField(t, w, i18n.T("rec.date"), "2026-04-31")
	reason := uitest.TypeField(t, w, i18n.T("rec.reason"), "good phone screen")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the check", func() bool { return true })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != uitest.BadDay("2026-04-31") {
		t.Errorf("bad date: error %q", got)
	}
	if !uitest.OnScreen(w, date) || date.Text != "2026-04-31" || reason.Text != "good phone screen" {
		t.Fatal("bad date: the form closed or lost its fields")
	}

	other := f.cand
	other.Notes = "edited at another desk"
	if _, err := f.st.Recruitment().SaveCandidate(t.Context(), f.hr, other); err != nil {
		t.Fatal(err)
	}
	uitest.TypeField(t, w, i18n.T("rec.date"), "2026-04-30")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused move", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("error.stale") {
		t.Errorf("stale: error %q", got)
	}
	if !uitest.OnScreen(w, reason) || reason.Text != "good phone screen" {
		t.Fatal("stale: the form closed or lost the reason")
	}
	uitest.TapIn(t, w, "Cancel")

	// Reopened on the reloaded page, the move is stored.
	p.reload()
	uitest.WaitFor(t, "the reloaded page", func() bool { return p.c.Notes == "edited at another desk" })
	test.Tap(uitest.FindButton(w.Content(), i18n.T("rec.move_stage")))
	uitest.TypeField(t, w, i18n.T("rec.date"), "2026-05-02")
	reason = uitest.TypeField(t, w, i18n.T("rec.reason"), "invited")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the move", func() bool { return !uitest.OnScreen(w, reason) && p.c.Stage == models.StageScreening })
	h, err := f.st.Recruitment().StageHistory(t.Context(), f.hr, f.cand.ID)
	if err != nil || len(h) != 2 || h[1].Reason != "invited" || h[1].On.String() != "2026-05-02" {
		t.Errorf("stage history %+v, %v", h, err)
	}
}
