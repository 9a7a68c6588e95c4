package evaluation

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

// Rule: the audit entry shows the running score computed by
// scoring.AuditScore as items are answered, warns and scores 0 when a
// critical item fails, refuses an all-na audit, and saves a complete audit
// with a generated AUD- reference that then appears in the list.
func TestAuditEntryLiveScoreAndCriticalWarning(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	scr := newAuditsScreen(widgets.EvalAreas(w.St), win, w.Qa, w.QaUser)
	win.SetContent(scr.content())
	uitest.WaitFor(t, "the form's items", func() bool {
		return len(scr.form.Items) > 0 && len(scr.answers) == len(scr.form.Items) && len(scr.agent.labels) == 5
	})
	scr.agent.choose(w.A1.ID)
	if scr.agent.selected() == nil || scr.agent.selected().ID != w.A1.ID {
		t.Fatalf("agent picker did not select A1")
	}
	pass, fail, na := i18n.T("answer.pass"), i18n.T("answer.fail"), i18n.T("answer.na")
	for _, it := range scr.form.Items {
		scr.answers[it.ID].SetSelected(na)
	}
	if !strings.Contains(scr.answered.Text, "N/A") || !strings.Contains(scr.score.Text, "—") {
		t.Errorf("all na: score %q, note %q", scr.score.Text, scr.answered.Text)
	}
	test.Tap(scr.save)
	// All na never reaches the store as a valid audit.
	uitest.WaitFor(t, "the all-na refusal", func() bool { return scr.status.Text != "" })
	for _, it := range scr.form.Items {
		scr.answers[it.ID].SetSelected(pass)
	}
	if !strings.Contains(scr.score.Text, "100.00") {
		t.Errorf("all pass: score %q, want 100.00", scr.score.Text)
	}
	var critical, plain models.AuditFormItem
	total := 0
	for _, it := range scr.form.Items {
		total += it.Weight
		if it.Critical && critical.ID == 0 {
			critical = it
		}
		if !it.Critical && plain.ID == 0 {
			plain = it
		}
	}
	scr.answers[plain.ID].SetSelected(fail)
	if scr.critical.Visible() {
		t.Error("critical warning shown without a critical fail")
	}
	if strings.Contains(scr.score.Text, "100.00") || strings.Contains(scr.score.Text, "0.00") && !strings.Contains(scr.score.Text, ".") {
		t.Errorf("one plain fail: score %q", scr.score.Text)
	}
	scr.answers[critical.ID].SetSelected(fail)
	if !scr.critical.Visible() || !strings.Contains(scr.score.Text, ": 0.00") {
		t.Errorf("critical fail: warning visible %v, score %q; want the warning and 0.00", scr.critical.Visible(), scr.score.Text)
	}
	test.Tap(scr.save)
	uitest.WaitFor(t, "the saved audit in the list", func() bool { return len(scr.rows) == 1 })
	if !strings.HasPrefix(scr.rows[0].Ref, "AUD-") || !scr.rows[0].CriticalFail || scr.rows[0].Score.Sign() != 0 {
		t.Errorf("saved %+v, want an AUD- audit scored 0 by a critical fail", scr.rows[0])
	}
	if !strings.Contains(scr.status.Text, scr.rows[0].Ref) {
		t.Errorf("status %q does not name the reference", scr.status.Text)
	}
}

// Rule: a supervisor's rating queue shows only their own team's unrated
// reports and who in the team has not submitted; rating one stores it and
// removes it from the queue.
func TestRatingQueueOnlyTeam(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	if _, err := w.St.Work().SubmitWeekly(t.Context(), w.Ag1, store.WeeklyInput{WeekStart: w.St.Work().ThisWeek(), TasksDone: "answered calls"}); err != nil {
		t.Fatal(err)
	}
	if _, err := w.St.Work().SubmitWeekly(t.Context(), w.Ag2, store.WeeklyInput{WeekStart: w.St.Work().ThisWeek(), TasksDone: "other team"}); err != nil {
		t.Fatal(err)
	}
	win := test.NewWindow(nil)
	defer win.Close()
	scr := NewRatingQueueScreen(w.St.Work(), win, w.Sup1)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the queue", func() bool { return len(scr.Queue) > 0 })
	if len(scr.Queue) != 1 || scr.Queue[0].EmployeeNo != "A1" {
		t.Fatalf("queue %+v, want only A1's report", scr.Queue)
	}
	if !strings.Contains(scr.missingThis.Text, "Dana Three") || strings.Contains(scr.missingThis.Text, "Amal One") || strings.Contains(scr.missingThis.Text, "Badr") {
		t.Errorf("missing this week %q, want only Dana Three", scr.missingThis.Text)
	}
	scr.List.Select(0)
	if !scr.detail.Visible() || !strings.Contains(scr.tasks.Text, "answered calls") {
		t.Fatalf("detail not shown: %q", scr.tasks.Text)
	}
	test.Tap(scr.Save)
	if scr.Status.Text != i18n.T("queue.need_rating") {
		t.Errorf("saving without a rating: status %q", scr.Status.Text)
	}
	scr.rating.SetSelected("4")
	test.Type(scr.comment, "clear report")
	test.Tap(scr.Save)
	uitest.WaitFor(t, "the queue to empty", func() bool { return len(scr.Queue) == 0 && scr.empty.Visible() })
	mine, err := w.St.Work().MyWeeklyReports(t.Context(), w.Ag1)
	if err != nil || len(mine) != 1 || mine[0].Rating == nil || *mine[0].Rating != 4 || mine[0].RatingComment != "clear report" {
		t.Errorf("stored report %+v %v, want rating 4 with the comment", mine, err)
	}
}

// Rule: an agent writes this week's report (week starting the Sunday on or
// before today), can edit it until it is rated, then sees the rating and can
// no longer edit.
func TestWeeklyReportForm(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	scr := NewWeeklyReportScreen(w.St.Work(), win, w.Ag1)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the state", func() bool { return scr.State.Text != "" })
	scr.picker.SetSelected(w.St.Work().ThisWeek().String()) // on a Sunday the default is the week just ended
	if scr.State.Text != i18n.T("weekly.not_submitted") {
		t.Errorf("state %q", scr.State.Text)
	}
	test.Type(scr.Interactions, "many")
	if scr.Interactions.Text != "" {
		t.Errorf("letters typed into interactions: %q", scr.Interactions.Text)
	}
	scr.Interactions.SetText("many") // set, not typed: the submit still checks
	test.Type(scr.Tasks, "handled escalations")
	test.Tap(scr.Submit)
	if scr.Status.Text != i18n.T("weekly.bad_interactions") {
		t.Errorf("bad number accepted: %q", scr.Status.Text)
	}
	scr.Interactions.SetText("37")
	test.Tap(scr.Submit)
	uitest.WaitFor(t, "the stored report", func() bool { return scr.Current != nil && scr.Submit.Text == i18n.T("weekly.update") })
	if scr.Current.WeekStart != w.St.Work().ThisWeek() || *scr.Current.Interactions != 37 || scr.Submit.Text != i18n.T("weekly.update") {
		t.Errorf("stored %+v, button %q", scr.Current, scr.Submit.Text)
	}
	scr.suggestions.SetText("shorter scripts")
	test.Tap(scr.Submit)
	uitest.WaitFor(t, "the edit", func() bool { return scr.Current != nil && scr.Current.Version == 2 })
	if _, err := w.St.Work().RateWeekly(t.Context(), w.Sup1, scr.Current.ID, scr.Current.Version, 5, "great"); err != nil {
		t.Fatal(err)
	}
	scr.reload()
	uitest.WaitFor(t, "the rating", func() bool { return scr.Current.Rating != nil })
	if !scr.Submit.Disabled() || !scr.Tasks.Disabled() || !strings.Contains(scr.State.Text, "5 / 5") || !strings.Contains(scr.State.Text, "great") {
		t.Errorf("rated report: submit disabled %v, state %q", scr.Submit.Disabled(), scr.State.Text)
	}
	if len(scr.past) != 1 || weeklyCell(scr.past[0], 3) != "5 / 5" {
		t.Errorf("past reports %+v", scr.past)
	}
}

// Rule: the review form offers only the supervisor's team, shows the live
// review score (scoring.ReviewScore), provisional over the competencies
// rated so far until every one is rated, and
// saves the review, which then appears among the past reviews.
func TestReviewForm(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	win := test.NewWindow(nil)
	defer win.Close()
	scr := NewReviewsScreen(widgets.EvalAreas(w.St), win, w.Sup1)
	win.SetContent(scr.Content())
	uitest.WaitFor(t, "the competencies", func() bool {
		return len(scr.Ratings) > 0 && len(scr.Ratings) == len(scr.comps) && len(scr.Agent.Options) > 0
	})
	if len(scr.Agent.Options) != 2 || !strings.HasPrefix(scr.Agent.Options[0], "A1") || !strings.HasPrefix(scr.Agent.Options[1], "A3") {
		t.Fatalf("agents offered %v, want A1 and A3 only", scr.Agent.Options)
	}
	scr.Agent.SetSelectedIndex(0)
	first := true
	for _, c := range scr.comps {
		if first {
			scr.Ratings[c.Code].SetSelected("3")
			first = false
			if !strings.Contains(scr.score.Text, "60.00") || !strings.Contains(scr.score.Text, "1 of") {
				t.Errorf("after one rating: %q", scr.score.Text)
			}
			continue
		}
		scr.Ratings[c.Code].SetSelected("5")
	}
	if !strings.Contains(scr.score.Text, "Review score:") {
		t.Fatalf("score %q", scr.score.Text)
	}
	test.Type(scr.comments, "steady quarter")
	test.Tap(scr.Save)
	uitest.WaitFor(t, "the saved review", func() bool { return len(scr.Reviews) == 1 })
	if scr.Reviews[0].AgentID != w.A1.ID || scr.Reviews[0].Comments != "steady quarter" || !strings.Contains(scr.score.Text, "0 of") {
		t.Errorf("review %+v; score after save %q", scr.Reviews[0], scr.score.Text)
	}
	if got := scoreText(scr.Reviews[0].Score); got == "—" || got == "100.00" {
		t.Errorf("listed score %s", got)
	}
	// Rule: the supervisor opens the review from the list and deletes it
	// with a reason; it leaves the list.
	scr.table.Select(widget.TableCellID{Row: 0, Col: 0})
	uitest.WaitFor(t, "the review's dialog", func() bool { return uitest.HasButton(win, i18n.T("review.delete")) })
	top := win.Canvas().Overlays().Top()
	test.Type(uitest.FindEntry(top, i18n.T("audit.delete_reason")), "wrong quarter")
	test.Tap(uitest.FindButton(top, i18n.T("review.delete")))
	uitest.WaitFor(t, "the list without the review", func() bool { return len(scr.Reviews) == 0 })
	if scr.status.Text != i18n.T("review.deleted") {
		t.Errorf("status %q after delete", scr.status.Text)
	}
}

// Rule: the audit-form editor saves an edit of a form that audits use as a
// new version, and the editor then shows that new version.
func TestAuditFormEditorNewVersion(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	forms, err := w.St.Work().LatestForms(t.Context(), w.Qa)
	if err != nil || len(forms) == 0 {
		t.Fatal(forms, err)
	}
	f := forms[0]
	answers := map[uint]models.Answer{}
	for _, it := range f.Items {
		answers[it.ID] = models.Pass
	}
	if _, err := w.St.Work().EnterAudit(t.Context(), w.Qa, store.NewAudit{AgentID: w.A1.ID, FormID: f.ID, Date: models.DateOf(w.St.Now()), Channel: models.Phone, Answers: answers}); err != nil {
		t.Fatal(err)
	}
	win := test.NewWindow(nil)
	defer win.Close()
	scr := newAuditFormsScreen(w.St.Work(), win, w.Qa)
	win.SetContent(scr.content())
	uitest.WaitFor(t, "the form in the editor", func() bool {
		return scr.current.ID == f.ID && len(scr.rows) == len(f.Items) && scr.note.Text != i18n.T("forms.note_new")
	})
	if !strings.Contains(scr.note.Text, "version 2") {
		t.Errorf("note %q does not announce version 2", scr.note.Text)
	}
	scr.rows[0].weight.SetText("x")
	test.Tap(scr.save)
	if !strings.Contains(scr.status.Text, "whole number") {
		t.Errorf("bad weight: status %q", scr.status.Text)
	}
	scr.rows[0].weight.SetText("4")
	test.Tap(scr.addItem)
	last := scr.rows[len(scr.rows)-1]
	last.code.SetText("EMPATHY")
	last.textEn.SetText("Shows empathy")
	test.Tap(scr.save)
	uitest.WaitFor(t, "version 2", func() bool { return scr.current.FormVer == 2 || strings.Contains(scr.status.Text, "rror") })
	if len(scr.current.Items) != len(f.Items)+1 || scr.current.Items[0].Weight != 4 || scr.current.Audits != 0 {
		t.Errorf("version 2 %+v", scr.current)
	}
}

// Rule: choosing an audit in the list shows it; Quality deletes it there
// with a reason (the store refuses without one) and it leaves the list.
func TestAuditDeleteFromList(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	w := uitest.NewWorkWorld(t)
	forms, err := w.St.Work().LatestForms(t.Context(), w.Qa)
	if err != nil || len(forms) == 0 {
		t.Fatal(err)
	}
	answers := map[uint]models.Answer{}
	for _, it := range forms[0].Items {
		answers[it.ID] = models.Pass
	}
	au, err := w.St.Work().EnterAudit(t.Context(), w.Qa, store.NewAudit{AgentID: w.A1.ID, FormID: forms[0].ID, Date: models.DateOf(time.Now()).AddDays(-1),
		Channel: models.Phone, Auditor: "QA", Answers: answers})
	if err != nil {
		t.Fatal(err)
	}
	win := test.NewWindow(nil)
	defer win.Close()
	win.Resize(fyne.NewSize(1300, 900))
	scr := newAuditsScreen(widgets.EvalAreas(w.St), win, w.Qa, w.QaUser)
	win.SetContent(scr.content())
	uitest.WaitFor(t, "the audit in the list", func() bool { return len(scr.rows) == 1 })
	scr.table.Select(widget.TableCellID{Row: 0, Col: 0})
	uitest.WaitFor(t, "the audit's dialog", func() bool { return uitest.HasButton(win, i18n.T("audit.delete")) })
	del := uitest.FindButton(win.Canvas().Overlays().Top(), i18n.T("audit.delete"))
	reason := uitest.FindEntry(win.Canvas().Overlays().Top(), i18n.T("audit.delete_reason"))
	if reason == nil {
		t.Fatal("no reason entry in the dialog")
	}
	test.Type(reason, "entered for the wrong agent")
	test.Tap(del)
	uitest.WaitFor(t, "the list without the audit", func() bool { return len(scr.rows) == 0 })
	if !strings.Contains(scr.status.Text, au.Ref) {
		t.Errorf("status %q does not name the deleted audit", scr.status.Text)
	}
}
