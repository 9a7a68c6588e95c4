package ui

import (
	"context"
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"sullam/models"
	"sullam/report"
	"sullam/store"
	"sullam/ui/i18n"
	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// slowBoard is the promotion board's store (report.Source) with a
// Promotions that holds the load until its context ends: it hands the
// context over when the load starts and the context's error when it ends.
type slowBoard struct {
	report.Source // the rest: the real store's areas
	started       chan context.Context
	ended         chan error
}

func newSlowBoard(st *store.Store) *slowBoard {
	return &slowBoard{Source: widgets.EvalAreas(st), started: make(chan context.Context, 1), ended: make(chan error, 1)}
}

func (f *slowBoard) Promotions(ctx context.Context, _ store.Actor, _ models.Date, _ store.ReadinessFilter) ([]store.AgentReadiness, error) {
	f.started <- ctx
	<-ctx.Done()
	f.ended <- ctx.Err()
	return nil, ctx.Err()
}

// boardManager signs a manager in through the sign-in screen's fields and
// button and puts a slow store behind the shell's promotion board. The
// window is closed after the test unless the test closes it (closes).
func boardManager(t *testing.T, closes bool) (*Controller, *slowBoard) {
	t.Helper()
	a := test.NewTempApp(t)
	i18n.Use("en")
	st := uitest.OpenTestStore(t)
	if _, err := st.Accounts().CreateUser(t.Context(), store.SystemActor("test"), store.NewUser{Username: "mona", Password: uitest.Password, Roles: []models.Role{models.RoleManager}}); err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	if !closes {
		t.Cleanup(w.Close)
	}
	c := NewController(a, w, st, widgets.NewSettings(a.Preferences()), "")
	c.Start()
	if c.signIn == nil {
		t.Fatal("no sign-in screen")
	}
	c.signIn.username.SetText("")
	test.Type(c.signIn.username, "mona")
	test.Type(c.signIn.password, uitest.Password)
	test.Tap(c.signIn.button)
	uitest.WaitFor(t, "the shell", func() bool { return c.shell != nil })
	fake := newSlowBoard(st)
	c.withDeps = func(d *widgets.Deps) { d.Board = fake }
	return c, fake
}

// tapArea taps an area's entry in the shell's navigation list, as the user
// does, without waiting for the screen's loads.
func tapArea(t *testing.T, c *Controller, ar widgets.Area) {
	t.Helper()
	var f fyne.Tappable
	uitest.FindVisible(c.win.Canvas().Content(), func(o fyne.CanvasObject) bool {
		if l, ok := o.(*widget.List); ok && f == nil {
			if f = uitest.TappableShowing(l, i18n.T("nav."+string(ar))); f == nil {
				f = uitest.TappableShowing(l, c.shell.navLabel(ar))
			}
		}
		return false
	})
	if f == nil {
		t.Fatalf("no %q in the navigation", ar)
	}
	test.Tap(f)
}

// Rule: leaving the promotion board (tapping Home in the navigation) while
// its load runs cancels the load: the store call sees its context
// cancelled, not before the user left, and the board shows no error.
func TestLeavingBoardCancelsItsLoad(t *testing.T) {
	c, fake := boardManager(t, false)
	tapArea(t, c, widgets.AreaPromotions)
	ctx := <-fake.started // the board's load is in the store now
	if ctx.Err() != nil {
		t.Fatalf("the board's load was cancelled before the user left: %v", ctx.Err())
	}
	if c.shell.current != widgets.AreaPromotions {
		t.Fatalf("the shell shows %q, want the board", c.shell.current)
	}
	tapArea(t, c, widgets.AreaHome)
	if err := <-fake.ended; !errors.Is(err, context.Canceled) {
		t.Errorf("the board's load ended with %v, want context.Canceled", err)
	}
	uitest.WaitFor(t, "the home screen's loads", func() bool { return c.shell.current == widgets.AreaHome })
	if c.ctx.Err() != nil {
		t.Error("leaving a screen cancelled the window's context")
	}
}

// Rule: closing the window while the board loads cancels the load too.
func TestClosingWindowCancelsBoardLoad(t *testing.T) {
	c, fake := boardManager(t, true)
	tapArea(t, c, widgets.AreaPromotions)
	if ctx := <-fake.started; ctx.Err() != nil {
		t.Fatalf("the board's load was cancelled before the window closed: %v", ctx.Err())
	}
	c.win.Close()
	if err := <-fake.ended; !errors.Is(err, context.Canceled) {
		t.Errorf("the board's load ended with %v, want context.Canceled", err)
	}
	uitest.WaitFor(t, "the board's load to end", func() bool { return true })
}

// Rule: each visit of a screen has its own context: after leaving the
// board (its load cancelled) and coming back, the new load runs under a new,
// live context.
func TestBoardShownAgainLoadsUnderNewContext(t *testing.T) {
	c, fake := boardManager(t, false)
	tapArea(t, c, widgets.AreaPromotions)
	ctx := <-fake.started
	tapArea(t, c, widgets.AreaAgents) // leave: the first board's context ends
	<-fake.ended
	tapArea(t, c, widgets.AreaPromotions) // back: a new load with a live context
	ctx2 := <-fake.started
	if ctx2 == ctx || ctx2.Err() != nil {
		t.Errorf("the board shown again loads under the old or a cancelled context (err %v)", ctx2.Err())
	}
	tapArea(t, c, widgets.AreaHome)
	<-fake.ended
	uitest.WaitFor(t, "the loads to end", func() bool { return true })
}
