package importer

import (
	"fmt"
	"slices"
	"strings"

	"sullam/models"
)

// Column describes one fixed column of an import kind.
type Column struct {
	Name     string // lower case, as in spec/import-formats.md and FORMATS.md
	Required bool
}

// kindSpec is the header of one kind: its fixed columns and, for audits and
// reviews, what the other columns hold.
type kindSpec struct {
	columns []Column
	codes   string            // "" or "item" / "competency": every other column is such a code
	arabic  map[string]string // normaliseName(Arabic name) → column
}

func cols(required []string, optional ...string) []Column {
	var out []Column
	for _, n := range required {
		out = append(out, Column{Name: n, Required: true})
	}
	for _, n := range optional {
		out = append(out, Column{Name: n})
	}
	return out
}

var kinds = map[models.ImportKind]kindSpec{
	models.KindAgents: {columns: cols([]string{"employee_no", "full_name", "hire_date", "role", "role_start_date"},
		"supervisor_no", "team", "status", "email", "phone")},
	models.KindAttendance: {columns: cols([]string{"employee_no", "date", "status"},
		"late_minutes", "early_leave_minutes")},
	models.KindAudits: {columns: cols([]string{"audit_ref", "employee_no", "audit_date", "channel", "form_code"},
		"auditor", "notes"), codes: "item"},
	models.KindWeekly: {columns: cols([]string{"employee_no", "week_start", "submitted_on"},
		"rating", "interactions", "summary")},
	models.KindReviews: {columns: cols([]string{"employee_no", "review_date"},
		"period", "reviewer_no", "comments"), codes: "competency"},
	models.KindCandidates: {columns: cols([]string{"full_name", "job_code", "applied_on"},
		"email", "phone", "education", "experience_years", "languages", "source", "notes")},
	models.KindQuestions: {columns: cols([]string{"code", "category", "text_ar", "text_en", "competency"},
		"guide_1_ar", "guide_1_en", "guide_3_ar", "guide_3_en", "guide_5_ar", "guide_5_en", "retired")},
	models.KindJobs: {columns: cols([]string{"code", "title_ar", "title_en", "ladder_role"},
		"location_ar", "location_en", "purpose_ar", "purpose_en", "responsibilities_ar", "responsibilities_en",
		"qualifications_ar", "qualifications_en", "skills_ar", "skills_en", "archived")},
}

// arabicNames maps, per kind, the Arabic name the app shows for a column
// (assets/translations/ar.json; FORMATS.md lists them) to the column. They
// are matched after normaliseName, so harakat and tatweel do not matter.
var arabicNames = map[models.ImportKind]map[string]string{
	models.KindAgents: {"الرقم الوظيفي": "employee_no", "الاسم الكامل": "full_name", "تاريخ التعيين": "hire_date",
		"المسمى الوظيفي": "role", "في المنصب منذ": "role_start_date", "المشرف": "supervisor_no", "الفريق": "team",
		"الحالة": "status", "البريد الإلكتروني": "email", "الجوال": "phone"},
	models.KindAttendance: {"الرقم الوظيفي": "employee_no", "التاريخ": "date", "الحالة": "status",
		"دقائق التأخير": "late_minutes", "دقائق الخروج المبكر": "early_leave_minutes"},
	models.KindAudits: {"المرجع": "audit_ref", "الرقم الوظيفي": "employee_no", "التاريخ": "audit_date",
		"القناة": "channel", "نموذج التقييم": "form_code", "المُقيِّم": "auditor", "ملاحظات": "notes"},
	models.KindWeekly: {"الرقم الوظيفي": "employee_no", "الأسبوع": "week_start", "تاريخ التسليم": "submitted_on",
		"التقدير": "rating", "عدد التعاملات": "interactions"},
	models.KindReviews: {"الرقم الوظيفي": "employee_no", "التاريخ": "review_date", "الفترة": "period",
		"المُقيِّم": "reviewer_no", "الملاحظات": "comments"},
	models.KindCandidates: {"الاسم الكامل": "full_name", "البريد الإلكتروني": "email", "الجوال": "phone",
		"الوظيفة": "job_code", "تاريخ التقديم": "applied_on", "المؤهل العلمي": "education",
		"سنوات الخبرة": "experience_years", "اللغات": "languages", "المصدر": "source", "ملاحظات": "notes"},
	models.KindQuestions: {"الرمز": "code", "الفئة": "category", "النص بالعربية": "text_ar",
		"النص بالإنجليزية": "text_en", "الكفاءة": "competency"},
	models.KindJobs: {"الرمز": "code", "المستوى الوظيفي": "ladder_role"},
}

// normaliseName prepares a header cell for matching: normalised, in lower
// case, without Arabic harakat and tatweel.
func normaliseName(h string) string {
	return strings.Map(func(r rune) rune {
		if '\u064B' <= r && r <= '\u065F' || r == '\u0670' || r == '\u0640' {
			return -1
		}
		return r
	}, strings.ToLower(normalise(h)))
}

// columnName returns the fixed column of spec that the header cell h names,
// in English or by its Arabic name.
func columnName(spec kindSpec, h string) (string, bool) {
	name := normaliseName(h)
	for _, c := range spec.columns {
		if c.Name == name {
			return name, true
		}
	}
	if col, ok := spec.arabic[name]; ok {
		return col, true
	}
	return name, false
}

func init() {
	for kind, names := range arabicNames {
		spec := kinds[kind]
		spec.arabic = make(map[string]string, len(names))
		for ar, col := range names {
			spec.arabic[normaliseName(ar)] = col
		}
		kinds[kind] = spec
	}
}

// ArabicNames returns the Arabic column names kind accepts, mapped to the
// columns they stand for.
func ArabicNames(kind models.ImportKind) map[string]string {
	out := make(map[string]string, len(arabicNames[kind]))
	for ar, col := range arabicNames[kind] {
		out[ar] = col
	}
	return out
}

// HeaderNames maps the columns of t's header, by the name its row errors
// give them (a fixed column's name in the spec, or a code column's name, in
// lower case), to the header cell as the file wrote it, trimmed: the window
// names a column as the user typed it. Read as kind.
func HeaderNames(kind models.ImportKind, t *Table) map[string]string {
	spec := kinds[kind]
	out := make(map[string]string, len(t.Header))
	for _, h := range t.Header {
		name, _ := columnName(spec, h)
		if _, dup := out[name]; name != "" && !dup {
			out[name] = strings.TrimSpace(h)
		}
	}
	return out
}

// Columns returns the fixed columns of kind, required ones first (nil for an
// unknown kind). In audits every other column is an item code, in reviews a
// competency code.
func Columns(kind models.ImportKind) []Column {
	return slices.Clone(kinds[kind].columns)
}

// binding maps a file's header onto a kind's columns.
type binding struct {
	cols  map[string]int // fixed column → index in the header
	codes []codeColumn   // audits and reviews: the code columns, in file order
}

// codeColumn is an audit item or review competency column.
type codeColumn struct {
	code  string // upper case
	index int
}

// bind checks t's header against kind: names are matched case-insensitively
// after trimming, in any order; unknown, duplicate and missing required
// columns are errors on the header line.
func bind(kind models.ImportKind, t *Table) (*binding, []models.RowError) {
	spec, ok := kinds[kind]
	if !ok {
		return nil, []models.RowError{unknownKind(kind).Row(t.HeaderLine, "", "")}
	}
	line := t.HeaderLine
	if len(t.Header) == 1 && strings.Contains(t.Header[0], ";") {
		return nil, []models.RowError{models.Msg("import.err.semicolons", nil,
			"the header is one column holding semicolons: save the file as CSV with commas (,) between columns").Row(line, "", clip(t.Header[0]))}
	}
	b := &binding{cols: map[string]int{}}
	var errs []models.RowError
	first := map[string]int{} // lower-case name → index of its first column
	for i, h := range t.Header {
		name, isFixed := columnName(spec, h)
		if name == "" {
			continue // checked against the rows by namelessUsed
		}
		if j, dup := first[name]; dup {
			errs = append(errs, models.Msg("import.err.duplicate_column", map[string]any{"First": j + 1, "Second": i + 1},
				"duplicate column: columns %d and %d have the same name", j+1, i+1).Row(line, name, clip(h)))
			continue
		}
		first[name] = i
		switch {
		case isFixed:
			b.cols[name] = i
		case spec.codes != "":
			b.codes = append(b.codes, codeColumn{code: strings.ToUpper(name), index: i})
		default:
			reason := unknownColumn(name, spec.columns)
			if notes := notesColumn(spec); notes != "" && looksLikeNotes(h) {
				reason.Text += fmt.Sprintf("; if it holds notes, name it %s", notes)
				reason.Args["Notes"] = models.Column(notes)
			}
			errs = append(errs, reason.Row(line, name, clip(h)))
		}
	}
	for _, c := range spec.columns {
		if _, ok := b.cols[c.Name]; c.Required && !ok {
			reason := models.Msg("import.err.missing_column", map[string]any{"Near": "", "Codes": spec.codes}, "required column is missing")
			if near := nearCode(b.codes, t.Header, c.Name); near != "" {
				// audits and reviews take an unknown column for a code:
				// a misspelt fixed column would only be "missing"
				reason.Text += fmt.Sprintf("; column %s, taken for %s code, looks like a misspelling of it", near, article(spec.codes))
				reason.Args["Near"] = near
			}
			errs = append(errs, reason.Row(line, c.Name, ""))
		}
	}
	if spec.codes != "" && len(b.codes) == 0 {
		what := "item code of the audit form"
		if spec.codes == "competency" {
			what = "competency"
		}
		errs = append(errs, models.Msg("import.err.no_code_columns", map[string]any{"Codes": spec.codes},
			"no %s columns: add one column per %s", spec.codes, what).Row(line, "", ""))
	}
	return b, errs
}

// nearCode returns the header name of the first code column whose name is
// within two edits of the fixed column name, or "".
func nearCode(codes []codeColumn, header []string, name string) string {
	for _, c := range codes {
		if editDistance(strings.ToLower(c.code), name) < 3 {
			return strings.TrimSpace(header[c.index])
		}
	}
	return ""
}

// article writes "an item" or "a competency".
func article(codes string) string {
	if codes == "item" {
		return "an item"
	}
	return "a " + codes
}

// notesColumn returns the free-text column of spec where notes belong, or "".
func notesColumn(spec kindSpec) string {
	for _, n := range []string{"notes", "comments", "summary"} {
		for _, c := range spec.columns {
			if c.Name == n {
				return n
			}
		}
	}
	return ""
}

// namelessUsed returns an error for each column without a name that holds a
// value in some row (used(i) reports whether column i does), in column
// order, after the header's other errors.
func namelessUsed(t *Table, used func(i int) bool) []models.RowError {
	var errs []models.RowError
	for i, h := range t.Header {
		if normalise(h) == "" && used(i) {
			errs = append(errs, models.Msg("import.err.nameless_column", map[string]any{"Number": i + 1},
				"column %d has values but no name", i+1).Row(t.HeaderLine, "", ""))
		}
	}
	return errs
}

// columnUsed reports whether any row has a value in column i.
func columnUsed(t *Table, i int) bool {
	for _, r := range t.Rows {
		if strings.TrimSpace(r.Cells[i]) != "" {
			return true
		}
	}
	return false
}

// unknownKind refuses a kind Sullam does not import.
func unknownKind(kind models.ImportKind) models.Message {
	return models.Msg("import.err.unknown_kind", map[string]any{"Kind": string(kind)}, "unknown import kind %q", kind)
}

// unknownColumn explains an unknown column, suggesting a close known name.
// Its Args have room for "Notes", the column where notes belong.
func unknownColumn(name string, known []Column) models.Message {
	best, dist := "", 3
	for _, c := range known {
		if d := editDistance(name, c.Name); d < dist {
			best, dist = c.Name, d
		}
	}
	if best != "" {
		return models.Msg("import.err.unknown_column_near", map[string]any{"Near": models.Column(best), "Notes": ""}, "unknown column: did you mean %s?", best)
	}
	names := make([]string, len(known))
	for i, c := range known {
		names[i] = c.Name
	}
	return models.Msg("import.err.unknown_column", map[string]any{"Known": models.Columns(names), "Notes": ""},
		"unknown column: the columns are %s", strings.Join(names, ", "))
}

// editDistance is the Levenshtein distance between a and b, in runes.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
