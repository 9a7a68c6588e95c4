package ui

import (
	"context"
	"sync"

	"fyne.io/fyne/v2"
)

// background tracks the screens' off-thread work and the UI callbacks that
// work hands back.
//
// On a real driver uiDo is fyne.Do: callbacks run one at a time on the main
// goroutine. Fyne's test driver would run them on the worker's own goroutine,
// where they race with the test and with each other, so the ui tests switch
// the tracker to pumped mode (see TestMain): callbacks are queued and run on
// the test's goroutine by waitFor, exactly as a main loop would. It is the one
// package-level value of the ui package and holds no application state.
var background = &tasks{}

type tasks struct {
	mu      sync.Mutex
	pending int      // goroutines started by goWork still running
	pumped  bool     // queue callbacks for drain instead of fyne.Do
	queued  []func() // callbacks waiting for drain (pumped mode only)
}

// goWork runs f on a new goroutine, counted as pending until it returns.
func goWork(f func()) {
	background.mu.Lock()
	background.pending++
	background.mu.Unlock()
	go func() {
		defer func() {
			background.mu.Lock()
			background.pending--
			background.mu.Unlock()
		}()
		f()
	}()
}

// screenLife is the lifetime of the screen on show: its context is handed
// to the screen (Deps.Ctx) and passed to the store calls of its loads, and
// is cancelled when the user leaves the screen (navigation, sign-out) or
// the window closes, so a long load (the board, the dashboard, an export)
// stops its query instead of finishing for nobody. Used on the UI thread
// only.
type screenLife struct {
	cancel context.CancelFunc
}

// begin ends the previous screen's life and starts a new one under parent
// (the window's context).
func (l *screenLife) begin(parent context.Context) context.Context {
	l.end()
	ctx, cancel := context.WithCancel(parent)
	l.cancel = cancel
	return ctx
}

// end cancels the current screen's context; harmless when none.
func (l *screenLife) end() {
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}

// orBackground is ctx, or context.Background() for a screen built without
// one (a test building a screen directly).
func orBackground(ctx context.Context) context.Context {
	if ctx == nil {
		return context.Background()
	}
	return ctx
}

// leftScreen reports whether a load failed after its screen's context was
// cancelled (the user left, the window closed): whatever the error (the
// drivers word an interrupted query differently), nobody is there to see it.
func leftScreen(ctx context.Context, err error) bool {
	return err != nil && ctx != nil && ctx.Err() != nil
}

// uiDo runs f on the UI thread: fyne.Do, or the queue in pumped mode.
func uiDo(f func()) {
	background.mu.Lock()
	if background.pumped {
		background.queued = append(background.queued, f)
		background.mu.Unlock()
		return
	}
	background.mu.Unlock()
	fyne.Do(f)
}

// drain runs the queued callbacks on the calling goroutine, including those
// they queue in turn, and reports whether no background work is left.
func (b *tasks) drain() bool {
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
