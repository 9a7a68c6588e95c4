package importer

import (
	"bytes"
	"fmt"
	"testing"

	"sullam/models"
)

// BenchmarkReadParseAttendance measures reading and parsing an attendance CSV
// of 100,000 rows (the importer's share of an attendance import).
func BenchmarkReadParseAttendance(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("employee_no,date,status,late_minutes,early_leave_minutes\n")
	d := models.MustDate("2020-01-01")
	n := 0
	for day := 0; n < 100000; day++ {
		for a := 0; a < 100 && n < 100000; a++ {
			fmt.Fprintf(&buf, "E%05d,%s,present,%d,0\n", a, d.AddDays(day), a%20)
			n++
		}
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t, err := ReadTable("a.csv", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		rows, errs := ParseAttendance(t)
		if len(errs) > 0 || len(rows) != n {
			b.Fatalf("%d rows, %d errors", len(rows), len(errs))
		}
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
}
