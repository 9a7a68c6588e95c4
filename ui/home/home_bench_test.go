package home

import (
	"testing"

	"sullam/ui/uitest"
	"sullam/ui/widgets"
)

// BenchmarkManagerDashboardScreen times the home screen as the demo
// manager opens it (issue 17: under a second at 10,000 agents): from
// building the screen until the dashboard's sections are in it and the
// window (1366×768, Arabic) drawn. It runs on the database of
// SULLAM_BENCH_DB (see uitest.BenchStore; `scripts/bench.sh screens`),
// skipped without one; it measures only.
func BenchmarkManagerDashboardScreen(b *testing.B) {
	st, mgr, u := uitest.BenchStore(b)
	for i := 0; i < b.N; i++ {
		w := uitest.BenchWindow()
		h := NewHome(widgets.EvalAreas(st), mgr, u)
		w.SetContent(h.Content())
		uitest.DrawnWhen(b, w, "the manager dashboard", func() bool { return len(h.Body.Objects) > 0 })
		w.Close()
	}
}
