package importer

import (
	"encoding/csv"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
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
// (Excel shows more in exponent form) and no trailing zero after it.
var xlsxNumber = regexp.MustCompile(`^-?(0|[1-9][0-9]{0,10})(\.[0-9]{0,3}[1-9])?$`)

// WriteXLSX writes header and rows as a one-sheet workbook with excelize's
// streaming writer (large exports stay small in memory). The header is bold
// and frozen; rtl shows the sheet right to left (for Arabic). Cells that are
// plain numbers (see xlsxNumber) become numeric cells, every other cell is
// text, neutralised against formula injection like WriteCSV.
func WriteXLSX(w io.Writer, sheet string, header []string, rows [][]string, rtl bool) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write xlsx: %w", cerr)
		}
	}()
	sheet = sheetName(sheet)
	if sheet != "Sheet1" {
		if err := f.SetSheetName("Sheet1", sheet); err != nil {
			return fmt.Errorf("write xlsx: name sheet %q: %w", sheet, err)
		}
	}
	if rtl {
		if err := f.SetSheetView(sheet, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
			return fmt.Errorf("write xlsx: right to left: %w", err)
		}
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("write xlsx: header style: %w", err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return fmt.Errorf("write xlsx: %w", err)
	}
	for i, width := range columnWidths(header, rows) {
		if err := sw.SetColWidth(i+1, i+1, width); err != nil {
			return fmt.Errorf("write xlsx: column width: %w", err)
		}
	}
	if len(header) > 0 {
		if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
			return fmt.Errorf("write xlsx: freeze header: %w", err)
		}
	}
	vals := make([]any, 0, len(header))
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = excelize.Cell{StyleID: bold, Value: Neutralise(h)}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		return fmt.Errorf("write xlsx header: %w", err)
	}
	for i, r := range rows {
		vals = vals[:0]
		for _, c := range r {
			vals = append(vals, xlsxValue(c))
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

// xlsxValue returns the value to write for one cell: a number, nil for an
// empty cell, or neutralised text.
func xlsxValue(s string) any {
	switch {
	case s == "":
		return nil
	case xlsxNumber.MatchString(s):
		if f, err := strconv.ParseFloat(s, 64); err == nil && (f != 0 || s == "0") { // not "-0"
			return f
		}
	}
	return Neutralise(s)
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
