package ui

import (
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
