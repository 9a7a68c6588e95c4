package widgets

import (
	"io"
	"path/filepath"
	"testing"
	"time"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
)

// BenchmarkListExports measures what an Export button does off the UI
// thread (the store's scoped rows, the screen's filter, the importer's
// writer) for a demo department of 60 agents over 3 years, as a manager.
// Run: go test -tags ci -run '^$' -bench ListExports ./ui/
func BenchmarkListExports(b *testing.B) {
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	d, err := demo.Generate(demo.Options{Agents: 60, Years: 3, Seed: 1, Today: models.DateOf(time.Now())})
	if err != nil {
		b.Fatal(err)
	}
	if err := demo.Load(b.Context(), st, store.SystemActor("bench"), d, nil); err != nil {
		b.Fatal(err)
	}
	u, err := st.Accounts().CreateUser(b.Context(), store.SystemActor("bench"), store.NewUser{Username: "mgr", Password: "correct horse battery", Roles: []models.Role{models.RoleManager}})
	if err != nil {
		b.Fatal(err)
	}
	dp := Deps{Store: st, Actor: store.ActorOf(u)}
	for _, kind := range []models.ImportKind{models.KindAgents, models.KindAudits, models.KindWeekly, models.KindReviews} {
		for _, format := range []string{"csv", "xlsx"} {
			b.Run(string(kind)+"-"+format, func(b *testing.B) {
				n := 0
				for b.Loop() {
					src := exportSource(dp, kind, func() RowFilter { return KeepAgents(b.Context(), st, dp.Actor, store.AgentFilter{}) })()
					header, rows, err := src()
					if err == nil {
						err = WriteTable(io.Discard, format, string(kind), header, rows)
					}
					if err != nil {
						b.Fatal(err)
					}
					n = len(rows)
				}
				b.ReportMetric(float64(n), "rows")
			})
		}
	}
}
