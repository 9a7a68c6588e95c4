package widgets

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
)

// Background tracks the screens' off-thread work and the UI callbacks that
// work hands back.
//
// On a real driver OnMain is fyne.Do: callbacks run one at a time on the main
// goroutine. Fyne's test driver would run them on the worker's own goroutine,
// where they race with the test and with each other, so the ui tests switch
// the tracker to pumped mode (see TestMain): callbacks are queued and run on
// the test's goroutine by waitFor, exactly as a main loop would. It is the one
// package-level value of the ui package and holds no application state.
var Background = &tasks{}

type tasks struct {
	mu      sync.Mutex
	pending int      // goroutines started by goWork still running
	Pumped  bool     // queue callbacks for drain instead of fyne.Do
	queued  []func() // callbacks waiting for drain (pumped mode only)
}

// GoWork runs f on a new goroutine, counted as pending until it returns.
func GoWork(f func()) {
	Background.mu.Lock()
	Background.pending++
	Background.mu.Unlock()
	go func() {
		defer func() {
			Background.mu.Lock()
			Background.pending--
			Background.mu.Unlock()
		}()
		f()
	}()
}

// ScreenLife is the lifetime of the screen on show: its context is handed
// to the screen (Deps.Ctx) and passed to the store calls of its loads, and
// is cancelled when the user leaves the screen (navigation, sign-out) or
// the window closes, so a long load (the board, the dashboard, an export)
// stops its query instead of finishing for nobody. Used on the UI thread
// only.
type ScreenLife struct {
	cancel context.CancelFunc
}

// Begin ends the previous screen's life and starts a new one under parent
// (the window's context).
func (l *ScreenLife) Begin(parent context.Context) context.Context {
	l.End()
	ctx, cancel := context.WithCancel(parent)
	l.cancel = cancel
	return ctx
}

// End cancels the current screen's context; harmless when none.
func (l *ScreenLife) End() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// OrBackground is ctx, or context.Background() for a screen built without
// one (a test building a screen directly).
func OrBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// LeftScreen reports whether a load failed after its screen's context was
// cancelled (the user left, the window closed): whatever the error (the
// drivers word an interrupted query differently), nobody is there to see it.
func LeftScreen(ctx context.Context, err error) bool {
	return err != nil && ctx != nil && ctx.Err() != nil
}

// OnMain runs f on the UI thread: fyne.Do, or the queue in pumped mode.
func OnMain(f func()) {
	Background.mu.Lock()
	if Background.Pumped {
		Background.queued = append(Background.queued, f)
		Background.mu.Unlock()
		return
	}
	Background.mu.Unlock()
	fyne.Do(f)
}

// Drain runs the queued callbacks on the calling goroutine, including those
// they queue in turn, and reports whether no background work is left.
func (b *tasks) Drain() bool {
	for {
		b.mu.Lock()
		q, n := b.queued, b.pending
		b.queued = nil
		b.mu.Unlock()
		if len(q) == 0 {
			return n == 0
		}
		for _, f := range q {
			f()
		}
	}
}
