package evaluation

import (
	"testing"

	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// BenchmarkEvaluationsScreen times the annual evaluations tab as the demo
// manager opens it (issue 17: under a second at 10,000 agents): from
// building the tab until the year's evaluations are loaded and the window
// (1366×768, Arabic) drawn. It runs on the database of SULLAM_BENCH_DB
// (see uitest.BenchStore; `scripts/bench.sh screens`), skipped without
// one; it measures only.
func BenchmarkEvaluationsScreen(b *testing.B) {
	st, mgr, _ := uitest.BenchStore(b)
	for i := 0; i < b.N; i++ {
		w := uitest.BenchWindow()
		tab := NewAnnual(widgets.Deps{Store: st, Win: w, Actor: mgr}, widgets.EvalAreas(st))
		w.SetContent(tab.Content())
		tab.Start()
		uitest.DrawnWhen(b, w, "the year's evaluations", func() bool { return tab.loads > 0 && len(tab.Rows) > 0 })
		w.Close()
	}
}
