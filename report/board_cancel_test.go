package report

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"sullam/models"
	"sullam/scoring"
)

// cancelRows is a board of n ready agents.
func cancelRows(n int) []BoardRow {
	rows := make([]BoardRow, n)
	for i := range rows {
		rows[i] = BoardRow{EmployeeNo: fmt.Sprintf("E%05d", i), FullName: fmt.Sprintf("Agent %d", i), Team: "A",
			RoleName: "CSR", NextRoleName: "Coordinator",
			Readiness: scoring.Readiness{Status: models.Ready, EligibleOn: models.NewDate(2024, 1, 2), YearsInRole: 412,
				Cumulative: 9250, HasCumulative: true}}
	}
	return rows
}

// boardWriters are the two board exports with a context, by format.
var boardWriters = map[string]func(context.Context, *bytes.Buffer, Translator, []BoardRow, Progress) error{
	"pdf": func(ctx context.Context, b *bytes.Buffer, t Translator, rows []BoardRow, p Progress) error {
		return WriteBoardPDFContext(ctx, b, t, models.NewDate(2026, 1, 1), rows, p)
	},
	"xlsx": func(ctx context.Context, b *bytes.Buffer, t Translator, rows []BoardRow, p Progress) error {
		return WriteBoardXLSXContext(ctx, b, t, models.NewDate(2026, 1, 1), rows, p)
	},
}

// Rule (issue 17, board export with Cancel): a board export whose context
// is cancelled returns context.Canceled and writes nothing, whether it was
// cancelled before it started or midway (after 10 of 500 rows: the context
// is checked per row, so it stops at once instead of laying out the rest).
func TestBoardExportCancelled(t *testing.T) {
	tr, err := NewTranslator("en")
	if err != nil {
		t.Fatal(err)
	}
	rows := cancelRows(500)
	for format, write := range boardWriters {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		var buf bytes.Buffer
		err := write(ctx, &buf, tr, rows, nil)
		if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
			t.Errorf("%s cancelled before the start: err %v, %d bytes written; want context.Canceled and nothing", format, err, buf.Len())
		}

		ctx, cancel = context.WithCancel(context.Background())
		last := 0
		buf.Reset()
		err = write(ctx, &buf, tr, rows, func(done, total int) {
			last = done
			if total != len(rows)+1 {
				t.Errorf("%s: progress total %d, want %d (the rows and the output)", format, total, len(rows)+1)
			}
			if done == 10 {
				cancel()
			}
		})
		cancel()
		if !errors.Is(err, context.Canceled) || buf.Len() != 0 {
			t.Errorf("%s cancelled midway: err %v, %d bytes written; want context.Canceled and nothing", format, err, buf.Len())
		}
		if last != 10 {
			t.Errorf("%s: went on to row %d after the cancel at row 10", format, last)
		}
	}
}

// Rule (issue 17): a board export that is not cancelled reports its
// progress row by row up to done == total, and writes the whole file.
func TestBoardExportProgress(t *testing.T) {
	tr, err := NewTranslator("ar")
	if err != nil {
		t.Fatal(err)
	}
	rows := cancelRows(40)
	for format, write := range boardWriters {
		var seen []int
		var buf bytes.Buffer
		if err := write(context.Background(), &buf, tr, rows, func(done, total int) { seen = append(seen, done) }); err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if len(seen) != len(rows)+1 || seen[len(seen)-1] != len(rows)+1 {
			t.Errorf("%s: progress %v, want 1…%d", format, seen, len(rows)+1)
		}
		for i, d := range seen {
			if d != i+1 {
				t.Errorf("%s: progress step %d says %d", format, i, d)
				break
			}
		}
		magic := map[string]string{"pdf": "%PDF", "xlsx": "PK"}[format]
		if !bytes.HasPrefix(buf.Bytes(), []byte(magic)) {
			t.Errorf("%s: the output does not start with %q", format, magic)
		}
	}
}

// BenchmarkBoardPDF5000 writes the board PDF of 5,000 agents (the size of
// issue 17's department), the time the progress dialog is shown for.
func BenchmarkBoardPDF5000(b *testing.B) {
	tr, err := NewTranslator("ar")
	if err != nil {
		b.Fatal(err)
	}
	rows := cancelRows(5000)
	for b.Loop() {
		var buf bytes.Buffer
		if err := WriteBoardPDFContext(context.Background(), &buf, tr, models.NewDate(2026, 1, 1), rows, nil); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len())/1e6, "MB")
	}
}

// BenchmarkBoardPDFCancel measures how long a board PDF of 5,000 agents
// cancelled at its 2,500th row takes to return after the cancel (ns/op).
func BenchmarkBoardPDFCancel(b *testing.B) {
	tr, err := NewTranslator("ar")
	if err != nil {
		b.Fatal(err)
	}
	rows := cancelRows(5000)
	var total time.Duration
	for i := 0; i < b.N; i++ {
		ctx, cancel := context.WithCancel(context.Background())
		var at time.Time
		var buf bytes.Buffer
		_ = WriteBoardPDFContext(ctx, &buf, tr, models.NewDate(2026, 1, 1), rows, func(done, total int) {
			if done == 2500 {
				cancel()
				at = time.Now()
			}
		})
		total += time.Since(at)
		cancel()
	}
	b.ReportMetric(float64(total.Microseconds())/float64(b.N), "µs-after-cancel")
}
