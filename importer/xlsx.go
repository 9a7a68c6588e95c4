package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"sullam/models"
)

// xlsxXMLInMemory is the largest sheet or shared-string part excelize keeps
// in memory; a larger one is unpacked to a temporary file and streamed.
const xlsxXMLInMemory = 16 << 20

// openWorkbook opens a workbook; tests replace it to check that a panic of
// the parser becomes an error.
var openWorkbook = excelize.OpenReader

// maxDeflateRatio bounds how many times deflate can expand its input.
const maxDeflateRatio = 1100

// readXLSX reads the first sheet of a workbook. It checks the unpacked size
// and that every part of the zip is whole (verifyWorkbook) before excelize
// sees the file, and turns a panic of the parser into an error.
func readXLSX(name string, data []byte, opts Options) (t *Table, err error) {
	if bytes.HasPrefix(data, oleMagic) {
		return nil, fileError(name, 0, models.Msg("import.err.old_xls", nil, "the file is an old .xls workbook or a password-protected one: save it as .xlsx without a password"), nil)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		if isZipStart(data) {
			return nil, damaged(name, err)
		}
		return nil, fileError(name, 0, reasonNotXLSX, err)
	}
	var total uint64
	limit := uint64(max(MaxUnzippedBytes, 0))
	for _, f := range zr.File {
		if f.UncompressedSize64 > limit-total {
			return nil, fileError(name, 0, models.Msg("import.err.unzipped_too_large", map[string]any{"MiB": MaxUnzippedBytes >> 20},
				"the workbook unpacks to more than %d MiB", MaxUnzippedBytes>>20), nil)
		}
		total += f.UncompressedSize64
		// excelize allocates the declared size up front: refuse sizes that
		// no data of this file could unpack to (deflate expands at most
		// 1032 times), so a tiny file cannot claim hundreds of MiB.
		if f.CompressedSize64 > uint64(len(data)) || f.UncompressedSize64 > f.CompressedSize64*maxDeflateRatio+1024 {
			return nil, fileError(name, 0, reasonNotXLSX, fmt.Errorf("part %q declares impossible sizes", f.Name))
		}
	}
	if err := verifyWorkbook(data, zr); err != nil {
		return nil, damaged(name, err)
	}
	defer func() {
		if p := recover(); p != nil {
			t, err = nil, damaged(name, fmt.Errorf("parser panic: %v", p))
		}
	}()
	f, err := openWorkbook(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    MaxUnzippedBytes,
		UnzipXMLSizeLimit: min(xlsxXMLInMemory, MaxUnzippedBytes),
		ShortDatePattern:  "yyyy-mm-dd", // the default date format shows as YYYY-MM-DD
	})
	if err != nil {
		return nil, fileError(name, 0, reasonNotXLSX, err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, fileError(name, 0, models.Msg("import.err.no_sheet", nil, "the workbook has no sheet"), nil)
	}
	t = &Table{Name: name, dateOrder: opts.DateOrder, items: opts.Items}
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		t.date1904 = *props.Date1904
	}
	sheet, headerLine, err := chooseSheet(f, name, sheets, opts.Kind)
	if err != nil {
		return nil, err
	}
	if opts.Kind != "" {
		t.Sheet = sheet
	}
	var headerOK func() bool
	if opts.Kind != "" {
		headerOK = func() bool { _, errs := bind(opts.Kind, t); return len(errs) == 0 }
	}
	if err := readSheet(f, sheet, t, headerLine, headerOK); err != nil {
		return nil, err
	}
	if t.Header == nil {
		return nil, fileError(name, 0, errNoTable, nil)
	}
	return t, nil
}

// chooseSheet returns the sheet to read and the row of its header (0: the
// first non-blank row). Without a kind, it is the first sheet. With one, it
// is the first sheet one of whose first rows names every required column of
// kind — passing over such a sheet that holds nothing below its header
// when a later one holds rows (the audits template has a sheet per form:
// the one filled in is read); failing that, the sheet and row naming most
// of them; failing that, the only sheet, or an error naming each sheet and
// what it holds.
func chooseSheet(f *excelize.File, name string, sheets []string, kind models.ImportKind) (string, int, error) {
	if kind == "" {
		return sheets[0], 0, nil
	}
	best, bestSheet, bestRow := 1, "", 0
	emptySheet, emptyRow := "", 0 // the first sheet with the header and no row below it
	var holds []string
	for _, sh := range sheets {
		rows, err := leadRows(f, sh)
		if err != nil {
			return "", 0, fileError(name, 0, cannotReadSheet(sh), err)
		}
		if len(rows) == 0 {
			holds = append(holds, fmt.Sprintf("sheet %q is empty", sh))
			continue
		}
		for i, r := range rows {
			score, complete := headerScore(kind, r.cells)
			if complete && i == len(rows)-1 && len(rows) < maxLeadRows {
				if emptySheet == "" {
					emptySheet, emptyRow = sh, r.line
				}
				break
			}
			if complete {
				return sh, r.line, nil
			}
			if score > best {
				best, bestSheet, bestRow = score, sh, r.line
			}
		}
		holds = append(holds, fmt.Sprintf("sheet %q starts with %q", sh, clip(strings.Join(rows[0].cells, ", "))))
	}
	switch {
	case emptySheet != "":
		return emptySheet, emptyRow, nil
	case bestSheet != "":
		return bestSheet, bestRow, nil
	case len(sheets) == 1:
		return sheets[0], 0, nil
	}
	names := make([]string, 0, len(kinds[kind].columns))
	for _, c := range kinds[kind].columns {
		if c.Required {
			names = append(names, c.Name)
		}
	}
	return "", 0, fileError(name, 0, models.Msg("import.err.no_sheet_of_kind",
		map[string]any{"Kind": string(kind), "Columns": strings.Join(names, ", "), "Sheets": strings.Join(holds, "; ")},
		"no sheet has a header with the columns of %s (%s): %s", kind, strings.Join(names, ", "), strings.Join(holds, "; ")), nil)
}

// leadRow is one of the first non-blank rows of a sheet.
type leadRow struct {
	line  int
	cells []string
}

// leadRows returns the first maxLeadRows non-blank rows of a sheet, each
// cell trimmed, reading no further.
func leadRows(f *excelize.File, sheet string) ([]leadRow, error) {
	it, err := f.Rows(sheet)
	if err != nil {
		return nil, err
	}
	defer it.Close()
	var out []leadRow
	for line := 1; len(out) < maxLeadRows && it.Next(); line++ {
		cells, err := it.Columns()
		if err != nil {
			return nil, err
		}
		if len(cells) > MaxColumns {
			cells = cells[:MaxColumns+1] // checked when the sheet is read
		}
		if !blank(cells) {
			for i := range cells {
				cells[i] = clip(strings.TrimSpace(cells[i]))
			}
			out = append(out, leadRow{line: line, cells: cells})
		}
	}
	return out, it.Error()
}

// readSheet reads a sheet twice in step: the values as shown (number formats
// applied) and as stored, to recognise dates and numbers whatever their
// format. Its header is the first non-blank row from row headerLine; the
// non-blank rows above it are skipped and noted. headerOK, when not nil, is
// called once the header is known; when it returns false no row is read.
func readSheet(f *excelize.File, sheet string, t *Table, headerLine int, headerOK func() bool) error {
	shown, err := f.Rows(sheet)
	if err != nil {
		return fileError(t.Name, 0, cannotReadSheet(sheet), err)
	}
	defer shown.Close()
	stored, err := f.Rows(sheet)
	if err != nil {
		return fileError(t.Name, 0, cannotReadSheet(sheet), err)
	}
	defer stored.Close()
	rawOpt := excelize.Options{RawCellValue: true}
	for line := 1; shown.Next(); line++ {
		stored.Next()
		cs, err := shown.Columns()
		if err != nil {
			return fileError(t.Name, line, models.Msg("import.err.bad_row", nil, "cannot read this row"), err)
		}
		cr, err := stored.Columns(rawOpt)
		if err != nil {
			return fileError(t.Name, line, models.Msg("import.err.bad_row", nil, "cannot read this row"), err)
		}
		if err := checkSizes(t, line, cs); err != nil {
			return err
		}
		cells, raw := mergeCells(cs, cr)
		if blank(cells) {
			continue
		}
		if t.Header == nil {
			if line < headerLine {
				t.Skipped = append(t.Skipped, line)
				continue
			}
			t.Header, t.HeaderLine = cells, line
			if headerOK != nil && !headerOK() {
				return nil
			}
			continue
		}
		t.addXLSXRow(line, cells, raw)
	}
	if err := shown.Error(); err != nil {
		return fileError(t.Name, 0, cannotReadSheet(sheet), err)
	}
	return nil
}

// mergeCells combines the shown and stored values of a row's cells. A cell's
// shown value is kept, except that a number excelize shows in exponent form
// (1.5E+01) becomes the stored plain number; when the stored value is a number
// shown differently (a date, a percentage), it is kept in raw for the parsers.
func mergeCells(shown, stored []string) (cells, raw []string) {
	n := max(len(shown), len(stored))
	cells = make([]string, n)
	for i := range n {
		var s, r string
		if i < len(shown) {
			s = shown[i]
		}
		if i < len(stored) {
			r = stored[i]
		}
		s = unquoteExport(strings.ReplaceAll(s, "\r\n", "\n"))
		switch {
		case s == r || !isNumber(r):
		case strings.ContainsAny(s, "eE") && isNumber(s):
			s = plainNumber(r)
		default:
			if raw == nil {
				raw = make([]string, n)
			}
			raw[i] = r
		}
		cells[i] = s
	}
	return cells, raw
}

// addXLSXRow adds a data row, copying it to the header's width (so that a
// long row read by excelize is not kept alive) or recording a problem when it
// has values beyond the header's last column.
func (t *Table) addXLSXRow(line int, cells, raw []string) {
	w := len(t.Header)
	if len(cells) > w {
		for i := w; i < len(cells); i++ {
			if strings.TrimSpace(cells[i]) != "" {
				col, _ := excelize.ColumnNumberToName(i + 1)
				t.Problems = append(t.Problems, models.RowError{Line: line, Column: col, Value: clip(cells[i]),
					Reason: fmt.Sprintf("a value in column %s, which has no header", col),
					Key:    "import.err.value_without_header", Args: map[string]any{"Column": col}})
				return
			}
		}
	}
	row := Row{Line: line, Cells: make([]string, w)}
	copy(row.Cells, cells)
	if raw != nil {
		row.raw = make([]string, w)
		copy(row.raw, raw)
	}
	t.Rows = append(t.Rows, row)
}

// isNumber reports whether s is a decimal number in ASCII digits, with an
// optional sign, fraction and exponent (the way spreadsheets store numbers).
func isNumber(s string) bool {
	if s == "" {
		return false
	}
	i := 0
	if s[0] == '+' || s[0] == '-' {
		i++
	}
	digits := 0
	for ; i < len(s) && isDigit(s[i]); i++ {
		digits++
	}
	if i < len(s) && s[i] == '.' {
		for i++; i < len(s) && isDigit(s[i]); i++ {
			digits++
		}
	}
	if digits == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		exp := 0
		for ; i < len(s) && isDigit(s[i]); i++ {
			exp++
		}
		if exp == 0 {
			return false
		}
	}
	return i == len(s)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// plainNumber writes a number without an exponent (1.5E+01 → 15).
func plainNumber(s string) string {
	if !strings.ContainsAny(s, "eE") {
		return s
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return s
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// reasonNotXLSX refuses a file that is not an XLSX workbook at all.
var reasonNotXLSX = models.Msg("import.err.not_xlsx", nil, "not a valid XLSX workbook")

// cannotReadSheet says that sheet could not be read.
func cannotReadSheet(sheet string) models.Message {
	return models.Msg("import.err.bad_sheet", map[string]any{"Sheet": sheet}, "cannot read sheet %q", sheet)
}
