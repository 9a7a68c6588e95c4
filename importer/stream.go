package importer

import (
	"bytes"
	"slices"
	"strings"

	"sullam/models"
)

// StreamAttendance parses an attendance file held in memory (CSV or XLSX,
// by name, as ReadTable) and hands the good rows to emit in chunks of up to
// chunk rows while it reads, so that a caller can store one chunk while the
// next is parsed, and a file of millions of rows is never held parsed in
// full. It returns every bad row, sorted by line, as ParseAttendance does
// (a file with any must not be imported: the caller rolls back what it
// stored), and a *FileError for a file that is not a table at all. CSV is
// read row by row; an XLSX workbook is read whole first.
func StreamAttendance(name string, data []byte, chunk int, emit func([]models.AttendanceRow)) ([]models.RowError, error) {
	_, errs, err := StreamAttendanceWith(name, data, Options{}, chunk, emit)
	return errs, err
}

// StreamAttendanceWith is StreamAttendance told the date order (opts.Kind
// is attendance whatever it says); it also returns what was detected of
// the file's layout.
func StreamAttendanceWith(name string, data []byte, opts Options, chunk int, emit func([]models.AttendanceRow)) (Layout, []models.RowError, error) {
	return streamRows(models.KindAttendance, name, data, opts, chunk, parseAttendanceRow(lines(data)), emit)
}

// StreamWeekly is StreamAttendance for a weekly-reports file: the rows,
// errors and chunks are those of ParseWeekly over the same file.
func StreamWeekly(name string, data []byte, chunk int, emit func([]models.WeeklyRow)) ([]models.RowError, error) {
	_, errs, err := StreamWeeklyWith(name, data, Options{}, chunk, emit)
	return errs, err
}

// StreamWeeklyWith is StreamAttendanceWith for a weekly-reports file.
func StreamWeeklyWith(name string, data []byte, opts Options, chunk int, emit func([]models.WeeklyRow)) (Layout, []models.RowError, error) {
	return streamRows(models.KindWeekly, name, data, opts, chunk, parseWeeklyRow(lines(data)), emit)
}

// streamRows is parseRows for a file read row by row: each row is parsed as
// it is read and the good ones go to emit in chunks. When the header has
// errors, no row is parsed and only they (and the file's problems) are
// returned: the rows after a wrong header are not even read.
func streamRows[T any](kind models.ImportKind, name string, data []byte, opts Options, chunk int, fn func(r *rowReader) T, emit func([]T)) (Layout, []models.RowError, error) {
	chunk = max(1, chunk)
	opts.Kind = kind
	ext, err := fileType(name)
	if err != nil {
		return Layout{}, nil, err
	}
	if int64(len(data)) > MaxFileBytes {
		return Layout{}, nil, tooLarge(name)
	}
	if len(data) == 0 {
		return Layout{}, nil, fileError(name, 0, errNoTable, nil)
	}
	if ext == ".xlsx" {
		return streamXLSX(kind, name, data, opts, chunk, fn, emit)
	}
	t := &Table{Name: name, dateOrder: opts.DateOrder}
	var (
		b        *binding
		errs     []models.RowError
		bound    bool
		headerOK bool
		nameless []int            // the columns without a name
		used     = map[int]bool{} // those a row has a value in
		buf      = make([]T, 0, chunk)
	)
	// bind checks the header as soon as it is known; it cannot see the rows
	// yet, so the columns without a name are checked as the rows come.
	bindHeader := func() {
		bound = true
		b, errs = bind(kind, t)
		headerOK = b != nil && len(errs) == 0
		for i, h := range t.Header {
			if normalise(h) == "" {
				nameless = append(nameless, i)
			}
		}
	}
	err = scanCSV(data, t, kind, true, func() bool { bindHeader(); return headerOK }, func(row Row) {
		for _, i := range nameless {
			if !used[i] && strings.TrimSpace(row.Cells[i]) != "" {
				used[i] = true
				headerOK = false
			}
		}
		if !headerOK {
			return
		}
		r := &rowReader{t: t, row: &row, b: b}
		v := fn(r)
		if len(r.errs) > 0 {
			errs = append(errs, r.errs...)
			return
		}
		buf = append(buf, v)
		if len(buf) == chunk {
			emit(buf)
			buf = make([]T, 0, chunk)
		}
	})
	if err != nil {
		return Layout{}, nil, err
	}
	if !bound {
		bindHeader()
	}
	if b != nil {
		errs = append(errs, namelessUsed(t, func(i int) bool { return used[i] })...)
	}
	if len(buf) > 0 && headerOK {
		emit(buf)
	}
	if !headerOK {
		// as parseRows: when the header is wrong, only its errors count
		errs = slices.DeleteFunc(errs, func(e models.RowError) bool { return e.Line != t.HeaderLine })
	}
	return t.Layout, sortErrors(append(errs, t.Problems...)), nil
}

// streamXLSX is streamRows for a workbook: read whole (a zip is not read
// as a stream), parsed, then emitted chunk rows at a time.
func streamXLSX[T any](kind models.ImportKind, name string, data []byte, opts Options, chunk int, fn func(r *rowReader) T, emit func([]T)) (Layout, []models.RowError, error) {
	t, err := readXLSX(name, data, opts)
	if err != nil {
		return Layout{}, nil, err
	}
	rows, errs := parseRows(kind, t, fn)
	for start := 0; start < len(rows); start += chunk {
		emit(rows[start:min(start+chunk, len(rows))])
	}
	return t.Layout, errs, nil
}

// lines is the number of lines of data, about its number of rows.
func lines(data []byte) int { return bytes.Count(data, []byte{'\n'}) + 1 }
