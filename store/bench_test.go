package store_test

import (
	"path/filepath"
	"testing"

	"sullam/demo"
	"sullam/models"
	"sullam/store"
)

// The benchmarks of the big operations (README "Speed"): run with
//
//	go test -tags ci -run '^$' -bench . -benchtime 2x ./store
//
// They measure only; nothing here asserts a time.

// benchToday fixes the demo data's reference date so runs compare.
var benchToday = models.MustDate("2026-06-15")

// benchData generates demo data for agents agents over years years.
func benchData(b *testing.B, agents, years int) *demo.Data {
	b.Helper()
	d, err := demo.Generate(demo.Options{Agents: agents, Years: years, Seed: 1, Today: benchToday})
	if err != nil {
		b.Fatalf("generate demo data: %v", err)
	}
	return d
}

// benchStore opens a new SQLite store in a temporary folder.
func benchStore(b *testing.B) *store.Store {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "bench.db"))
	if err != nil {
		b.Fatalf("open store: %v", err)
	}
	b.Cleanup(func() { st.Close() })
	return st
}

// firstRows returns up to n attendance rows of d.
func firstRows(d *demo.Data, n int) []models.AttendanceRow {
	if len(d.Attendance) < n {
		n = len(d.Attendance)
	}
	return d.Attendance[:n]
}

// BenchmarkImportAttendance imports 100,000 attendance rows into a database
// holding only the agents (insert), again over the same rows (unchanged:
// each compared with the stored day), and a version of them with every
// row changed, alternately with the original (update).
func BenchmarkImportAttendance(b *testing.B) {
	d := benchData(b, 400, 2)
	rows := firstRows(d, 100_000)
	a := store.SystemActor("bench")
	src := store.ImportSource{File: "bench.csv"}
	b.Run("insert", func(b *testing.B) {
		for i := 0; i < b.N; i++ {
			b.StopTimer()
			st := benchStore(b)
			if _, err := st.ImportAgents(a, src, d.Agents); err != nil {
				b.Fatalf("import agents: %v", err)
			}
			b.StartTimer()
			res, err := st.ImportAttendance(a, src, rows, nil)
			if err != nil {
				b.Fatalf("import attendance: %v", err)
			}
			if res.Inserted != len(rows) {
				b.Fatalf("inserted %d of %d rows", res.Inserted, len(rows))
			}
		}
		b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("unchanged", func(b *testing.B) {
		st := benchStore(b)
		if _, err := st.ImportAgents(a, src, d.Agents); err != nil {
			b.Fatalf("import agents: %v", err)
		}
		if _, err := st.ImportAttendance(a, src, rows, nil); err != nil {
			b.Fatalf("import attendance: %v", err)
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			res, err := st.ImportAttendance(a, src, rows, nil)
			if err != nil {
				b.Fatalf("import attendance: %v", err)
			}
			if res.Unchanged != len(rows) {
				b.Fatalf("%d of %d rows unchanged", res.Unchanged, len(rows))
			}
		}
		b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
	b.Run("update", func(b *testing.B) {
		st := benchStore(b)
		if _, err := st.ImportAgents(a, src, d.Agents); err != nil {
			b.Fatalf("import agents: %v", err)
		}
		if _, err := st.ImportAttendance(a, src, rows, nil); err != nil {
			b.Fatalf("import attendance: %v", err)
		}
		late := make([]models.AttendanceRow, len(rows))
		for i, r := range rows {
			r.Day.LateMinutes++
			late[i] = r
		}
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			file := late
			if i%2 == 1 {
				file = rows
			}
			res, err := st.ImportAttendance(a, src, file, nil)
			if err != nil {
				b.Fatalf("import attendance: %v", err)
			}
			if res.Updated != len(rows) {
				b.Fatalf("updated %d of %d rows", res.Updated, len(rows))
			}
		}
		b.ReportMetric(float64(len(rows)*b.N)/b.Elapsed().Seconds(), "rows/s")
	})
}

// loadedStore returns a store holding the demo data of agents agents over years years.
func loadedStore(b *testing.B, agents, years int) (*store.Store, *demo.Data) {
	b.Helper()
	d := benchData(b, agents, years)
	st := benchStore(b)
	if err := demo.Load(b.Context(), st, store.SystemActor("bench"), d, nil); err != nil {
		b.Fatalf("load demo data: %v", err)
	}
	return st, d
}

// BenchmarkEvaluateYear evaluates the last full year of 500 agents' 4 years
// of demo data, as `score --year` does.
func BenchmarkEvaluateYear(b *testing.B) {
	st, d := loadedStore(b, 500, 4)
	year := benchToday.Year - 1
	n := 0
	for _, r := range d.Attendance {
		if r.Day.Date.Year == year {
			n++
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ys, err := st.Evaluations().EvaluateYear(b.Context(), store.SystemActor("bench"), year, store.YearFilter{OnlyWithRecords: true})
		if err != nil {
			b.Fatalf("evaluate %d: %v", year, err)
		}
		if len(ys) == 0 {
			b.Fatalf("evaluate %d: no agent", year)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "attendance-rows/s")
}

// BenchmarkPromotions assesses the promotion readiness of 500 agents with 4
// years of demo data, as `promotions` does.
func BenchmarkPromotions(b *testing.B) {
	st, d := loadedStore(b, 500, 4)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		list, err := st.Evaluations().Promotions(b.Context(), store.SystemActor("bench"), benchToday, store.ReadinessFilter{})
		if err != nil {
			b.Fatalf("promotions: %v", err)
		}
		if len(list) == 0 {
			b.Fatalf("promotions: no agent")
		}
	}
	b.ReportMetric(float64(len(d.Attendance)*b.N)/b.Elapsed().Seconds(), "attendance-rows/s")
}
