package importer

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"hash/crc32"
	"io"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"sullam/models"
)

func TestReadTableCSV(t *testing.T) {
	tests := []struct {
		rule      string
		text      string
		header    []string
		lines     []int      // line of each row
		cells     [][]string // cells of each row (nil: not checked)
		problems  []string   // "LINE COLUMN: reason"
		headerLin int
	}{
		{rule: "a plain file: the header is line 1, rows from line 2",
			text: "a,b\n1,2\n3,4\n", header: []string{"a", "b"}, lines: []int{2, 3},
			cells: [][]string{{"1", "2"}, {"3", "4"}}, headerLin: 1},
		{rule: "the UTF-8 BOM is stripped from the first header cell",
			text: "\uFEFFa,b\n1,2\n", header: []string{"a", "b"}, lines: []int{2}, headerLin: 1},
		{rule: "blank lines are skipped and keep the numbering",
			text: "a,b\n\n1,2\n\n\n3,4\n", header: []string{"a", "b"}, lines: []int{3, 6}, headerLin: 1},
		{rule: "rows of empty fields and white space are blank",
			text: "a,b\n,\n  , \n1,2\n", header: []string{"a", "b"}, lines: []int{4}, headerLin: 1},
		{rule: "blank lines before the header move the header line",
			text: "\n\na,b\n1,2\n", header: []string{"a", "b"}, lines: []int{4}, headerLin: 3},
		{rule: "CRLF line ends",
			text: "a,b\r\n1,2\r\n", header: []string{"a", "b"}, lines: []int{2}, cells: [][]string{{"1", "2"}}, headerLin: 1},
		{rule: "a quoted field across lines counts from its first line",
			text: "a,b\n\"x\ny\",2\n3,4\n", header: []string{"a", "b"}, lines: []int{2, 4},
			cells: [][]string{{"x\ny", "2"}, {"3", "4"}}, headerLin: 1},
		{rule: "a row with fewer fields than the header is a problem",
			text: "a,b,c\n1,2\n4,5,6\n", header: []string{"a", "b", "c"}, lines: []int{3},
			problems: []string{"2 : has 2 fields, the header has 3"}, headerLin: 1},
		{rule: "extra fields are accepted only when empty",
			text: "a,b\n1,2,,\n1,2,3\n", header: []string{"a", "b"}, lines: []int{2},
			problems: []string{"3 : has 3 fields, the header has 2"}, headerLin: 1},
		{rule: "a bare quote is a problem of its row, the other rows are read",
			text: "a,b\n1,x\"y\n3,4\n", header: []string{"a", "b"}, lines: []int{3},
			problems: []string{"2 : a \" inside a field"}, headerLin: 1},
		{rule: "the apostrophe added by our export is removed; any other is kept",
			text: "a,b\n'=1+2,'-x\n'abc',''\n", header: []string{"a", "b"}, lines: []int{2, 3},
			cells: [][]string{{"=1+2", "-x"}, {"'abc'", "''"}}, headerLin: 1},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			tb := readCSVText(t, tc.text)
			if strings.Join(tb.Header, "|") != strings.Join(tc.header, "|") {
				t.Errorf("header = %q, want %q", tb.Header, tc.header)
			}
			if tb.HeaderLine != tc.headerLin {
				t.Errorf("header line = %d, want %d", tb.HeaderLine, tc.headerLin)
			}
			var lines []int
			for _, r := range tb.Rows {
				lines = append(lines, r.Line)
				if len(r.Cells) != len(tb.Header) {
					t.Errorf("line %d has %d cells, header %d", r.Line, len(r.Cells), len(tb.Header))
				}
			}
			if len(lines) != len(tc.lines) || (len(lines) > 0 && !equalInts(lines, tc.lines)) {
				t.Errorf("row lines = %v, want %v", lines, tc.lines)
			}
			for i, want := range tc.cells {
				if i < len(tb.Rows) && strings.Join(tb.Rows[i].Cells, "|") != strings.Join(want, "|") {
					t.Errorf("row %d = %q, want %q", i, tb.Rows[i].Cells, want)
				}
			}
			checkErrors(t, tb.Problems, tc.problems...)
		})
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestReadTableRefuses(t *testing.T) {
	truncated := xlsxFile(t, []string{"a"}, [][]string{{"1"}})
	truncated = truncated[:len(truncated)/2]
	tests := []struct {
		rule string
		name string
		data []byte
		want string // in the error message
		line int
	}{
		{"an unknown extension", "x.txt", []byte("a\n1\n"), `unsupported file type ".txt"`, 0},
		{"no extension", "x", []byte("a\n1\n"), "want a .csv or .xlsx file", 0},
		{"an empty CSV", "x.csv", nil, "empty file: no header row", 0},
		{"a CSV of blank lines", "x.csv", []byte("\n\n , \n"), "empty file: no header row", 0},
		{"a CSV holding only a BOM", "x.csv", []byte("\uFEFF"), "empty file: no header row", 0},
		{"an XLSX named .csv", "x.csv", xlsxFile(t, []string{"a"}, nil), "give it the .xlsx extension", 0},
		{"a broken quote in the header", "x.csv", []byte("a,\"b\n"), "line 1: a quoted field is not closed", 1},
		{"junk bytes named .xlsx", "x.xlsx", []byte("this is not a workbook"), "not a valid XLSX workbook", 0},
		{"an empty XLSX file", "x.xlsx", nil, "empty file: no header row", 0},
		{"a truncated XLSX", "x.xlsx", truncated, "the workbook is damaged", 0},
		{"an old .xls", "x.xlsx", append(append([]byte{}, oleMagic...), make([]byte, 512)...), "old .xls", 0},
		{"an XLSX with an empty first sheet", "x.xlsx", xlsxFile(t, nil, nil), "empty file: no header row", 0},
		{"a zip that is no workbook", "x.xlsx", zipOf(t, map[string]string{"hello.txt": "hi"}), "not a valid XLSX workbook", 0},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			tb, err := ReadTable(tc.name, bytes.NewReader(tc.data), int64(len(tc.data)))
			if err == nil {
				t.Fatalf("no error; table %+v", tb)
			}
			if tb != nil {
				t.Errorf("a table came back with the error")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %q does not say %q", err, tc.want)
			}
			if !errors.Is(err, models.ErrInvalid) {
				t.Errorf("error %q does not wrap models.ErrInvalid", err)
			}
			var fe *FileError
			if errors.As(err, &fe) && fe.Line != tc.line {
				t.Errorf("line = %d, want %d", fe.Line, tc.line)
			}
		})
	}
}

// failingReader fails after giving some bytes.
type failingReader struct{ n int }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.n > 0 {
		r.n = 0
		return copy(p, "a,b\n"), nil
	}
	return 0, io.ErrUnexpectedEOF
}

func TestReadTableReaderError(t *testing.T) {
	// Rule: an I/O error is wrapped as it is, not reported as bad data.
	_, err := ReadTable("x.csv", &failingReader{n: 1}, 0)
	if !errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, models.ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
}

func TestReadTableSizeLimit(t *testing.T) {
	// Rule: a file over MaxFileBytes is refused, whether its size is told or not.
	defer func(old int64) { MaxFileBytes = old }(MaxFileBytes)
	MaxFileBytes = 100
	big := "a\n" + strings.Repeat("x\n", 100)
	for _, size := range []int64{int64(len(big)), 0} {
		_, err := ReadTable("x.csv", strings.NewReader(big), size)
		if err == nil || !strings.Contains(err.Error(), "larger than") {
			t.Errorf("size %d: err = %v", size, err)
		}
	}
	if _, err := ReadTable("x.csv", strings.NewReader("a\nx\n"), 4); err != nil {
		t.Errorf("small file: %v", err)
	}
}

// zipOf builds a zip archive of the given files.
func zipOf(t *testing.T, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, content := range files {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		io.WriteString(w, content)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// rawZip builds a zip with one deflated entry whose header declares
// declared bytes while the data unpacks to actual bytes of zeros.
func rawZip(t *testing.T, name string, declared uint64, actual int) []byte {
	t.Helper()
	var comp bytes.Buffer
	fw, _ := flate.NewWriter(&comp, flate.BestCompression)
	zeros := make([]byte, actual)
	fw.Write(zeros)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(zeros),
		CompressedSize64: uint64(comp.Len()), UncompressedSize64: declared})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(comp.Bytes())
	zw.Close()
	return buf.Bytes()
}

func TestReadXLSXZipBombs(t *testing.T) {
	defer func(old int64) { MaxUnzippedBytes = old }(MaxUnzippedBytes)
	MaxUnzippedBytes = 1 << 20

	// A real workbook that unpacks to more than the limit.
	rows := make([][]string, 30000)
	for i := range rows {
		rows[i] = []string{"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"}
	}
	big := xlsxFile(t, []string{"a", "b"}, rows)

	tests := []struct {
		rule string
		data []byte
		want string
	}{
		{"a workbook unpacking beyond the limit is refused before parsing", big, "unpacks to more than 1 MiB"},
		{"an entry declaring a huge size is refused", rawZip(t, "xl/worksheets/sheet1.xml", 1<<40, 1000), "unpacks to more than 1 MiB"},
		{"an entry declaring more than its data can unpack to is refused", rawZip(t, "xl/worksheets/sheet1.xml", 900<<10, 1000), "declares impossible sizes"},
		{"declared sizes summing beyond the limit are refused",
			zipOfDeclared(t, 3, 600<<10), "unpacks to more than 1 MiB"},
		{"an entry unpacking to more than it declares is refused", rawZip(t, "xl/worksheets/sheet1.xml", 100, 4<<20), "the workbook is damaged"},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			if len(tc.data) > 1<<20 {
				t.Fatalf("the test file itself is %d bytes", len(tc.data))
			}
			_, err := ReadTable("bomb.xlsx", bytes.NewReader(tc.data), int64(len(tc.data)))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want %q", err, tc.want)
			}
		})
	}
}

// zipOfDeclared builds a zip of n entries each declaring size bytes.
func zipOfDeclared(t *testing.T, n int, size int) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := range n {
		w, _ := zw.Create(strings.Repeat("x", i+1))
		w.Write(make([]byte, size))
	}
	zw.Close()
	return buf.Bytes()
}

func TestReadXLSXValues(t *testing.T) {
	// Rules: XLSX date cells are dates whatever their format; numbers shown in
	// exponent form are plain; blank rows keep the numbering; the first sheet
	// is read; short rows are padded; values past the header are a problem.
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	f.SetSheetRow(s, "A1", &[]any{"employee_no", "date", "status", "late_minutes", "early_leave_minutes"})
	f.SetSheetRow(s, "A2", &[]any{"E1", time.Date(2024, 3, 5, 0, 0, 0, 0, time.UTC), "present", 1.5e1, 0})
	f.SetSheetRow(s, "A5", &[]any{"E1", 45357, "absent"}) // 2024-03-06 as a serial with a dd/mm/yyyy format
	custom := "dd/mm/yyyy"
	st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	f.SetCellStyle(s, "B5", "B5", st)
	f.SetSheetRow(s, "A6", &[]any{"E1", "2024-03-07", "leave", "٣"})
	f.SetSheetRow(s, "A7", &[]any{"E1", 45359, "present"}) // a number in General format is no date
	f.SetSheetRow(s, "A8", &[]any{"E1", "2024-03-09", "present", nil, nil, "stray"})
	d14, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetSheetRow(s, "A9", &[]any{"E1", 45361.75, "present"})
	f.SetCellStyle(s, "B9", "B9", d14)
	f.NewSheet("Second")
	f.SetSheetRow("Second", "A1", &[]any{"other"})
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	tb, err := ReadTable("t.xlsx", &buf, int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	checkErrors(t, tb.Problems, "8 F: a value in column F, which has no header")
	rows, errs := ParseAttendance(tb)
	checkErrors(t, errs, "7 date: not a date", "8 F: a value in column F")
	want := []struct {
		line int
		date string
		late int
	}{{2, "2024-03-05", 15}, {5, "2024-03-06", 0}, {6, "2024-03-07", 3}, {9, "2024-03-10", 0}}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %+v", len(rows), len(want), rows)
	}
	for i, w := range want {
		r := rows[i]
		if r.Line != w.line || r.Day.Date.String() != w.date || r.Day.LateMinutes != w.late {
			t.Errorf("row %d = line %d %s late %d, want %+v", i, r.Line, r.Day.Date, r.Day.LateMinutes, w)
		}
	}
}

func TestReadXLSXExponentNumbers(t *testing.T) {
	// Rule: a long number that excelize would show as 1.23E+15 is read as its
	// plain digits, in numbers and in text columns.
	cells, raw := mergeCells([]string{"1.5E+01", "1.23456789012346E+18", "x"}, []string{"15", "1234567890123456789", "x"})
	if cells[0] != "15" || raw != nil {
		t.Errorf("cells %q raw %q", cells, raw)
	}
	if cells[1] != "1234567890123456789" {
		t.Errorf("long number = %q", cells[1])
	}
	if n, reason := parseWhole("1.5E+01"); n != 15 || !reason.IsZero() {
		t.Errorf("parseWhole(1.5E+01) = %d %q", n, reason.Text)
	}
}

func TestReadXLSX1904(t *testing.T) {
	// Rule: a workbook counting dates from 1904 gives the same calendar dates.
	f := excelize.NewFile()
	defer f.Close()
	yes := true
	f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: &yes})
	f.SetSheetRow("Sheet1", "A1", &[]any{"employee_no", "date", "status"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"E1", 43894, "present"}) // 2024-03-05 in the 1904 system
	custom := "dd/mm/yyyy"
	st, _ := f.NewStyle(&excelize.Style{CustomNumFmt: &custom})
	f.SetCellStyle("Sheet1", "B2", "B2", st)
	var buf bytes.Buffer
	f.Write(&buf)
	tb, err := ReadTable("t.xlsx", &buf, 0)
	if err != nil {
		t.Fatal(err)
	}
	rows, errs := ParseAttendance(tb)
	checkErrors(t, errs)
	if len(rows) != 1 || rows[0].Day.Date.String() != "2024-03-05" {
		t.Fatalf("rows = %+v", rows)
	}
}

func TestReadXLSXPanicIsAnError(t *testing.T) {
	// Rule: a panic inside the XLSX parser is turned into an error.
	defer func(old func(io.Reader, ...excelize.Options) (*excelize.File, error)) { openWorkbook = old }(openWorkbook)
	openWorkbook = func(io.Reader, ...excelize.Options) (*excelize.File, error) { panic("index out of range") }
	data := xlsxFile(t, []string{"a"}, [][]string{{"1"}})
	tb, err := ReadTable("p.xlsx", bytes.NewReader(data), int64(len(data)))
	if tb != nil || err == nil || !strings.Contains(err.Error(), "the workbook is damaged: parser panic: index out of range") || !errors.Is(err, models.ErrInvalid) {
		t.Fatalf("table %v, err %v", tb, err)
	}
}

// readAllRecords reads every record with its line from r.
func readAllRecords(t *testing.T, r recordReader) (recs [][]string, lines []int) {
	t.Helper()
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return recs, lines
		}
		if err != nil {
			t.Fatalf("read: %v", err)
		}
		line, _ := r.FieldPos(0)
		recs = append(recs, slices.Clone(rec))
		lines = append(lines, line)
	}
}

// checkPlainSame checks plainReader's rule on text without quotes: the same
// records, on the same lines, as encoding/csv.
func checkPlainSame(t *testing.T, text string) {
	t.Helper()
	cr := csv.NewReader(strings.NewReader(text))
	cr.FieldsPerRecord = -1
	want, wantLines := readAllRecords(t, cr)
	for _, reuse := range []bool{false, true} {
		got, gotLines := readAllRecords(t, &plainReader{data: []byte(text), reuse: reuse})
		if !reflect.DeepEqual(got, want) || !slices.Equal(gotLines, wantLines) {
			t.Fatalf("%q (reuse %v):\nplain %q lines %v\ncsv   %q lines %v", text, reuse, got, gotLines, want, wantLines)
		}
	}
}

// Rule: CSV text without quotes is read by the fast plainReader exactly as
// encoding/csv reads it: CRLF and LF, empty lines, trailing commas, a \r
// before the end, spaces and Arabic kept as they are.
func TestPlainReaderMatchesEncodingCSV(t *testing.T) {
	for _, text := range []string{
		"", "\n", "a", "a,b\n1,2\n", "a,b\r\n1,2\r\n", "a,b\n\n\n1,2", "a,,\n,\n", "a\r", "a\r\r\nb\rc\n",
		" a , b \n", "الموظف,التاريخ\nE1,٢٠٢٤-٠٣-٠٥\n", "\r\n\r\na\r\n", "a\n\r\nb",
	} {
		checkPlainSame(t, text)
	}
	// and random texts over the characters that matter
	rnd := rand.New(rand.NewPCG(1, 2))
	alphabet := []string{"a", "b", ",", "\n", "\r", " ", "é", "\r\n"}
	for range 3000 {
		var sb strings.Builder
		for range rnd.IntN(30) {
			sb.WriteString(alphabet[rnd.IntN(len(alphabet))])
		}
		checkPlainSame(t, sb.String())
	}
}
