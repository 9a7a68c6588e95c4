package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sullam/models"
)

// corpusDir holds files made with LibreOffice Calc by
// scripts/make-import-corpus.sh.
const corpusDir = "testdata/corpus"

// corpusKinds are the kinds of the corpus, each with whether it has dates
// (and so a day-first file) and its required columns in the no-header
// message.
var corpusKinds = []struct {
	kind     models.ImportKind
	dated    bool
	required string
}{
	{models.KindAgents, true, "employee_no, full_name, hire_date, role, role_start_date"},
	{models.KindAttendance, true, "employee_no, date, status"},
	{models.KindAudits, true, "audit_ref, employee_no, audit_date, channel, form_code"},
	{models.KindWeekly, true, "employee_no, week_start, submitted_on"},
	{models.KindReviews, true, "employee_no, review_date"},
	{models.KindCandidates, true, "full_name, job_code, applied_on"},
	{models.KindJobs, false, "code, title_ar, title_en, ladder_role"},
	{models.KindQuestions, false, "code, category, text_ar, text_en, competency"},
}

// readCorpusAs reads a corpus file as kind, with opts, and parses it.
func readCorpusAs(t *testing.T, kind models.ImportKind, name string, opts Options) (any, []models.RowError, *Table, error) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(corpusDir, name))
	if err != nil {
		t.Fatal(err)
	}
	opts.Kind = kind
	tb, err := ReadTableWith(name, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		return nil, nil, nil, err
	}
	rows, errs := Parse(kind, tb)
	return rows, errs, tb, nil
}

// withoutLines returns a copy of rows (a slice of a kind's row type) with
// every Line set to 0, so that rows read from files with other line numbers
// compare equal.
func withoutLines(rows any) any {
	v := reflect.ValueOf(rows)
	out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
	reflect.Copy(out, v)
	for i := 0; i < out.Len(); i++ {
		out.Index(i).FieldByName("Line").SetInt(0)
	}
	return out.Interface()
}

// TestCorpusAcceptedLikePlain checks issue 12 on files as LibreOffice Calc
// writes them, for every kind: every accepted variant (Windows-1256 with
// semicolons and a title above an Arabic header, UTF-16 with tabs, UTF-8
// with semicolons, the workbook Calc saves, the title and Arabic header in
// a workbook, the rows on a second sheet, day-first dates with
// --date-order dmy) gives exactly the rows of the plain CSV, and the result
// says what was detected.
func TestCorpusAcceptedLikePlain(t *testing.T) {
	for _, k := range corpusKinds {
		t.Run(string(k.kind), func(t *testing.T) {
			plain := string(k.kind) + "-plain.csv"
			want, errs, _, err := readCorpusAs(t, k.kind, plain, Options{})
			if err != nil || len(errs) > 0 || reflect.ValueOf(want).Len() < 2 {
				t.Fatalf("plain: %v, %v, %v", want, errs, err)
			}
			want = withoutLines(want)
			variants := []struct {
				suffix string
				opts   Options
				layout string
			}{
				{"-1256-semicolon-title.csv", Options{}, "Windows-1256, semicolon-separated; row 1 skipped: title above the header"},
				{"-utf16-tab.csv", Options{}, "UTF-16 LE, tab-separated"},
				{"-utf8-semicolon.csv", Options{}, "UTF-8, semicolon-separated"},
				{"-calc.xlsx", Options{}, `sheet "` + string(k.kind) + `-plain"`},
				{"-arabic-title.xlsx", Options{}, `sheet "` + string(k.kind) + `-arabic"; row 1 skipped: title above the header`},
				{"-second-sheet.xlsx", Options{}, `sheet "Data"`},
			}
			if k.dated {
				variants = append(variants, struct {
					suffix string
					opts   Options
					layout string
				}{"-dmy.csv", Options{DateOrder: DMY}, "UTF-8, comma-separated"})
			}
			for _, v := range variants {
				file := string(k.kind) + v.suffix
				got, errs, tb, err := readCorpusAs(t, k.kind, file, v.opts)
				if err != nil {
					t.Errorf("%s: %v", file, err)
					continue
				}
				if len(errs) > 0 {
					t.Errorf("%s: errors %v", file, errs)
					continue
				}
				if got = withoutLines(got); !reflect.DeepEqual(got, want) {
					t.Errorf("%s: rows\n%+v\nwant\n%+v", file, got, want)
				}
				if s := tb.Layout.String(); s != v.layout {
					t.Errorf("%s: layout %q, want %q", file, s, v.layout)
				}
			}
		})
	}
}

// TestCorpusRefusedShortly checks the refused corpus files of every kind:
// day-first dates without --date-order give one line naming the option
// (all the date columns of the file in it, counted in rows, after a first
// line that counts rows); a damaged workbook and a workbook without the
// kind's header give one short line naming the file and what is wrong.
func TestCorpusRefusedShortly(t *testing.T) {
	for _, k := range corpusKinds {
		t.Run(string(k.kind), func(t *testing.T) {
			if k.dated {
				file := string(k.kind) + "-dmy.csv"
				_, errs, _, err := readCorpusAs(t, k.kind, file, Options{})
				if err != nil {
					t.Fatal(err)
				}
				plain, _, _, _ := readCorpusAs(t, k.kind, string(k.kind)+"-plain.csv", Options{})
				n := reflect.ValueOf(plain).Len() // every row has day-first dates
				lines := GroupErrors(file, errs, nil)
				if len(lines) != 2 || lines[0] != file+": "+thousands(n)+" bad rows, nothing imported" ||
					!strings.Contains(lines[1], " rows (lines 2–") || !strings.Contains(lines[1], reasonDateOrder) {
					t.Errorf("day-first dates without --date-order:\n%s", strings.Join(lines, "\n"))
				}
			}
			damaged := string(k.kind) + "-damaged.xlsx"
			_, _, _, err := readCorpusAs(t, k.kind, damaged, Options{})
			want := "read " + damaged + `: the workbook is damaged: part "xl/worksheets/sheet1.xml": `
			if err == nil || !strings.HasPrefix(err.Error(), want) || strings.Contains(err.Error(), "\n") || len(err.Error()) > 300 {
				t.Errorf("%s: err = %v\nwant %s…", damaged, err, want)
			}
			_, _, _, err = readCorpusAs(t, k.kind, "no-header.xlsx", Options{})
			want = "read no-header.xlsx: no sheet has a header with the columns of " + string(k.kind) + " (" + k.required + `): ` +
				`sheet "Summary" starts with "Total, Month"; sheet "Salaries" starts with "name, salary"`
			if err == nil || err.Error() != want {
				t.Errorf("no-header.xlsx: err = %v\nwant %s", err, want)
			}
		})
	}
}

// TestCorpusDateColumnsOneLine checks the exact grouped message for the
// day-first agents file, which has two date columns: without --date-order
// the file is refused in one line (spec: "one message naming the option")
// that names both columns and counts the 4 rows once, not 8 cells.
func TestCorpusDateColumnsOneLine(t *testing.T) {
	_, errs, _, err := readCorpusAs(t, models.KindAgents, "agents-dmy.csv", Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := strings.Join(GroupErrors("agents-dmy.csv", errs, nil), "\n")
	want := "agents-dmy.csv: 4 bad rows, nothing imported\n" +
		`agents-dmy.csv: hire_date, role_start_date: 4 rows (lines 2–5): "1/3/2022" ` + reasonDateOrder
	if got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
}

// TestCorpusTypoHeaderAlone checks the Calc workbooks whose first column's
// name is misspelt and whose rows are bad too (dates that are no dates, or
// an empty required column): only the header is reported (spec: "Header
// problems are reported first and alone"), the misspelt name tied to the
// missing column — in audits and reviews, where an unknown column is taken
// for an item or competency code, by the missing column's message.
func TestCorpusTypoHeaderAlone(t *testing.T) {
	for _, k := range corpusKinds {
		t.Run(string(k.kind), func(t *testing.T) {
			file := string(k.kind) + "-typo-header.xlsx"
			_, errs, _, err := readCorpusAs(t, k.kind, file, Options{})
			if err != nil {
				t.Fatal(err)
			}
			col, _, _ := strings.Cut(k.required, ",")
			typo := col[:len(col)-1]
			want := []string{
				file + ": 1 bad row, nothing imported",
				file + `: line 1, column ` + typo + `, value "` + typo + `": unknown column: did you mean ` + col + `?`,
				file + `: line 1, column ` + col + `, value "": required column is missing`,
			}
			switch k.kind {
			case models.KindAudits:
				want = []string{want[0], want[2] + "; column " + typo + ", taken for an item code, looks like a misspelling of it"}
			case models.KindReviews:
				want = []string{want[0], want[2] + "; column " + typo + ", taken for a competency code, looks like a misspelling of it"}
			}
			if got := GroupErrors(file, errs, nil); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
			}
		})
	}
}
