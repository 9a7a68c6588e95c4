package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/scoring"
	"sullam/store"
	"sullam/ui/i18n"
)

// Rule: the promotion board lists every active agent below the top of the
// ladder (loaded off the UI thread), the search narrows it by name or number,
// the status filter by status, and tapping a header sorts by that column
// (tapping again reverses).
func TestPromotionBoardFiltersAndSorts(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := openTestStore(t)
	seedAgents(t, st, 6)
	mgr := store.ActorOf(mustTestUser(t, st, "mgr1", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewPromotionsScreen(Deps{Store: st, Win: w, Actor: mgr})
	w.SetContent(s.Content())
	waitFor(t, "the board", func() bool { return len(s.rows) == 6 })

	test.Type(s.search, "E0003")
	waitFor(t, "the search", func() bool { return len(s.rows) == 1 && s.rows[0].EmployeeNo == "E0003" })
	s.search.SetText("")
	waitFor(t, "the full board again", func() bool { return len(s.rows) == 6 })

	s.onSort(1) // name
	if s.rows[0].FullName != "Agent 0" {
		t.Errorf("first by name = %s", s.rows[0].FullName)
	}
	s.onSort(1)
	if s.rows[0].FullName != "Agent 5" {
		t.Errorf("first by name, reversed = %s", s.rows[0].FullName)
	}

	// No evaluations at all: everyone lacks data.
	s.statusSel.SetSelectedIndex(1) // ready
	if len(s.rows) != 0 {
		t.Errorf("ready agents = %d, want 0", len(s.rows))
	}
	s.statusSel.SetSelectedIndex(3) // insufficient data
	if len(s.rows) != 6 {
		t.Errorf("insufficient-data agents = %d, want 6", len(s.rows))
	}
}

// Rule: a manager's promotion from the board changes the agent's role (the
// board reloads with the new role), and the board offers the decision only
// to managers.
func TestPromotionDecisionFromBoard(t *testing.T) {
	test.NewTempApp(t)
	i18n.Use("en")
	st := openTestStore(t)
	seedAgents(t, st, 2)
	mgr := store.ActorOf(mustTestUser(t, st, "mgr1", models.RoleManager))
	w := test.NewWindow(nil)
	defer w.Close()
	s := NewPromotionsScreen(Deps{Store: st, Win: w, Actor: mgr})
	w.SetContent(s.Content())
	waitFor(t, "the board", func() bool { return len(s.rows) == 2 })
	row := s.rows[0]
	s.decide(func() error {
		_, err := s.dec.DecidePromotion(s.actor, row.AgentID, row.Readiness.NextRole, models.MustDate("2026-01-01"), "ready")
		return err
	})
	waitFor(t, "the reloaded board", func() bool {
		for _, r := range s.all {
			if r.EmployeeNo == row.EmployeeNo && r.Readiness.Role == "coordinator" {
				return true
			}
		}
		return false
	})

	// The decision dialog has the approve button for a manager only.
	s.showDecision(row)
	if !hasButton(w, "Approve promotion") {
		t.Error("manager: no approve button")
	}
	hr := store.ActorOf(mustTestUser(t, st, "hr1", models.RoleHR))
	w2 := test.NewWindow(nil)
	defer w2.Close()
	s2 := NewPromotionsScreen(Deps{Store: st, Win: w2, Actor: hr})
	w2.SetContent(s2.Content())
	waitFor(t, "HR's board", func() bool { return len(s2.rows) == 2 })
	s2.showDecision(s2.rows[0])
	if hasButton(w2, "Approve promotion") {
		t.Error("HR: approve button shown")
	}
}

// hasButton reports whether a button with the text is on the window's top overlay (a dialog).
func hasButton(w fyne.Window, text string) bool {
	top := w.Canvas().Overlays().Top()
	return top != nil && findButton(top, text) != nil
}

// findObject returns the first object in o's tree (containers and widget
// renderers, depth first) that match accepts, or nil.
func findObject(o fyne.CanvasObject, match func(fyne.CanvasObject) bool) fyne.CanvasObject {
	if match(o) {
		return o
	}
	var kids []fyne.CanvasObject
	if c, ok := o.(*fyne.Container); ok {
		kids = c.Objects
	} else if wd, ok := o.(fyne.Widget); ok {
		kids = test.WidgetRenderer(wd).Objects()
	}
	for _, x := range kids {
		if f := findObject(x, match); f != nil {
			return f
		}
	}
	return nil
}

// findButton returns the first button with the text in o's tree, or nil.
func findButton(o fyne.CanvasObject, text string) *widget.Button {
	b, _ := findObject(o, func(x fyne.CanvasObject) bool {
		b, ok := x.(*widget.Button)
		return ok && b.Text == text
	}).(*widget.Button)
	return b
}

// findEntry returns the first entry with the placeholder in o's tree, or nil.
func findEntry(o fyne.CanvasObject, placeholder string) *widget.Entry {
	e, _ := findObject(o, func(x fyne.CanvasObject) bool {
		e, ok := x.(*widget.Entry)
		return ok && e.PlaceHolder == placeholder
	}).(*widget.Entry)
	return e
}

// findLabel reports whether a label with the text is in o's tree.
func findLabel(o fyne.CanvasObject, text string) bool {
	return findObject(o, func(x fyne.CanvasObject) bool {
		l, ok := x.(*widget.Label)
		return ok && l.Text == text
	}) != nil
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
