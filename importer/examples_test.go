package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"sullam/internal/testenv"
	"sullam/models"
)

// examplesDir holds the shared example data set, beside the project.
const examplesDir = "../../shared/examples/small"

func TestExamples(t *testing.T) {
	// Rule: the shared example files parse with no error, every row kept.
	testenv.NeedPath(t, examplesDir)
	tests := []struct {
		kind models.ImportKind
		rows int
	}{
		{models.KindAgents, 12},
		{models.KindAttendance, 11422},
		{models.KindAudits, 237},
		{models.KindWeekly, 2069},
		{models.KindReviews, 92},
	}
	for _, tc := range tests {
		t.Run(string(tc.kind), func(t *testing.T) {
			path := filepath.Join(examplesDir, string(tc.kind)+".csv")
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fi, _ := f.Stat()
			tb, err := ReadTable(filepath.Base(path), f, fi.Size())
			if err != nil {
				t.Fatal(err)
			}
			rows, errs := Parse(tc.kind, tb)
			checkErrors(t, errs)
			if n := lenRows(rows); n != tc.rows {
				t.Errorf("got %d rows, want %d", n, tc.rows)
			}
		})
	}
}

func BenchmarkReadAttendance(b *testing.B) {
	data, err := os.ReadFile(filepath.Join(examplesDir, "attendance.csv"))
	if err != nil {
		b.Skipf("no example data: %v", err)
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		tb, err := ReadTable("attendance.csv", bytes.NewReader(data), int64(len(data)))
		if err != nil {
			b.Fatal(err)
		}
		if _, errs := ParseAttendance(tb); errs != nil {
			b.Fatal(errs)
		}
	}
}
