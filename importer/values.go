package importer

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"sullam/models"
)

// normalise turns Arabic-Indic (٠-٩) and Persian (۰-۹) digits into ASCII
// digits and the Arabic decimal separator (٫) into a point, removes
// bidirectional marks, and trims white space. It is applied to numbers,
// dates, codes, enumerations and identifiers, never to free text.
func normalise(s string) string {
	plain := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f' {
			plain = false
			break
		}
	}
	if plain {
		return s // ASCII without spaces: nothing to change
	}
	s = strings.Map(func(r rune) rune {
		switch {
		case '٠' <= r && r <= '٩':
			return '0' + (r - '٠')
		case '۰' <= r && r <= '۹':
			return '0' + (r - '۰')
		case r == '٫':
			return '.'
		case r == '\u200E', r == '\u200F', r == '\u061C', '\u202A' <= r && r <= '\u202E', '\u2066' <= r && r <= '\u2069', r == '\uFEFF':
			return -1
		}
		return r
	}, s)
	return strings.TrimSpace(s)
}

// maxWhole bounds whole numbers so that they fit any database integer.
const maxWhole = math.MaxInt32

var (
	plainDecimal = regexp.MustCompile(`^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$`)
	isoDate      = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}$`)
)

// Reasons of bad numbers.
var (
	reasonTooLarge  = models.Msg("import.err.too_large", nil, "too large")
	reasonNotNumber = models.Msg("import.err.not_number", nil, "not a number")
	reasonNotWhole  = models.Msg("import.err.not_whole", nil, "not a whole number")
)

// parseWhole reads a whole number. It accepts "3.0" and exponent notation when
// the value is whole. The reason is zero on success.
func parseWhole(s string) (int, models.Message) {
	s = normalise(s)
	if n, err := strconv.Atoi(s); err == nil {
		if n > maxWhole || n < -maxWhole {
			return 0, reasonTooLarge
		}
		return n, models.Message{}
	}
	if !plainDecimal.MatchString(s) {
		return 0, reasonNotNumber
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.Abs(f) > maxWhole {
		return 0, reasonTooLarge
	}
	if f != math.Trunc(f) {
		return 0, reasonNotWhole
	}
	return int(f), models.Message{}
}

// parseDecimal reads a decimal number and returns it in its shortest plain
// form ("2.50" → "2.5", "1.5E+01" → "15").
func parseDecimal(s string) (float64, string, models.Message) {
	s = normalise(s)
	if !plainDecimal.MatchString(s) {
		return 0, "", reasonNotNumber
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) {
		return 0, "", reasonTooLarge
	}
	return f, strconv.FormatFloat(f, 'f', -1, 64), models.Message{}
}

// parseDate reads a YYYY-MM-DD date; raw is the stored number of an XLSX
// cell shown differently (a date serial), or "". Other text dates are read
// in order when it is given, and refused naming the option when not.
func parseDate(shown, raw string, date1904 bool, order DateOrder) (models.Date, models.Message) {
	s := normalise(shown)
	if len(s) == 10 {
		if d, err := models.ParseDate(s); err == nil {
			return d, models.Message{}
		}
	}
	if isoDate.MatchString(s) {
		d, err := models.ParseDate(s)
		if err != nil {
			return models.Date{}, models.Msg("import.err.no_such_date", nil, "no such date: want YYYY-MM-DD")
		}
		return d, models.Message{}
	}
	if raw != "" {
		if f, err := strconv.ParseFloat(raw, 64); err == nil && f >= 1 && f < 2958466 { // 9999-12-31
			if tm, err := excelize.ExcelDateToTime(math.Floor(f), date1904); err == nil {
				return models.DateOf(tm), models.Message{}
			}
		}
	}
	if d, reason := parseOrderedDate(s, order); reason.Key != reasonNotDate.Key {
		return d, reason
	}
	return models.Date{}, models.Msg("import.err.not_date", nil, "not a date: want YYYY-MM-DD")
}

// parseBool reads true/false, yes/no or 1/0, in any case.
func parseBool(s string) (bool, models.Message) {
	switch strings.ToLower(normalise(s)) {
	case "true", "yes", "1":
		return true, models.Message{}
	case "false", "no", "0":
		return false, models.Message{}
	}
	return false, models.Msg("import.err.not_bool", nil, "must be true or false")
}

// clip shortens a value quoted in an error message.
func clip(s string) string {
	const n = 60
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}

// oneOf lists allowed values for a message: "a, b or c".
func oneOf(vals []string) string {
	switch len(vals) {
	case 0:
		return ""
	case 1:
		return vals[0]
	}
	return strings.Join(vals[:len(vals)-1], ", ") + " or " + vals[len(vals)-1]
}

// mustBeOneOf refuses a value that is none of vals.
func mustBeOneOf(vals []string) models.Message {
	return models.Msg("import.err.one_of", map[string]any{"Allowed": strings.Join(vals, " | ")}, "must be %s", oneOf(vals))
}

// rowReader reads the cells of one row by column name and collects the
// row's errors.
type rowReader struct {
	t    *Table
	row  *Row
	b    *binding
	errs []models.RowError
}

// has reports whether the file has the column.
func (r *rowReader) has(col string) bool {
	_, ok := r.b.cols[col]
	return ok
}

// cell returns the cell as shown and its stored number (XLSX), "" when the
// file has no such column.
func (r *rowReader) cell(col string) (shown, raw string) {
	i, ok := r.b.cols[col]
	if !ok {
		return "", ""
	}
	return r.at(i)
}

func (r *rowReader) at(i int) (shown, raw string) {
	shown = r.row.Cells[i]
	if r.row.raw != nil {
		raw = r.row.raw[i]
	}
	return shown, raw
}

// fail records an error in column col.
func (r *rowReader) fail(col, value string, reason models.Message) {
	r.errs = append(r.errs, reason.Row(r.row.Line, col, clip(value)))
}

// empty reports a missing required value and returns true when s is blank.
func (r *rowReader) empty(col, s string, required bool) bool {
	if strings.TrimSpace(s) != "" {
		return false
	}
	if required {
		r.fail(col, s, models.Msg("import.err.required", nil, "required: the cell is empty"))
	}
	return true
}

// text returns free text, trimmed, with line breaks kept.
func (r *rowReader) text(col string, required bool) string {
	s, _ := r.cell(col)
	r.empty(col, s, required)
	return strings.TrimSpace(s)
}

// list returns a list cell (one item per line): every line trimmed, blank
// lines dropped, joined by "\n".
func (r *rowReader) list(col string) string {
	s, _ := r.cell(col)
	var items []string
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n") {
		if line = strings.TrimSpace(line); line != "" {
			items = append(items, line)
		}
	}
	return strings.Join(items, "\n")
}

// code returns an identifier or code: normalised, case kept.
func (r *rowReader) code(col string, required bool) string {
	s, _ := r.cell(col)
	if r.empty(col, s, required) {
		return ""
	}
	return normalise(s)
}

// enum returns one of allowed (lower case), matched case-insensitively; def
// when the cell is empty and not required.
func (r *rowReader) enum(col string, required bool, def string, allowed []string) string {
	s, _ := r.cell(col)
	if r.empty(col, s, required) {
		return def
	}
	v := strings.ToLower(normalise(s))
	for _, a := range allowed {
		if v == a {
			return a
		}
	}
	r.fail(col, s, mustBeOneOf(allowed))
	return ""
}

// date returns a date; the zero Date when empty or wrong.
func (r *rowReader) date(col string, required bool) models.Date {
	s, raw := r.cell(col)
	if r.empty(col, s, required) {
		return models.Date{}
	}
	d, reason := parseDate(s, raw, r.t.date1904, r.t.dateOrder)
	if !reason.IsZero() {
		r.fail(col, s, reason)
	}
	return d
}

// whole returns a whole number from lo to hi, nil when the cell is empty or
// wrong.
func (r *rowReader) whole(col string, required bool, lo, hi int) *int {
	s, raw := r.cell(col)
	return r.wholeValue(col, s, raw, required, lo, hi)
}

func (r *rowReader) wholeValue(col, s, raw string, required bool, lo, hi int) *int {
	if r.empty(col, s, required) {
		return nil
	}
	v := s
	if raw != "" {
		v = raw
	}
	n, reason := parseWhole(v)
	switch {
	case !reason.IsZero():
	case hi == maxWhole && n < lo:
		reason = models.Msg("import.err.min", map[string]any{"Min": lo}, "must be %d or more", lo)
	case n < lo || n > hi:
		reason = models.Msg("import.err.whole_range", map[string]any{"Min": lo, "Max": hi}, "must be a whole number from %d to %d", lo, hi)
	}
	if !reason.IsZero() {
		r.fail(col, v, reason)
		return nil
	}
	return &n
}

// decimal returns a decimal number ≥ lo and < hi in its shortest plain form,
// "" when the cell is empty or wrong.
func (r *rowReader) decimal(col string, required bool, lo, hi float64) string {
	s, raw := r.cell(col)
	if r.empty(col, s, required) {
		return ""
	}
	v := s
	if raw != "" {
		v = raw
	}
	f, text, reason := parseDecimal(v)
	switch {
	case !reason.IsZero():
	case f < lo:
		s := strconv.FormatFloat(lo, 'f', -1, 64)
		reason = models.Msg("import.err.min", map[string]any{"Min": s}, "must be %s or more", s)
	case f >= hi:
		s := strconv.FormatFloat(hi, 'f', -1, 64)
		reason = models.Msg("import.err.less_than", map[string]any{"Max": s}, "must be less than %s", s)
	}
	if !reason.IsZero() {
		r.fail(col, v, reason)
		return ""
	}
	return text
}

// boolean returns a true/false cell; false when empty.
func (r *rowReader) boolean(col string) bool {
	s, _ := r.cell(col)
	if r.empty(col, s, false) {
		return false
	}
	v, reason := parseBool(s)
	if !reason.IsZero() {
		r.fail(col, s, reason)
	}
	return v
}

// email returns an e-mail address, checked loosely (one @, no spaces).
func (r *rowReader) email(col string) string {
	s := r.text(col, false)
	if s == "" {
		return ""
	}
	at := strings.IndexByte(s, '@')
	if at <= 0 || at == len(s)-1 || strings.Count(s, "@") != 1 || strings.ContainsAny(s, " \t\n,;<>") {
		r.fail(col, s, models.Msg("import.err.email", nil, "not an e-mail address"))
	}
	return s
}

// phone returns a phone number with only its digits and a leading +
// (spaces, dashes, brackets dropped; Arabic-Indic digits made ASCII); a
// Saudi mobile written 05xxxxxxxx, 9665xxxxxxxx or 009665xxxxxxxx becomes
// +9665xxxxxxxx.
func (r *rowReader) phone(col string) string {
	return normalisePhone(r.text(col, false))
}

// normalisePhone is the rule of rowReader.phone.
func normalisePhone(s string) string {
	s = normalise(s)
	var b strings.Builder
	for i, c := range s {
		if c >= '0' && c <= '9' || c == '+' && i == 0 {
			b.WriteRune(c)
		}
	}
	p := b.String()
	if strings.HasPrefix(p, "00") {
		p = "+" + p[2:]
	}
	switch {
	case len(p) == 10 && strings.HasPrefix(p, "05"):
		return "+966" + p[1:]
	case len(p) == 12 && strings.HasPrefix(p, "9665"):
		return "+" + p
	}
	return p
}
