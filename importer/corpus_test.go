package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"sullam/models"
)

// corpusDir holds files made with LibreOffice Calc by
// scripts/make-import-corpus.sh.
const corpusDir = "testdata/corpus"

// readCorpus reads a corpus file as attendance, with opts.
func readCorpus(t *testing.T, name string, opts Options) ([]models.AttendanceRow, []models.RowError, *Table, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, name))
	if err != nil {
		t.Fatal(err)
	}
	opts.Kind = models.KindAttendance
	tb, err := ReadTableWith(name, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return nil, nil, nil, err
	}
	rows, errs := ParseAttendance(tb)
	return rows, errs, tb, nil
}

// TestCorpusAcceptedLikePlain checks issue 12 on files as LibreOffice Calc
// writes them: every accepted variant (other encodings and separators, a
// title above the header, Arabic column names, the data on a second sheet,
// day-first dates with --date-order dmy) gives exactly the rows of the plain
// CSV, and the result says what was detected.
func TestCorpusAcceptedLikePlain(t *testing.T) {
	want, errs, _, err := readCorpus(t, "attendance-plain.csv", Options{})
	if err != nil || len(errs) > 0 || len(want) != 4 {
		t.Fatalf("plain: %d rows, %v, %v", len(want), errs, err)
	}
	tests := []struct {
		file   string
		opts   Options
		layout string
	}{
		{"attendance-1256-semicolon-title.csv", Options{}, "Windows-1256, semicolon-separated; row 1 skipped: title above the header"},
		{"attendance-utf16-tab.csv", Options{}, "UTF-16 LE, tab-separated"},
		{"attendance-utf8-semicolon.csv", Options{}, "UTF-8, semicolon-separated"},
		{"attendance-calc.xlsx", Options{}, `sheet "attendance-plain"`},
		{"attendance-arabic-title.xlsx", Options{}, `sheet "arabic"; row 1 skipped: title above the header`},
		{"attendance-second-sheet.xlsx", Options{}, `sheet "Data"`},
		{"attendance-dmy.csv", Options{DateOrder: DMY}, "UTF-8, comma-separated"},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			got, errs, tb, err := readCorpus(t, tc.file, tc.opts)
			if err != nil {
				t.Fatal(err)
			}
			if len(errs) > 0 || !sameRows(got, want) {
				t.Fatalf("rows %v, errors %v; want %v", got, errs, want)
			}
			if s := tb.Layout.String(); s != tc.layout {
				t.Errorf("layout %q, want %q", s, tc.layout)
			}
		})
	}
}

// TestCorpusRefusedShortly checks the refused corpus files: each gives the
// expected short message, in one line (the date column in one group).
func TestCorpusRefusedShortly(t *testing.T) {
	_, errs, _, err := readCorpus(t, "attendance-dmy.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	lines := GroupErrors("attendance-dmy.csv", errs, nil)
	want := []string{"attendance-dmy.csv: 4 bad rows, nothing imported",
		`attendance-dmy.csv: date: 4 rows (lines 2–5): "3/3/2024" ` + reasonDateOrder}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("dmy without --date-order:\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	for file, msg := range map[string]string{
		"attendance-damaged.xlsx": `read attendance-damaged.xlsx: the workbook is damaged: part "xl/worksheets/sheet1.xml": `,
		"attendance-no-header.xlsx": `read attendance-no-header.xlsx: no sheet has a header with the columns of attendance (employee_no, date, status): ` +
			`sheet "Summary" starts with "Total, Month"; sheet "Salaries" starts with "name, salary"`,
	} {
		_, _, _, err := readCorpus(t, file, Options{})
		if err == nil || !strings.HasPrefix(err.Error(), msg) || strings.Contains(err.Error(), "\n") || len(err.Error()) > 300 {
			t.Errorf("%s: err = %v\nwant %s…", file, err, msg)
		}
	}
}
