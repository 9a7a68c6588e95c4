package widgets

import (
	"io"
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"sullam/importer"
	"sullam/models"
	"sullam/ui/i18n"
)

// The import flow's error report: row errors grouped by column and reason,
// their table and their export (moved verbatim from import_flow.go).

// errorGroup is the bad rows with the same reason in the same column.
type errorGroup struct {
	Column, reason, First string // first: the value of the first row
	Lines                 []int
	err                   models.RowError // the first row's error
	// columnText and reasonText say column and reason in the user's
	// language (labelGroups); empty until then.
	columnText, reasonText string
}

// groupColumn returns the column as the window shows it.
func (g errorGroup) groupColumn() string {
	if g.columnText != "" {
		return g.columnText
	}
	return g.Column
}

// groupReason returns the reason as the window shows it.
func (g errorGroup) groupReason() string {
	if g.reasonText != "" {
		return g.reasonText
	}
	return g.reason
}

// labelGroups groups f's errors and says each group's column and reason
// in the user's language, the columns as the file's header wrote them.
func (f *importFlow) labelGroups() {
	f.groups = ErrorGroups(f.errs)
	labels := newColumnLabels(f.kind, f.table)
	for i := range f.groups {
		g := &f.groups[i]
		g.columnText = labels.label(g.Column)
		g.reasonText = messageText(g.err.Message(), labels.label)
	}
}

// onExportErrors saves every bad row (not grouped) as CSV.
func (f *importFlow) onExportErrors() {
	saveRowErrors(f.d, strings.TrimSuffix(f.name, fileExt(f.name))+"-errors.csv", f.errs)
}

// fileExt returns name's extension with its dot, or "".
func fileExt(name string) string {
	if i := strings.LastIndexByte(name, '.'); i > 0 {
		return name[i:]
	}
	return ""
}

// saveRowErrors asks where to save the row errors and writes them there as
// CSV, one line per bad cell: line, column, value, reason.
func saveRowErrors(d Deps, suggested string, errs []models.RowError) {
	rows := make([][]string, len(errs))
	for i, e := range errs {
		rows[i] = []string{strconv.Itoa(e.Line), e.Column, e.Value, e.Reason}
	}
	SaveFile(d, suggested, func(w io.Writer) error {
		return importer.WriteCSV(w, []string{"line", "column", "value", "reason"}, rows)
	})
}

// BadRows counts the rows (not the cells) of errs.
func BadRows(errs []models.RowError) int {
	seen := map[int]bool{}
	for _, e := range errs {
		seen[e.Line] = true
	}
	return len(seen)
}

// ErrorGroups groups errs by column and reason, in the order of their
// first line, so that a column of the same mistake is one line.
func ErrorGroups(errs []models.RowError) []errorGroup {
	var out []errorGroup
	index := map[[2]string]int{}
	for _, e := range errs {
		k := [2]string{e.Column, e.Reason}
		i, ok := index[k]
		if !ok {
			i = len(out)
			index[k] = i
			out = append(out, errorGroup{Column: e.Column, reason: e.Reason, First: e.Value, err: e})
		}
		if n := len(out[i].Lines); n == 0 || out[i].Lines[n-1] != e.Line {
			out[i].Lines = append(out[i].Lines, e.Line)
		}
	}
	for i := range out {
		sort.Ints(out[i].Lines)
	}
	return out
}

// LineRanges writes sorted lines as ranges, "2–5, 9", at most three of
// them and "…" for the rest.
func LineRanges(lines []int) string {
	var parts []string
	for i := 0; i < len(lines); {
		j := i
		for j+1 < len(lines) && lines[j+1] <= lines[j]+1 {
			j++
		}
		if len(parts) == 3 {
			parts = append(parts, "…")
			break
		}
		if j == i {
			parts = append(parts, strconv.Itoa(lines[i]))
		} else {
			parts = append(parts, strconv.Itoa(lines[i])+"–"+strconv.Itoa(lines[j]))
		}
		i = j + 1
	}
	sep := ", "
	if i18n.IsRTL() {
		sep = "، "
	}
	return strings.Join(parts, sep)
}

// ErrorGroupColumns are the translation keys of the grouped row errors
// table's columns.
var ErrorGroupColumns = []string{"import.col.column", "import.col.rows", "import.col.lines", "import.col.first_value", "import.col.reason"}

// newErrorGroupTable is a table of grouped row errors (column, count of
// rows, line ranges, first value, reason) showing whatever *groups holds
// when refreshed; its columns run from the right in Arabic.
func newErrorGroupTable(groups *[]errorGroup) *widget.Table {
	n := len(ErrorGroupColumns)
	t := widget.NewTableWithHeaders(
		func() (int, int) { return len(*groups), n },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			if id.Row >= len(*groups) {
				return
			}
			g := (*groups)[id.Row]
			var s string
			switch AgCol(id.Col, n) {
			case 0:
				s = Cell(g.groupColumn())
			case 1:
				s = strconv.Itoa(len(g.Lines))
			case 2:
				s = Cell(LineRanges(g.Lines))
			case 3:
				s = Cell(g.First)
			case 4:
				s = Cell(g.groupReason())
			}
			o.(*widget.Label).SetText(s)
		})
	t.ShowHeaderColumn = false
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Row < 0 && id.Col >= 0 {
			o.(*widget.Label).SetText(i18n.T(ErrorGroupColumns[AgCol(id.Col, n)]))
		}
	}
	for i, w := range []float32{130, 60, 130, 150, 440} {
		t.SetColumnWidth(AgCol(i, n), w)
	}
	return t
}

// layoutText says (not yet ordered for display), in the user's language, how the file was read: its
// encoding and separator (CSV) or sheet (XLSX), the header's line and the
// title rows skipped above it.
func layoutText(l importer.Layout) string {
	var parts []string
	if l.Encoding != "" {
		sep := map[rune]string{',': "import.sep.comma", ';': "import.sep.semicolon", '\t': "import.sep.tab"}[l.Separator]
		if sep == "" {
			sep = "import.sep.comma"
		}
		parts = append(parts, i18n.T("import.layout_csv", map[string]any{"Encoding": l.Encoding, "Separator": i18n.T(sep)}))
	}
	if l.Sheet != "" {
		parts = append(parts, i18n.T("import.layout_sheet", map[string]any{"Sheet": l.Sheet}))
	}
	if l.HeaderLine > 0 {
		parts = append(parts, i18n.T("import.layout_header", map[string]any{"Line": l.HeaderLine}))
	}
	if len(l.Skipped) > 0 && l.HeaderLine > 1 {
		if l.HeaderLine == 2 {
			parts = append(parts, i18n.T("import.layout_skipped_one"))
		} else {
			parts = append(parts, i18n.T("import.layout_skipped", map[string]any{"Last": l.HeaderLine - 1}))
		}
	}
	return strings.Join(parts, " ")
}
