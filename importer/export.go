package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
)

// formulaStarts are the first characters that make a spreadsheet read a cell
// as a formula (or, for tab and carriage return, hide such a start).
const formulaStarts = "=+-@\t\r"

// signedNumber is a plain decimal number with an optional sign; such a cell
// is left alone even though it may start with + or -.
var signedNumber = regexp.MustCompile(`^[+-]?[0-9]+(\.[0-9]+)?$`)

// Neutralise makes a cell safe against spreadsheet formula injection: a cell
// starting with = + - @, a tab or a carriage return gets a leading apostrophe,
// so that Excel and LibreOffice show it as text instead of running it. A
// plain number such as -3.5 or +7 is left as it is: it cannot be a formula and
// must stay a number. ReadTable removes one apostrophe before those
// characters again; so that a text really starting with apostrophes and then
// such a character ('=x) survives that too, it also gets one more. Exported
// files therefore import unchanged.
func Neutralise(s string) string {
	rest := strings.TrimLeft(s, "'")
	if rest == "" || strings.IndexByte(formulaStarts, rest[0]) < 0 || (len(rest) == len(s) && signedNumber.MatchString(s)) {
		return s
	}
	return "'" + s
}

// WriteCSV writes header and rows as CSV for Excel: the UTF-8 byte-order mark
// first (so that Excel shows Arabic), RFC 4180 quoting, every cell
// neutralised against formula injection.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := w.Write(utf8BOM); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	cw := csv.NewWriter(w)
	rec := make([]string, 0, len(header))
	write := func(cells []string) error {
		rec = rec[:0]
		for _, c := range cells {
			rec = append(rec, Neutralise(c))
		}
		return cw.Write(rec)
	}
	if err := write(header); err != nil {
		return fmt.Errorf("write csv header: %w", err)
	}
	for i, r := range rows {
		if err := write(r); err != nil {
			return fmt.Errorf("write csv row %d: %w", i+1, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write csv: %w", err)
	}
	return nil
}

// xlsxNumber is a number WriteXLSX writes as a numeric cell: no leading zero
// (so that codes such as 007 stay text), at most 11 digits before the point
// (Excel shows more in exponent form) and at most 4 digits after it.
var xlsxNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,10})(\.[0-9]{1,4})?$`)

// twoDecimals is a number written with exactly two decimals (97.50, 6.70): it
// becomes a numeric cell shown with the format 0.00, so that it still reads
// 6.70 (and imports back unchanged).
var twoDecimals = regexp.MustCompile(`^-?[0-9]+\.[0-9]{2}$`)

// ColumnType says how WriteSheet writes the cells of one column.
type ColumnType int

// The column types of WriteSheet.
const (
	// ColumnAuto writes plain numbers as numeric cells (two decimals shown
	// as 0.00), valid YYYY-MM-DD dates as date cells, anything else as text.
	ColumnAuto ColumnType = iota
	// ColumnText always writes text (employee numbers, phones, codes, free
	// text), formatted as text so that Excel keeps leading zeros and +.
	ColumnText
	// ColumnDate writes valid YYYY-MM-DD dates as date cells, else text.
	ColumnDate
	// ColumnNumber writes numbers as numeric cells, else text.
	ColumnNumber
)

// Sheet is one worksheet for WriteSheet.
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]string
	// Types holds one type per column; missing ones are ColumnAuto.
	Types []ColumnType
	// RTL shows the sheet right to left (Arabic).
	RTL bool
}

// textColumns are the import columns that hold identifiers or free text:
// WriteXLSX writes them as text even when they look like numbers or dates
// (a phone 501234567, an employee number 1000 that must match as text).
var textColumns = map[string]bool{
	"employee_no": true, "supervisor_no": true, "reviewer_no": true, "phone": true, "email": true,
	"audit_ref": true, "code": true, "job_code": true, "form_code": true, "full_name": true, "team": true,
	"auditor": true, "notes": true, "summary": true, "comments": true, "period": true, "education": true,
	"languages": true, "source": true,
}

// ExportTypes returns the column types WriteXLSX uses for header: text for
// identifiers and free text (textColumns and the _ar/_en columns), automatic
// for the others.
func ExportTypes(header []string) []ColumnType {
	types := make([]ColumnType, len(header))
	for i, h := range header {
		h = strings.ToLower(strings.TrimSpace(h))
		if textColumns[h] || strings.HasSuffix(h, "_ar") || strings.HasSuffix(h, "_en") {
			types[i] = ColumnText
		}
	}
	return types
}

// WriteXLSX writes header and rows as a one-sheet workbook (see WriteSheet),
// with the column types of ExportTypes.
func WriteXLSX(w io.Writer, sheet string, header []string, rows [][]string, rtl bool) error {
	return WriteSheet(w, Sheet{Name: sheet, Header: header, Rows: rows, Types: ExportTypes(header), RTL: rtl})
}

// xlsxStyles are the cell styles of WriteSheet.
type xlsxStyles struct {
	header, text, textWrap, date, decimal2, general int
}

func newXLSXStyles(f *excelize.File) (xlsxStyles, error) {
	var st xlsxStyles
	dateFmt, dec2Fmt := "yyyy-mm-dd", "0.00"
	for _, s := range []struct {
		id    *int
		style excelize.Style
	}{
		{&st.header, excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{Vertical: "center", WrapText: true}}},
		{&st.text, excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.textWrap, excelize.Style{NumFmt: 49, Alignment: &excelize.Alignment{Vertical: "top", WrapText: true}}},
		{&st.date, excelize.Style{CustomNumFmt: &dateFmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.decimal2, excelize.Style{CustomNumFmt: &dec2Fmt, Alignment: &excelize.Alignment{Vertical: "top"}}},
		{&st.general, excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}}},
	} {
		id, err := f.NewStyle(&s.style)
		if err != nil {
			return st, fmt.Errorf("write xlsx: cell style: %w", err)
		}
		*s.id = id
	}
	return st, nil
}

// WriteSheet writes s as a one-sheet workbook with excelize's streaming
// writer (large exports stay small in memory), made to be read and printed
// in a spreadsheet: a bold, frozen header row that is repeated on every
// printed page; landscape pages fitted to the width; column widths from the
// content; multi-line cells wrapped; right to left when s.RTL. Cells are
// typed by s.Types: numbers become numeric cells (exactly two decimals shown
// as 0.00), YYYY-MM-DD dates become date cells shown as yyyy-mm-dd, every
// other cell is text, neutralised against formula injection like WriteCSV.
// The file reads back (ReadTable) with the same cells.
func WriteSheet(w io.Writer, s Sheet) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write xlsx: %w", cerr)
		}
	}()
	sheet := sheetName(s.Name)
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return fmt.Errorf("write xlsx: name sheet %q: %w", sheet, err)
		}
	}
	if s.RTL {
		rtl := true
		if err := f.SetSheetView(sheet, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
			return fmt.Errorf("write xlsx: right to left: %w", err)
		}
	}
	if err := printSetup(f, sheet, len(s.Header) > 0); err != nil {
		return err
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for i, width := range columnWidths(s.Header, s.Rows) {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("write xlsx: column width: %w", err)
		}
	}
	if len(s.Header) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("write xlsx: freeze header: %w", err)
		}
	}
	vals := make([]any, 0, len(s.Header))
	hdr := make([]any, len(s.Header))
	for i, h := range s.Header {
		hdr[i] = excelize.Cell{StyleID: st.header, Value: Neutralise(h)}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return fmt.Errorf("write xlsx header: %w", err)
	}
	for i, r := range s.Rows {
		vals = vals[:0]
		for j, c := range r {
			typ := ColumnAuto
			if j < len(s.Types) {
				typ = s.Types[j]
			}
			vals = append(vals, xlsxCell(st, typ, c))
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, vals); err != nil {
			return fmt.Errorf("write xlsx row %d: %w", i+1, err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	return nil
}

// printSetup makes the sheet print on landscape pages fitted to the width,
// with the header row (when there is one) repeated on every page.
func printSetup(f *excelize.File, sheet string, header bool) error {
	landscape, one, any := "landscape", 1, 0
	if err := f.SetPageLayout(sheet, &excelize.PageLayoutOptions{Orientation: &landscape, FitToWidth: &one, FitToHeight: &any}); err != nil {
		return fmt.Errorf("write xlsx: page layout: %w", err)
	}
	fit := true
	if err := f.SetSheetProps(sheet, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return fmt.Errorf("write xlsx: fit to page: %w", err)
	}
	if !header {
		return nil
	}
	ref := "'" + strings.ReplaceAll(sheet, "'", "''") + "'!$1:$1"
	if err := f.SetDefinedName(&excelize.DefinedName{Name: "_xlnm.Print_Titles", RefersTo: ref, Scope: sheet}); err != nil {
		return fmt.Errorf("write xlsx: repeated header: %w", err)
	}
	return nil
}

// xlsxCell returns the cell to write for s in a column of type typ: nil for
// an empty cell, a number, a date, or neutralised text.
func xlsxCell(st xlsxStyles, typ ColumnType, s string) any {
	if s == "" {
		return nil
	}
	if typ == ColumnAuto || typ == ColumnNumber {
		if xlsxNumber.MatchString(s) {
			if f, err := strconv.ParseFloat(s, 64); err == nil && (f != 0 || s == "0" || s == "0.00") { // not "-0"
				style := st.general
				if twoDecimals.MatchString(s) {
					style = st.decimal2
				} else if strings.Contains(s, ".") && strings.HasSuffix(s, "0") {
					return text(st, s) // 6.7000 would read back as 6.7
				}
				return excelize.Cell{StyleID: style, Value: f}
			}
		}
	}
	if typ == ColumnAuto || typ == ColumnDate {
		if isoDate.MatchString(s) {
			if d, err := time.Parse(time.DateOnly, s); err == nil && d.Year() > 1900 { // Excel counts a 29 February 1900
				return excelize.Cell{StyleID: st.date, Value: d}
			}
		}
	}
	return text(st, s)
}

// text is a neutralised text cell, wrapped when it has more than one line.
func text(st xlsxStyles, s string) excelize.Cell {
	style := st.text
	if strings.ContainsAny(s, "\n") {
		style = st.textWrap
	}
	return excelize.Cell{StyleID: style, Value: Neutralise(s)}
}

// sheetName makes s a valid sheet name: no : \ / ? * [ ], not starting or
// ending with an apostrophe, at most 31 characters, "Sheet1" when empty.
func sheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) || r < ' ' {
			return '_'
		}
		return r
	}, s)
	if r := []rune(s); len(r) > 31 {
		s = string(r[:31])
	}
	s = strings.Trim(s, "'")
	if strings.TrimSpace(s) == "" {
		return "Sheet1"
	}
	return s
}

// columnWidths estimates column widths from the header and the first rows.
func columnWidths(header []string, rows [][]string) []float64 {
	widths := make([]float64, len(header))
	fit := func(i int, s string) {
		if i >= len(widths) {
			return
		}
		if line, _, _ := strings.Cut(s, "\n"); float64(utf8.RuneCountInString(line)+2) > widths[i] {
			widths[i] = float64(utf8.RuneCountInString(line) + 2)
		}
	}
	for i, h := range header {
		fit(i, h)
		widths[i] *= 1.2 // the header is bold: wider than plain text
	}
	for _, r := range rows[:min(len(rows), 200)] {
		for i, c := range r {
			fit(i, c)
		}
	}
	for i := range widths {
		widths[i] = min(max(widths[i], 8), 60)
	}
	return widths
}
