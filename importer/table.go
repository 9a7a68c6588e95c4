package importer

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"sullam/models"
)

// Limits on the files ReadTable accepts; tests lower them.
var (
	// MaxFileBytes is the largest file ReadTable reads, CSV or XLSX, as stored.
	MaxFileBytes int64 = 128 << 20
	// MaxUnzippedBytes is the most an XLSX workbook may unpack to, all its
	// parts together (a defence against zip bombs).
	MaxUnzippedBytes int64 = 200 << 20
)

// Table is a spreadsheet as read from a file: a header and the data rows,
// with fully blank rows left out.
type Table struct {
	Name string // the file name given to ReadTable
	// Layout says what was detected; its HeaderLine is the line of the
	// header: 1 unless blank lines or a title come first.
	Layout
	Header []string // the header cells as written (a BOM removed)
	Rows   []Row
	// Problems lists rows that could not be split into the header's columns
	// (a wrong number of fields, a broken quote); they are not in Rows. Every
	// parser reports them with its own errors.
	Problems []models.RowError

	date1904  bool      // XLSX: date serials count from 1904
	dateOrder DateOrder // how text dates that are not YYYY-MM-DD are read
	items     []string  // Options.Items
}

// Options are what a reader is told rather than finds out.
type Options struct {
	// Kind, when set, is the kind the file must hold: the header is the
	// first row that names the kind's columns (rows above it are skipped),
	// the first XLSX sheet that holds one is read, and a header that does
	// not fit the kind stops the reading before any row.
	Kind models.ImportKind
	// DateOrder reads text dates that are not YYYY-MM-DD; without it they
	// are refused.
	DateOrder DateOrder
	// Items, when not nil, are the item codes of the stored audit forms
	// (any case): an audits column named by one of them is an item whose
	// bad answers are reported row by row, never taken for an extra column.
	Items []string
}

// Row is one data row of a Table.
type Row struct {
	Line  int      // the line (CSV) or row number (XLSX) in the file; the header is line 1
	Cells []string // one per header column, "" when empty; as shown in a spreadsheet
	// raw holds, for XLSX cells whose stored number is shown differently
	// (a date format, a percentage, …), the stored number; nil for CSV.
	raw []string
}

// FileError reports a file that cannot be read as a table at all. It wraps
// models.ErrInvalid (bad data) and the underlying parser error, if any.
type FileError struct {
	File   string
	Line   int    // 0 when the problem is not on one line
	Reason string // plain words
	Err    error  // the parser's own error, or nil
	Hint   string // what to do about it, or ""
	// Key and Args say Reason in the window's language, HintKey says
	// Hint (the English texts are for the command line).
	Key     string
	Args    map[string]any
	HintKey string
}

// fileError returns the FileError of file name (line 0 when the problem is
// not on one line) with reason and the parser's error err (or nil).
func fileError(name string, line int, reason models.Message, err error) *FileError {
	return &FileError{File: name, Line: line, Reason: reason.Text, Key: reason.Key, Args: reason.Args, Err: err}
}

// Error formats the problem as "read FILE: line N: reason: parser error;
// hint", on one line.
func (e *FileError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "read %s: ", e.File)
	if e.Line > 0 {
		fmt.Fprintf(&b, "line %d: ", e.Line)
	}
	b.WriteString(e.Reason)
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.Hint != "" {
		b.WriteString("; ")
		b.WriteString(e.Hint)
	}
	return b.String()
}

// Unwrap makes errors.Is(err, models.ErrInvalid) true and exposes the
// parser's error.
func (e *FileError) Unwrap() []error {
	if e.Err == nil {
		return []error{models.ErrInvalid}
	}
	return []error{models.ErrInvalid, e.Err}
}

var (
	utf8BOM    = []byte{0xEF, 0xBB, 0xBF}
	zipMagic   = []byte("PK\x03\x04")
	oleMagic   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
	errNoTable = models.Msg("import.err.no_table", nil, "empty file: no header row")
)

// ReadTable reads a CSV or XLSX file, chosen by the extension of name (.csv
// or .xlsx, in any case). size is the file's size when known (0 or less when
// not); it only serves to refuse a file over MaxFileBytes early. A file that
// is not a table at all gives a *FileError; a failing reader gives its error,
// wrapped.
func ReadTable(name string, r io.Reader, size int64) (*Table, error) {
	return ReadTableWith(name, r, size, Options{})
}

// ReadTableWith is ReadTable told what opts say: the kind the file holds,
// to find its header and check it before any row is read, and the order
// of its text dates.
func ReadTableWith(name string, r io.Reader, size int64, opts Options) (*Table, error) {
	if _, err := fileType(name); err != nil {
		return nil, err
	}
	if size > MaxFileBytes {
		return nil, tooLarge(name)
	}
	var buf bytes.Buffer
	if size > 0 {
		buf.Grow(int(size) + bytes.MinRead)
	}
	if _, err := buf.ReadFrom(io.LimitReader(r, MaxFileBytes+1)); err != nil {
		return nil, fmt.Errorf("read %s: %w", name, err)
	}
	if int64(buf.Len()) > MaxFileBytes {
		return nil, tooLarge(name)
	}
	if buf.Len() == 0 {
		return nil, fileError(name, 0, errNoTable, nil)
	}
	return readData(name, buf.Bytes(), opts)
}

// fileType returns the lower-case extension of name, .csv or .xlsx, or a
// *FileError for any other.
func fileType(name string) (string, error) {
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".xlsx" {
		return "", fileError(name, 0, models.Msg("import.err.file_type", map[string]any{"Ext": ext},
			"unsupported file type %q: want a .csv or .xlsx file", ext), nil)
	}
	return ext, nil
}

// readData reads a whole file already in memory as a table.
func readData(name string, data []byte, opts Options) (*Table, error) {
	if ext, err := fileType(name); err != nil {
		return nil, err
	} else if ext == ".xlsx" {
		return readXLSX(name, data, opts)
	}
	return readCSV(name, data, opts)
}

func tooLarge(name string) error {
	return fileError(name, 0, models.Msg("import.err.file_too_large", map[string]any{"MiB": MaxFileBytes >> 20},
		"the file is larger than %d MiB", MaxFileBytes>>20), nil)
}

// readCSV reads RFC 4180 CSV (see scanCSV).
func readCSV(name string, data []byte, opts Options) (*Table, error) {
	t := &Table{Name: name, Rows: make([]Row, 0, bytes.Count(data, []byte{'\n'})+1), dateOrder: opts.DateOrder, items: opts.Items}
	var headerOK func() bool
	if opts.Kind != "" {
		headerOK = func() bool { _, errs := bind(opts.Kind, t); return len(errs) == 0 }
	}
	if err := scanCSV(data, t, opts.Kind, false, headerOK, func(r Row) { t.Rows = append(t.Rows, r) }); err != nil {
		return nil, err
	}
	return t, nil
}

// scanCSV reads RFC 4180 CSV into t (named already): UTF-8 with or without
// a BOM, UTF-16 with a BOM or Windows-1256 (decodeText), separated by
// commas, semicolons or tabs, its header found by kind (findCSVLayout). The
// layout, the header and the problems are set on t, and each data row is
// handed to row as soon as it is read, the header already known. headerOK,
// when not nil, is called once the header is known; when it returns false
// no row is read. With reuse, the row's Cells slice is reused for the next
// row (its strings are not), so row must not keep it. A cell over
// MaxCellBytes or a header over MaxColumns refuses the file at once.
func scanCSV(data []byte, t *Table, kind models.ImportKind, reuse bool, headerOK func() bool, row func(Row)) error {
	name := t.Name
	switch {
	case bytes.HasPrefix(data, zipMagic):
		return fileError(name, 0, models.Msg("import.err.xlsx_not_csv", nil, "the file is an XLSX workbook, not CSV: give it the .xlsx extension"), nil)
	case bytes.HasPrefix(data, oleMagic):
		return fileError(name, 0, models.Msg("import.err.xls_not_csv", nil, "%s", `the file is an old Excel workbook, not CSV: save it as "CSV UTF-8" or .xlsx`), nil)
	}
	data, t.Encoding = decodeText(data)
	sep, headerLine, long := findCSVLayout(kind, data)
	if long > 0 && (headerLine == 0 || long <= headerLine) {
		return longLine(name, data, long)
	}
	t.Separator = sep
	var cr recordReader
	if bytes.IndexByte(data, '"') < 0 {
		cr = &plainReader{data: data, reuse: reuse, sep: string(sep)}
	} else {
		r := csv.NewReader(bytes.NewReader(data))
		r.Comma = sep
		r.FieldsPerRecord = -1
		r.ReuseRecord = reuse
		r.LazyQuotes = false
		cr = r
	}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				return fmt.Errorf("read %s: %w", name, err)
			}
			reason := csvReason(pe.Err)
			if t.Header == nil {
				if pe.StartLine < headerLine {
					continue // a title above the header
				}
				return fileError(name, pe.StartLine, reason, nil)
			}
			t.Problems = append(t.Problems, reason.Row(pe.StartLine, "", ""))
			continue
		}
		line, _ := cr.FieldPos(0)
		if err := checkSizes(t, line, rec); err != nil {
			return err
		}
		for i := range rec {
			rec[i] = unquoteExport(rec[i])
		}
		if blank(rec) {
			continue
		}
		if t.Header == nil {
			if line < headerLine {
				t.Skipped = append(t.Skipped, line)
				continue
			}
			t.Header, t.HeaderLine = slices.Clone(rec), line
			if headerOK != nil && !headerOK() {
				return nil
			}
			continue
		}
		if len(rec) < len(t.Header) || !blank(rec[len(t.Header):]) {
			t.Problems = append(t.Problems, models.Msg("import.err.field_count", map[string]any{"Fields": len(rec), "Header": len(t.Header)},
				"has %d fields, the header has %d", len(rec), len(t.Header)).Row(line, "", ""))
			continue
		}
		row(Row{Line: line, Cells: rec[:len(t.Header):len(t.Header)]})
	}
	if t.Header == nil {
		return fileError(name, 0, errNoTable, nil)
	}
	return nil
}

// longLine refuses a file whose line num, at or before where its header
// should be, is longer than MaxCellBytes: as too many columns when it has
// more than MaxColumns of a separator, else as too long.
func longLine(name string, data []byte, num int) error {
	for i := 1; i < num; i++ {
		data = data[bytes.IndexByte(data, '\n')+1:]
	}
	if end := bytes.IndexByte(data, '\n'); end >= 0 {
		data = data[:end]
	}
	for _, sep := range []byte{',', ';', '\t'} {
		if n := bytes.Count(data, []byte{sep}) + 1; n > MaxColumns {
			return fileError(name, num, tooManyColumns(n), nil)
		}
	}
	return fileError(name, num, models.Msg("import.err.long_line", map[string]any{"KiB": MaxCellBytes >> 10},
		"a line longer than %d KiB where the header should be: this is not a table of the expected kind", MaxCellBytes>>10), nil)
}

// tooManyColumns refuses a header of n columns, more than MaxColumns.
func tooManyColumns(n int) models.Message {
	return models.Msg("import.err.too_many_columns", map[string]any{"Columns": thousands(n), "Max": thousands(MaxColumns)},
		"the header has %s columns, more than %s", thousands(n), thousands(MaxColumns))
}

// checkSizes refuses a row holding a cell over MaxCellBytes, or a header of
// more than MaxColumns columns, in one short line that never echoes the
// whole value.
func checkSizes(t *Table, line int, rec []string) error {
	for i, c := range rec {
		if len(c) > MaxCellBytes {
			return fileError(t.Name, line, models.Msg("import.err.cell_too_large",
				map[string]any{"Cell": i + 1, "KiB": len(c) >> 10, "Max": MaxCellBytes >> 10, "Start": clip(c)},
				"cell %d holds %d KiB, more than the %d KiB a cell may hold (it starts %q)",
				i+1, len(c)>>10, MaxCellBytes>>10, clip(c)), nil)
		}
	}
	if t.Header == nil && len(rec) > MaxColumns {
		return fileError(t.Name, line, tooManyColumns(len(rec)), nil)
	}
	return nil
}

// recordReader is what scanCSV reads records from: encoding/csv's Reader or
// plainReader.
type recordReader interface {
	Read() ([]string, error)
	FieldPos(field int) (line, column int)
}

// plainReader reads CSV text that holds no double quote, where every record
// is one line and its fields are separated by commas, exactly as
// encoding/csv reads such text (\r\n counts as \n, a \r before the end of
// the text is dropped, empty lines are skipped), without its byte-by-byte
// state machine: an attendance file of 2 M rows is read in about a third of
// the time. A file with any quote goes to encoding/csv.
type plainReader struct {
	sep   string // the separator; "" is a comma
	data  []byte
	pos   int
	line  int // the line of the record last read
	next  int // lines read so far
	rec   []string
	reuse bool
}

// Read returns the next record, or io.EOF.
func (p *plainReader) Read() ([]string, error) {
	for p.pos < len(p.data) {
		l := p.data[p.pos:]
		if end := bytes.IndexByte(l, '\n'); end >= 0 {
			l = l[:end]
			p.pos += end + 1
		} else {
			p.pos = len(p.data)
		}
		p.next++
		if n := len(l); n > 0 && l[n-1] == '\r' {
			l = l[:n-1]
		}
		if len(l) == 0 {
			continue
		}
		s := string(l)
		var rec []string
		if p.reuse {
			rec = p.rec[:0]
		} else {
			rec = make([]string, 0, cap(p.rec))
		}
		sep := p.sep
		if sep == "" {
			sep = ","
		}
		for {
			i := strings.Index(s, sep)
			if i < 0 {
				rec = append(rec, s)
				break
			}
			rec = append(rec, s[:i])
			s = s[i+len(sep):]
		}
		p.rec, p.line = rec, p.next
		return rec, nil
	}
	return nil, io.EOF
}

// FieldPos returns the line of the record last read (the column is not kept).
func (p *plainReader) FieldPos(int) (line, column int) { return p.line, 0 }

// csvReason turns an encoding/csv error into plain words.
func csvReason(err error) models.Message {
	switch {
	case errors.Is(err, csv.ErrBareQuote):
		return models.Msg("import.err.bare_quote", nil, "%s", `a " inside a field that does not start with ": put the whole field in quotes and double the " inside it`)
	case errors.Is(err, csv.ErrQuote):
		return models.Msg("import.err.open_quote", nil, "%s", `a quoted field is not closed properly: a " is missing or extra`)
	}
	return models.Msg("import.err.not_csv", map[string]any{"Detail": err.Error()}, "not valid CSV: %s", err.Error())
}

// blank reports whether every cell is empty or white space.
func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// unquoteExport removes the apostrophe that Neutralise puts before a cell
// whose first character after any apostrophes is = + - @, a tab or a carriage
// return, so that an exported file imports unchanged. Any other leading
// apostrophe is kept.
func unquoteExport(s string) string {
	if rest := strings.TrimLeft(s, "'"); len(rest) < len(s) && rest != "" && strings.IndexByte(formulaStarts, rest[0]) >= 0 {
		return s[1:]
	}
	return s
}
