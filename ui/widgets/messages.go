package widgets

import (
	"errors"
	"slices"
	"sort"
	"strings"

	"sullam/importer"
	"sullam/models"
	"sullam/ui/i18n"
)

// messageText says m in the user's language: its key with its arguments,
// the column names among them (models.Column, models.Columns) as column
// says them (nil: as they are). A counted message (a key of
// i18n.PluralKeys) takes its plural form from Args["Count"]. A message
// without a key, made outside Sullam, is shown as its English text.
func messageText(m models.Message, column func(string) string) string {
	if m.Key == "" {
		return m.Text
	}
	if column == nil {
		column = func(s string) string { return s }
	}
	args := make(map[string]any, len(m.Args))
	for k, v := range m.Args {
		switch v := v.(type) {
		case models.Column:
			args[k] = column(string(v))
		case models.Columns:
			names := make([]string, len(v))
			for i, c := range v {
				names[i] = column(c)
			}
			args[k] = strings.Join(names, i18n.T("list.separator"))
		default:
			args[k] = v
		}
	}
	if slices.Contains(i18n.PluralKeys, m.Key) {
		n, _ := args["Count"].(int)
		return i18n.Plural(m.Key, n, args)
	}
	return i18n.T(m.Key, args)
}

// problemText says a Problem in the user's language.
func problemText(p *models.Problem) string {
	return messageText(models.Message{Key: p.Key, Args: p.Args, Text: p.Text}, nil)
}

// fileErrorText says why a file could not be read at all, in the user's
// language: the file, the line when there is one, the reason, the parser's
// own detail (technical, as it came) and what to do.
func fileErrorText(e *importer.FileError) string {
	reason := messageText(models.Message{Key: e.Key, Args: e.Args, Text: e.Reason}, nil)
	var s string
	if e.Line > 0 {
		s = i18n.T("import.file_error_line", map[string]any{"File": e.File, "Line": e.Line, "Reason": reason})
	} else {
		s = i18n.T("import.file_error", map[string]any{"File": e.File, "Reason": reason})
	}
	if e.Err != nil {
		s += " (" + e.Err.Error() + ")"
	}
	if e.HintKey != "" {
		s += i18n.T("list.separator") + i18n.T(e.HintKey)
	} else if e.Hint != "" {
		s += "; " + e.Hint
	}
	return s
}

// importErrorText says in the user's language that the store refused the
// rows of an import: the count of bad rows and each of them.
func importErrorText(e *models.ImportError) string {
	lines := []string{i18n.Plural("import.refused_rows", e.BadRows(), map[string]any{"Bad": e.BadRows()})}
	for _, r := range e.Rows {
		lines = append(lines, rowErrorText(r, nil))
	}
	return strings.Join(lines, "\n")
}

// rowErrorText says one bad row in the user's language: "line 7, column
// date, value …: reason", column as column says it (nil: as it is).
func rowErrorText(e models.RowError, column func(string) string) string {
	if column == nil {
		column = func(s string) string { return s }
	}
	args := map[string]any{"Line": e.Line, "Column": column(e.Column), "Value": e.Value, "Reason": messageText(e.Message(), column)}
	switch {
	case e.Column != "":
		return i18n.T("import.row_error_column", args)
	case e.Value != "":
		return i18n.T("import.row_error_value", args)
	}
	return i18n.T("import.row_error", args)
}

// specialMessage says the errors that carry their own words (an import's
// bad rows, an unreadable file, a conflicting import, a Problem) in the
// user's language; false for any other error.
func specialMessage(err error) (string, bool) {
	var (
		ie *models.ImportError
		fe *importer.FileError
		ce *models.ConflictError
	)
	switch {
	case errors.As(err, &ie):
		return importErrorText(ie), true
	case errors.As(err, &fe):
		return fileErrorText(fe), true
	case errors.As(err, &ce):
		return i18n.T("import.conflict", map[string]any{"File": ce.File, "Line": ce.Line, "Column": ce.Column, "Value": ce.Value}), true
	}
	if p, ok := models.AsProblem(err); ok {
		return problemText(p), true
	}
	return "", false
}

// columnLabels says the columns of an imported file as its header wrote
// them; a column the file lacks by the name the window's language gives it
// (the Arabic header name the importer accepts, in Arabic), else by its
// name in spec/import-formats.md.
type columnLabels struct {
	header map[string]string // lower-case column → header text
	arabic map[string]string // column → its Arabic header name
}

// newColumnLabels reads the labels of kind's columns from t (nil: no file
// read).
func newColumnLabels(kind models.ImportKind, t *importer.Table) columnLabels {
	l := columnLabels{arabic: map[string]string{}}
	if t != nil {
		l.header = importer.HeaderNames(kind, t)
	}
	names := importer.ArabicNames(kind)
	ar := make([]string, 0, len(names))
	for a := range names {
		ar = append(ar, a)
	}
	sort.Strings(ar) // one name per column, the same each time
	for _, a := range ar {
		if _, ok := l.arabic[names[a]]; !ok {
			l.arabic[names[a]] = a
		}
	}
	return l
}

// label says column (a RowError's Column, or a column argument).
func (l columnLabels) label(column string) string {
	if column == "" {
		return ""
	}
	if h, ok := l.header[strings.ToLower(column)]; ok {
		return h
	}
	if i18n.IsRTL() {
		if a, ok := l.arabic[column]; ok {
			return a
		}
	}
	return column
}
