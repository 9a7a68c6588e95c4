package importer

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"sullam/models"
)

// templateRows is how many rows below the header a template's validation
// lists and formats cover.
const templateRows = 10000

// dateColumns are the import columns that hold dates.
var dateColumns = map[string]bool{
	"hire_date": true, "role_start_date": true, "date": true, "audit_date": true, "week_start": true,
	"submitted_on": true, "review_date": true, "applied_on": true,
}

// choices returns the values a drop-down list offers for column col of
// kind, or nil for a column without a list.
func choices(kind models.ImportKind, col string) []string {
	switch {
	case col == "role" || col == "ladder_role":
		return ladderRoles
	case col == "status" && kind == models.KindAgents:
		return agentStatuses
	case col == "status" && kind == models.KindAttendance:
		return attendanceStatuses
	case col == "channel":
		return channels
	case col == "category":
		return questionCategories
	case col == "competency":
		return questionCompetencies
	case col == "retired" || col == "archived":
		return []string{"true", "false"}
	}
	return nil
}

// TemplateHeader returns the header of kind's template in lang ("ar" or
// "en"): the spec's column names in English; in Arabic, the Arabic name the
// importer accepts for a column (ArabicNames), or the English name for a
// column that has none. codes are the item (audits) or competency (reviews)
// columns, written as they are.
func TemplateHeader(kind models.ImportKind, lang string, codes []string) ([]string, error) {
	spec, ok := kinds[kind]
	if !ok {
		return nil, fmt.Errorf("template: unknown kind %q", kind)
	}
	if lang != "ar" && lang != "en" {
		return nil, fmt.Errorf("template: unknown language %q: want ar or en", lang)
	}
	arabic := map[string]string{}
	for ar, col := range arabicNames[kind] {
		arabic[col] = ar
	}
	var header []string
	for _, c := range spec.columns {
		name := c.Name
		if lang == "ar" && arabic[c.Name] != "" {
			name = arabic[c.Name]
		}
		header = append(header, name)
	}
	if spec.codes == "" && len(codes) > 0 {
		return nil, fmt.Errorf("template: %s has no item or competency columns", kind)
	}
	// Code columns go before a trailing notes column, where people write them.
	if n := notesColumn(spec); n != "" && len(codes) > 0 && spec.columns[len(spec.columns)-1].Name == n {
		last := header[len(header)-1]
		header = append(append(header[:len(header)-1], codes...), last)
	} else {
		header = append(header, codes...)
	}
	return header, nil
}

// WriteTemplate writes an empty import template for kind as a workbook: the
// header (TemplateHeader) bold and frozen; drop-down lists for code columns
// (roles, statuses, channels, pass/fail/na for audit items, 1–5 for review
// competencies); date columns formatted yyyy-mm-dd; employee numbers, phones
// and other codes formatted as text (Excel keeps leading zeros and +);
// column widths; the sheet right to left in Arabic. A filled-in template
// imports with ReadTable and Parse.
func WriteTemplate(w io.Writer, kind models.ImportKind, lang string, codes []string) (err error) {
	return writeTemplate(w, kind, lang, []templateSheet{{name: string(kind), codes: codes}})
}

// AuditForm is an audit form as a template needs it: its code and the codes
// of its items, in order.
type AuditForm struct {
	Code  string
	Items []string
}

// WriteAuditsTemplate writes the audits template (as WriteTemplate) for the
// latest version of each audit form: one sheet per form, named by its code,
// with a column per item and form_code's list holding that code only. An
// audits file holds one form's rows (spec: every item of the form has a
// column, an item it does not have is an error), and the reader takes the
// first sheet with the audits header that holds rows, so the sheet filled
// in is the one imported.
func WriteAuditsTemplate(w io.Writer, lang string, forms []AuditForm) error {
	if len(forms) == 0 {
		return fmt.Errorf("template audits: there is no audit form yet: add one first")
	}
	sheets := make([]templateSheet, len(forms))
	for i, f := range forms {
		sheets[i] = templateSheet{name: f.Code, codes: f.Items, form: f.Code}
	}
	return writeTemplate(w, models.KindAudits, lang, sheets)
}

// templateSheet is one sheet of a template: its name, its item or
// competency columns and, for an audit form's sheet, the form's code.
type templateSheet struct {
	name  string
	codes []string
	form  string
}

// writeTemplate writes a template workbook of kind with sheets.
func writeTemplate(w io.Writer, kind models.ImportKind, lang string, sheets []templateSheet) (err error) {
	f := excelize.NewFile()
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("template %s: %w", kind, cerr)
		}
	}()
	st, err := newXLSXStyles(f)
	if err != nil {
		return fmt.Errorf("template %s: %w", kind, err)
	}
	for i, sh := range sheets {
		name := sheetName(sh.name)
		if i == 0 {
			err = f.SetSheetName("Sheet1", name)
		} else {
			_, err = f.NewSheet(name)
		}
		if err != nil {
			return fmt.Errorf("template %s: sheet %s: %w", kind, name, err)
		}
		if err := templateSheetContent(f, st, name, kind, lang, sh); err != nil {
			return err
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("template %s: %w", kind, err)
	}
	return nil
}

// templateSheetContent fills one sheet of a template: the header, its
// formats, lists, widths and frozen row.
func templateSheetContent(f *excelize.File, st xlsxStyles, sheet string, kind models.ImportKind, lang string, sh templateSheet) (err error) {
	codes := sh.codes
	header, err := TemplateHeader(kind, lang, codes)
	if err != nil {
		return err
	}
	spec := kinds[kind]
	if lang == "ar" {
		rtl := true
		if err := f.SetSheetView(sheet, 0, &excelize.ViewOptions{RightToLeft: &rtl}); err != nil {
			return fmt.Errorf("template %s: right to left: %w", kind, err)
		}
	}
	if err := printSetup(f, sheet, true); err != nil {
		return fmt.Errorf("template %s: %w", kind, err)
	}
	isCode := make(map[string]bool, len(codes))
	for _, c := range codes {
		isCode[c] = true
	}
	for i, h := range header {
		colName, _ := excelize.ColumnNumberToName(i + 1)
		col := h
		if !isCode[h] {
			col, _ = columnName(spec, h)
		}
		style, list, whole := st.general, choices(kind, col), false
		switch {
		case isCode[h] && spec.codes == "item":
			list = answers
		case isCode[h]:
			whole = true
		case col == "form_code" && sh.form != "":
			style, list = st.text, []string{sh.form}
		case dateColumns[col]:
			style = st.date
		case textColumns[col] || strings.HasSuffix(col, "_ar") || strings.HasSuffix(col, "_en") || list != nil:
			style = st.text
		}
		width := min(max(float64(utf8.RuneCountInString(h))*1.3+2, 12), 60)
		if err := f.SetColWidth(sheet, colName, colName, width); err != nil {
			return fmt.Errorf("template %s: column %s width: %w", kind, h, err)
		}
		if err := f.SetColStyle(sheet, colName, style); err != nil {
			return fmt.Errorf("template %s: column %s format: %w", kind, h, err)
		}
		if err := f.SetCellStyle(sheet, colName+"1", colName+"1", st.header); err != nil {
			return fmt.Errorf("template %s: header style: %w", kind, err)
		}
		if err := f.SetCellStr(sheet, colName+"1", h); err != nil {
			return fmt.Errorf("template %s: header: %w", kind, err)
		}
		if list == nil && !whole {
			continue
		}
		dv := excelize.NewDataValidation(true)
		dv.Sqref = fmt.Sprintf("%s2:%s%d", colName, colName, templateRows+1)
		if whole {
			err = dv.SetRange(1, 5, excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
		} else {
			err = dv.SetDropList(list)
		}
		if err != nil {
			return fmt.Errorf("template %s: column %s list: %w", kind, h, err)
		}
		dv.SetError(excelize.DataValidationErrorStyleStop, h, validationMessage(lang, whole))
		if err := f.AddDataValidation(sheet, dv); err != nil {
			return fmt.Errorf("template %s: column %s list: %w", kind, h, err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("template %s: freeze header: %w", kind, err)
	}
	return nil
}

// validationMessage is what the spreadsheet says when a value is not in a
// column's list (or, for whole, not a whole number from 1 to 5).
func validationMessage(lang string, whole bool) string {
	switch {
	case lang == "ar" && whole:
		return "عدد صحيح من ١ إلى ٥"
	case lang == "ar":
		return "اختر قيمة من القائمة"
	case whole:
		return "a whole number from 1 to 5"
	}
	return "choose a value from the list"
}
