package importer

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"sullam/models"
)

// checkFuzzTable asserts what must hold for any input: an error and a table
// never come together, an error is bad data (models.ErrInvalid), a table has
// a header and rows as wide as it, and every parser returns without panic.
func checkFuzzTable(t *testing.T, tb *Table, err error) {
	if err != nil {
		if tb != nil {
			t.Fatalf("a table and an error: %v", err)
		}
		if !errors.Is(err, models.ErrInvalid) {
			t.Fatalf("error is not ErrInvalid: %v", err)
		}
		return
	}
	if tb == nil || len(tb.Header) == 0 {
		t.Fatalf("no error and no header: %+v", tb)
	}
	last := tb.HeaderLine
	for _, r := range tb.Rows {
		if len(r.Cells) != len(tb.Header) || (r.raw != nil && len(r.raw) != len(tb.Header)) {
			t.Fatalf("line %d has %d cells, header %d", r.Line, len(r.Cells), len(tb.Header))
		}
		if r.Line <= last {
			t.Fatalf("line %d after line %d", r.Line, last)
		}
		last = r.Line
	}
	for _, kind := range models.ImportKinds {
		_, errs := Parse(kind, tb)
		for _, e := range errs {
			if e.Line < 1 || e.Reason == "" {
				t.Fatalf("%s: bad error %+v", kind, e)
			}
		}
	}
}

func FuzzReadCSV(f *testing.F) {
	for _, kind := range []string{"agents", "audits", "reviews"} {
		if b, err := os.ReadFile(filepath.Join(examplesDir, kind+".csv")); err == nil {
			f.Add(b[:min(len(b), 2000)])
		}
	}
	for _, e := range sampleExports() {
		f.Add(csvFile(f, e.header, e.rows))
	}
	f.Add([]byte("employee_no,date,status\n\nE1,٢٠٢٤-٠٣-٠٥,present\nE1,\"x\"y,absent\n"))
	f.Add([]byte("\xEF\xBB\xBFa,b\r\n1,2,3\r\n'=x,\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadTable("fuzz.csv", bytes.NewReader(data), int64(len(data)))
		checkFuzzTable(t, tb, err)
		// and streaming the same bytes as attendance agrees with reading them
		// whole as attendance (the header found and checked the same way)
		tb, err = ReadTableWith("fuzz.csv", bytes.NewReader(data), int64(len(data)), Options{Kind: models.KindAttendance})
		if err != nil {
			if _, serr := StreamAttendance("fuzz.csv", data, 3, func([]models.AttendanceRow) {}); serr == nil {
				t.Fatalf("read whole: %v; streamed: no error", err)
			}
			return
		}
		rows, errs := ParseAttendance(tb)
		checkStreamSame(t, string(data), rows, errs)
	})
}

// FuzzPlainReader checks plainReader against encoding/csv on any text
// without a double quote.
func FuzzPlainReader(f *testing.F) {
	f.Add("a,b\r\n1,2\n\n3,\r")
	f.Add("employee_no,date,status\nE1,2024-03-05,present\n")
	f.Fuzz(func(t *testing.T, text string) {
		if strings.IndexByte(text, '"') >= 0 || !utf8.ValidString(text) {
			return
		}
		checkPlainSame(t, text)
	})
}

func FuzzReadXLSX(f *testing.F) {
	// A lower limit keeps each run fast; the limit's own rule is in
	// TestReadXLSXZipBombs.
	defer func(old int64) { MaxUnzippedBytes = old }(MaxUnzippedBytes)
	MaxUnzippedBytes = 8 << 20
	for _, e := range sampleExports() {
		f.Add(xlsxFile(f, e.header, e.rows))
	}
	f.Add([]byte("PK\x03\x04"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tb, err := ReadTable("fuzz.xlsx", bytes.NewReader(data), int64(len(data)))
		checkFuzzTable(t, tb, err)
	})
}

// sampleExports formats the round-trip samples of every kind.
func sampleExports() []exported {
	return []exported{
		pipe(AgentsTable(sampleAgents, nil)),
		pipe(AttendanceTable(sampleAttendance)),
		pipe(AuditsTable(sampleAudits, nil)),
		pipe(WeeklyTable(sampleWeekly)),
		pipe(ReviewsTable(sampleReviews, nil)),
		pipe(CandidatesTable(sampleCandidates)),
		pipe(QuestionsTable(sampleQuestions)),
		pipe(JobsTable(sampleJobs)),
	}
}
