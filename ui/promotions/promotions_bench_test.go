package promotions

import (
	"testing"

	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// BenchmarkBoardScreen times the promotion board as the demo manager opens
// it (issue 17: under a second at 10,000 agents): from building the screen
// until its rows are loaded and the window (1366×768, Arabic) drawn. It
// runs on the database of SULLAM_BENCH_DB (see uitest.BenchStore;
// `scripts/bench.sh screens`), skipped without one; it measures only.
func BenchmarkBoardScreen(b *testing.B) {
	st, mgr, _ := uitest.BenchStore(b)
	for i := 0; i < b.N; i++ {
		w := uitest.BenchWindow()
		s := NewPromotionsScreen(widgets.Deps{Store: st, Win: w, Actor: mgr})
		w.SetContent(s.Content())
		uitest.DrawnWhen(b, w, "the board", func() bool { return len(s.Rows) > 0 })
		w.Close()
	}
}
