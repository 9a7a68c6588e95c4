package promotions

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// Rule: the promotion board lists every active agent below the top of the
// ladder (loaded off the UI thread), the search narrows it by name or number,
// the status filter by status, and tapping a header sorts by that column
// (tapping again reverses).
func TestPromotionBoardFiltersAndSorts(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 6)
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the board", func() bool { return len(s.Rows) == 6 })

	test.Type(s.Search, "E0003")
	uitest.WaitFor(t, "the search", func() bool { return len(s.Rows) == 1 && s.Rows[0].EmployeeNo == "E0003" })
	s.Search.SetText("")
	uitest.WaitFor(t, "the full board again", func() bool { return len(s.Rows) == 6 })

	uitest.TapShowing(t, w, s.tr.T("report.name")) // the Name column's header
	if s.Rows[0].FullName != "Agent 0" {
		t.Errorf("first by name = %s", s.Rows[0].FullName)
	}
	uitest.TapShowing(t, w, s.tr.T("report.name"))
	if s.Rows[0].FullName != "Agent 5" {
		t.Errorf("first by name, reversed = %s", s.Rows[0].FullName)
	}

	// No evaluations at all: everyone lacks data.
	s.statusSel.SetSelectedIndex(1) // ready
	if len(s.Rows) != 0 {
		t.Errorf("ready agents = %d, want 0", len(s.Rows))
	}
	s.statusSel.SetSelectedIndex(3) // insufficient data
	if len(s.Rows) != 6 {
		t.Errorf("insufficient-data agents = %d, want 6", len(s.Rows))
	}
}

// newBoardWorld is the promotion board of a manager over st, loaded.
func newBoardWorld(t *testing.T, st *store.Store) (fyne.Window, *PromotionsScreen) {
	t.Helper()
	mgr := store.ActorOf(uitest.MustTestUser(t, st, "mgr1", models.RoleManager))
	w := test.NewWindow(nil)
	t.Cleanup(w.Close)
	w.Resize(fyne.NewSize(1200, 800))
	s := NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr})
	w.SetContent(s.Content())
	uitest.WaitFor(t, "the board", func() bool { return len(s.Rows) > 0 })
	return w, s
}

// boardRow returns the index of the first board row that ok accepts.
func boardRow(t *testing.T, s *PromotionsScreen, ok func(report.BoardRow) bool) int {
	t.Helper()
	for i, r := range s.Rows {
		if ok(r) {
			return i
		}
	}
	t.Fatal("no such row on the board")
	return -1
}

// openDecision selects the board row i (as a click on it does) and taps the
// decision dialog's button.
func openDecision(t *testing.T, w fyne.Window, s *PromotionsScreen, i int, button string) {
	t.Helper()
	s.table.Select(widget.TableCellID{Row: i, Col: 0})
	uitest.WaitFor(t, "the decision history", func() bool { return true })
	uitest.TapIn(t, w, button)
}

// Rule: approving a ready agent's promotion from the board (row → Approve
// promotion → date and reason → Save) changes the agent's role in the store,
// closes the form and reloads the board with the new role.
func TestPromotionApproveFromBoard(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	w, s := newBoardWorld(t, st)
	i := boardRow(t, s, func(r report.BoardRow) bool { return r.Readiness.Status == models.Ready })
	row := s.Rows[i]
	openDecision(t, w, s, i, "Approve promotion")
	reason := uitest.TypeField(t, w, "Reason", "three strong years")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the reloaded board", func() bool {
		for _, r := range s.all {
			if r.AgentID == row.AgentID {
				return r.Readiness.Role == row.Readiness.NextRole
			}
		}
		return true // promoted to the top of the ladder: off the board
	})
	ag, err := st.AgentByID(t.Context(), s.actor, row.AgentID)
	if err != nil || ag.Role != row.Readiness.NextRole || ag.RoleStartDate != s.today {
		t.Errorf("agent after approval: %s from %s (%v), want %s from %s", ag.Role, ag.RoleStartDate, err, row.Readiness.NextRole, s.today)
	}
	if uitest.OnScreen(w, reason) {
		t.Error("the approval form is still open after the decision was stored")
	}
	if !uitest.FindLabel(uitest.TopOverlay(w), "The decision was recorded.") {
		t.Error("no confirmation of the recorded decision")
	}
	if ph, err := st.Evaluations().PromotionHistory(t.Context(), s.actor, row.AgentID); err != nil || len(ph) != 1 || ph[0].Exception {
		t.Errorf("decision of a ready agent = %+v, %v; want one, not an exception", ph, err)
	}
}

// Rule (issue 13): approving the promotion of an agent who is not ready says
// it is an exception and asks for a justification: one shorter than
// store.MinJustification characters is refused beside the field with the
// dialog open; a long enough one is stored as an exception, and the
// decision history then names the ladder's roles, not their codes.
func TestPromotionExceptionNeedsJustification(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 2) // no evaluations: not ready
	w, s := newBoardWorld(t, st)
	i := boardRow(t, s, func(r report.BoardRow) bool { return r.Readiness.Status != models.Ready })
	row := s.Rows[i]
	openDecision(t, w, s, i, "Approve promotion")
	if !strings.Contains(uitest.TextIn(uitest.TopOverlay(w)), "this promotion an exception") {
		t.Error("the approval of a not-ready agent does not say it is an exception")
	}
	why := uitest.TypeField(t, w, "Justification", "good year")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the check", func() bool { return true })
	want := i18n.Plural("promotions.justification_short", store.MinJustification, map[string]any{"Min": store.MinJustification})
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != want {
		t.Errorf("short justification: error %q, want %q", got, want)
	}
	if !uitest.OnScreen(w, why) || why.Text != "good year" {
		t.Fatal("short justification: the form closed or lost the text")
	}
	if ag, _ := st.AgentByID(t.Context(), s.actor, row.AgentID); ag.Role != "csr" {
		t.Fatalf("role changed to %s without a justification", ag.Role)
	}
	long := "covered the coordinator's shifts all year; records were lost"
	uitest.TypeField(t, w, "Justification", long)
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the recorded exception", func() bool { return !uitest.OnScreen(w, why) })
	ph, err := st.Evaluations().PromotionHistory(t.Context(), s.actor, row.AgentID)
	if err != nil || len(ph) != 1 || !ph[0].Exception || ph[0].Reason != long {
		t.Fatalf("decisions = %+v, %v; want one exception with the justification", ph, err)
	}

	ladder, err := st.Ladder(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	uitest.WaitFor(t, "the reloaded board", func() bool { return len(s.Rows) > 0 })
	j := boardRow(t, s, func(r report.BoardRow) bool { return r.AgentID == row.AgentID })
	s.table.Select(widget.TableCellID{Row: j, Col: 0})
	uitest.WaitFor(t, "the history", func() bool { return true })
	line := historyLine(ph[0], ladder)
	if !uitest.FindLabel(uitest.TopOverlay(w), line) {
		t.Errorf("history line %q not shown", line)
	}
	for _, code := range []string{" csr ", " coordinator "} {
		if strings.Contains(line, code) {
			t.Errorf("history line %q shows the role code%s", line, code)
		}
	}
	if !strings.Contains(line, widgets.LadderRoleName(ladder, "csr")) || !strings.Contains(line, "as an exception") {
		t.Errorf("history line %q: want the role names and the exception", line)
	}
}

// Rule: the approval form refuses a bad date and an empty reason beside the
// fields and keeps them as typed; nothing changes in the store.
func TestPromotionApproveInvalidStaysOpen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	w, s := newBoardWorld(t, st)
	i := boardRow(t, s, func(r report.BoardRow) bool { return r.Readiness.Status == models.Ready })
	row := s.Rows[i]
	openDecision(t, w, s, i, "Approve promotion")
	eff := uitest.TypeField(t, w, "Effective date", "2026-13-01")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the check", func() bool { return true })
	got := uitest.ShownErrors(uitest.TopOverlay(w))
	if !strings.Contains(got, uitest.BadDay("2026-13-01")) || !strings.Contains(got, i18n.T("form.required")) {
		t.Errorf("errors shown %q, want the bad date and the required reason", got)
	}
	if !uitest.OnScreen(w, eff) || eff.Text != "2026-13-01" {
		t.Error("the form closed or lost the typed date")
	}
	ag, _ := st.AgentByID(t.Context(), s.actor, row.AgentID)
	if ag.Role != row.Readiness.Role {
		t.Errorf("role changed to %s by an invalid form", ag.Role)
	}
}

// Rule: when the store refuses the approval (someone else promoted the agent
// after the board was loaded), the form stays open with the reason as typed
// and shows the store's reason; the other decision stands alone.
func TestPromotionApproveStoreErrorStaysOpen(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.LoadDemo(t, st)
	w, s := newBoardWorld(t, st)
	i := boardRow(t, s, func(r report.BoardRow) bool { return r.Readiness.Status == models.Ready })
	row := s.Rows[i]
	openDecision(t, w, s, i, "Approve promotion")
	reason := uitest.TypeField(t, w, "Reason", "three strong years")
	if _, err := st.Evaluations().DecidePromotion(t.Context(), s.actor, row.AgentID, row.Readiness.NextRole, s.today, "decided at another desk"); err != nil {
		t.Fatal(err)
	}
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused decision", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); !strings.Contains(got, i18n.T("error.next_role")) { // the store's reason, in the user's language
		t.Errorf("error shown %q", got)
	}
	if !uitest.OnScreen(w, reason) || reason.Text != "three strong years" {
		t.Error("the form closed or lost the reason")
	}
	ph, err := st.Evaluations().PromotionHistory(t.Context(), s.actor, row.AgentID)
	if err != nil || len(ph) != 1 {
		t.Errorf("decisions = %+v, %v; want only the other desk's", ph, err)
	}
}

// Rule: keeping an overdue agent in role (row → Keep in role → reason →
// Save) records the decision; an empty reason is refused beside the field,
// and a store refusal (the agent was made inactive meanwhile) keeps the form
// open with the reason as typed.
func TestPromotionKeepFromBoard(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 2)
	w, s := newBoardWorld(t, st)
	i := boardRow(t, s, func(r report.BoardRow) bool { return r.Readiness.Overdue })
	row := s.Rows[i]

	openDecision(t, w, s, i, "Keep in role")
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the check", func() bool { return true })
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != i18n.T("form.required") {
		t.Errorf("empty reason: error %q", got)
	}
	reason := uitest.TypeField(t, w, "Reason", "needs coaching on complaints")

	other, err := st.AgentByID(t.Context(), s.actor, row.AgentID)
	if err != nil {
		t.Fatal(err)
	}
	other.Status = models.Inactive
	if other, err = st.SaveAgent(t.Context(), store.SystemActor("test"), other); err != nil {
		t.Fatal(err)
	}
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the refused decision", func() bool { return uitest.ShownErrors(uitest.TopOverlay(w)) != "" })
	if !uitest.OnScreen(w, reason) || reason.Text != "needs coaching on complaints" {
		t.Fatal("inactive agent: the form closed or lost the reason")
	}
	other.Status = models.Active
	if _, err := st.SaveAgent(t.Context(), store.SystemActor("test"), other); err != nil {
		t.Fatal(err)
	}
	uitest.TapIn(t, w, "Save")
	uitest.WaitFor(t, "the recorded decision", func() bool { return !uitest.OnScreen(w, reason) })
	ph, err := st.Evaluations().PromotionHistory(t.Context(), s.actor, row.AgentID)
	if err != nil || len(ph) != 1 || ph[0].Kind != store.DecisionKeep || ph[0].Reason != "needs coaching on complaints" {
		t.Errorf("decisions = %+v, %v", ph, err)
	}
}

// Rule: the decision dialog has the approve button for a manager only.
func TestPromotionDecisionManagerOnly(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 2)
	w, s := newBoardWorld(t, st)
	s.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if !uitest.HasButton(w, "Approve promotion") {
		t.Error("manager: no approve button")
	}
	hr := store.ActorOf(uitest.MustTestUser(t, st, "hr1", models.RoleHR))
	w2 := test.NewWindow(nil)
	defer w2.Close()
	s2 := NewPromotionsScreen(widgets.Deps{Store: st, Win: w2, Actor: hr})
	w2.SetContent(s2.Content())
	uitest.WaitFor(t, "HR's board", func() bool { return len(s2.Rows) == 2 })
	s2.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if uitest.HasButton(w2, "Approve promotion") {
		t.Error("HR: approve button shown")
	}
}

// Rule: the board's cells say what an agent needs next year, with "out of
// reach next year" in words beside the number, and a not-eligible status
// with the date of eligibility.
func TestBoardCellsWords(t *testing.T) {
	tr, err := report.NewTranslator("en")
	if err != nil {
		t.Fatal(err)
	}
	r := report.BoardRow{EmployeeNo: "E1", Readiness: scoring.Readiness{Status: models.NotReady,
		HasRequiredNext: true, RequiredNext: 10817, OutOfReach: true}}
	if got := report.BoardCells(tr, r)[9]; got != "108.17 — out of reach next year" {
		t.Errorf("needs = %q", got)
	}
	r.Readiness = scoring.Readiness{Status: models.NotEligible, EligibleOn: models.MustDate("2027-04-09")}
	if got := report.BoardCells(tr, r)[4]; got != "Not yet eligible (eligible from 2027-04-09)" {
		t.Errorf("status = %q", got)
	}
}

// Rule: in Arabic the exception approval is drawn in Arabic: the
// justification's label stands to the right of its field, and a too short
// justification is refused with the Arabic reason beside it.
func TestPromotionExceptionArabic(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("ar")
	defer i18n.Use("en")
	st := uitest.OpenTestStore(t)
	uitest.SeedAgents(t, st, 1)
	w, s := newBoardWorld(t, st)
	openDecision(t, w, s, 0, i18n.T("promotions.approve"))
	why := uitest.TypeField(t, w, i18n.T("promotions.justification"), "سنة جيدة")
	uitest.TapIn(t, w, i18n.T("action.save"))
	uitest.WaitFor(t, "the check", func() bool { return true })
	want := i18n.Plural("promotions.justification_short", store.MinJustification, map[string]any{"Min": store.MinJustification})
	if got := uitest.ShownErrors(uitest.TopOverlay(w)); got != want || !strings.Contains(i18n.T("promotions.justification_short"), "حرف") {
		t.Errorf("error shown %q, want the Arabic %q", got, want)
	}
	uitest.CheckErrorsInVisualOrder(t, uitest.TopOverlay(w))
	f := uitest.FormIn(uitest.TopOverlay(w))
	var lbl fyne.CanvasObject
	for i := 0; i+1 < len(f.Box.Objects); i += 2 {
		if l, ok := f.Box.Objects[i].(*widget.Label); ok && l.Text == i18n.T("promotions.justification") {
			lbl = l
		}
	}
	drv := fyne.CurrentApp().Driver()
	if lbl == nil || drv.AbsolutePositionForObject(lbl).X <= drv.AbsolutePositionForObject(why).X {
		t.Error("the Arabic label is not to the right of its field")
	}
}
