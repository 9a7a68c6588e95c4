package importer

import (
	"bytes"
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"sullam/models"
)

// plainAttendance is the reference file: the variants below hold the same
// rows and must parse to exactly its rows.
const plainAttendance = "employee_no,date,status,late_minutes\nE1,2024-03-05,present,5\nE2,2024-03-05,absent,0\n"

func parseAs(t *testing.T, name string, data []byte, opts Options) ([]models.AttendanceRow, []models.RowError, *Table) {
	t.Helper()
	opts.Kind = models.KindAttendance
	tb, err := ReadTableWith(name, bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	rows, errs := ParseAttendance(tb)
	return rows, errs, tb
}

// sameRows compares parsed rows but for their line numbers (a title above
// the header moves them; they stay the file's own).
func sameRows(a, b []models.AttendanceRow) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i], b[i]
		x.Line, y.Line = 0, 0
		if !reflect.DeepEqual(x, y) {
			return false
		}
	}
	return true
}

func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// TestDetectedVariantsParseAlike checks issue 12: the encodings, separators,
// title rows and Arabic column names HR files come with all give the rows
// of the plain file, and the layout says what was detected.
func TestDetectedVariantsParseAlike(t *testing.T) {
	want, errs, _ := parseAs(t, "plain.csv", []byte(plainAttendance), Options{})
	if len(errs) > 0 || len(want) != 2 {
		t.Fatalf("plain file: %v %v", want, errs)
	}
	semi := strings.ReplaceAll(plainAttendance, ",", ";")
	arabic := "الرقم الوظيفي,التاريخ,الحالة,دقائق التأخير\nE1,2024-03-05,present,5\nE2,2024-03-05,absent,0\n"
	cp1256, err := charmap.Windows1256.NewEncoder().Bytes([]byte(strings.ReplaceAll(arabic, ",", ";")))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		rule, name string
		data       []byte
		layout     string
	}{
		{"UTF-8 with a BOM", "a.csv", append([]byte("\uFEFF"), plainAttendance...), "UTF-8, comma-separated"},
		{"UTF-16 LE with a BOM", "a.csv", utf16Bytes(plainAttendance, false), "UTF-16 LE, comma-separated"},
		{"UTF-16 BE with a BOM, tabs", "a.csv", utf16Bytes(strings.ReplaceAll(plainAttendance, ",", "\t"), true), "UTF-16 BE, tab-separated"},
		{"semicolons", "a.csv", []byte(semi), "UTF-8, semicolon-separated"},
		{"a title and a blank row above the header", "a.csv", []byte("Attendance, November\n,,,\n" + plainAttendance),
			"UTF-8, comma-separated; rows 1–2 skipped: title above the header"},
		{"Arabic column names", "a.csv", []byte(arabic), "UTF-8, comma-separated"},
		{"Arabic names with harakat", "a.csv", []byte(strings.Replace(arabic, "الحالة", "الحَالة", 1)), "UTF-8, comma-separated"},
		{"Windows-1256, semicolons, Arabic names", "a.csv", cp1256, "Windows-1256, semicolon-separated"},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			got, errs, tb := parseAs(t, tc.name, tc.data, Options{})
			if len(errs) > 0 || !sameRows(got, want) {
				t.Fatalf("rows %v, errors %v; want %v", got, errs, want)
			}
			if s := tb.Layout.String(); s != tc.layout {
				t.Errorf("layout %q, want %q", s, tc.layout)
			}
		})
	}
}

// TestXLSXSheetChosenByHeader checks that the first sheet whose header is
// the kind's is read and named, titles above it skipped; and that with no
// such sheet one message names every sheet and what it holds.
func TestXLSXSheetChosenByHeader(t *testing.T) {
	want, _, _ := parseAs(t, "plain.csv", []byte(plainAttendance), Options{})
	var buf bytes.Buffer
	data := [][]string{{"Attendance, November"}, {}, {"employee_no", "date", "status", "late_minutes"},
		{"E1", "2024-03-05", "present", "5"}, {"E2", "2024-03-05", "absent", "0"}}
	writeSheets(t, &buf, []testSheet{{"Summary", [][]string{{"Total", "Month"}, {"2", "11"}}}, {"Data", data}})
	got, errs, tb := parseAs(t, "a.xlsx", buf.Bytes(), Options{})
	if len(errs) > 0 || !sameRows(got, want) {
		t.Fatalf("rows %v, errors %v", got, errs)
	}
	if s := tb.Layout.String(); s != `sheet "Data"; rows 1–2 skipped: title above the header` {
		t.Errorf("layout %q", s)
	}
	buf.Reset()
	writeSheets(t, &buf, []testSheet{{"Summary", [][]string{{"Total", "Month"}}}, {"Empty", nil}})
	_, err := ReadTableWith("b.xlsx", bytes.NewReader(buf.Bytes()), int64(buf.Len()), Options{Kind: models.KindAttendance})
	if err == nil || strings.Contains(err.Error(), "\n") ||
		!strings.Contains(err.Error(), `no sheet has a header with the columns of attendance (employee_no, date, status): sheet "Summary" starts with "Total, Month"; sheet "Empty" is empty`) {
		t.Errorf("err = %v", err)
	}
}

type testSheet struct {
	name string
	rows [][]string
}

// writeSheets writes a workbook of the given sheets, every cell text.
func writeSheets(t *testing.T, w *bytes.Buffer, sheets []testSheet) {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, sh := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", sh.name)
		} else if _, err := f.NewSheet(sh.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range sh.rows {
			for c, v := range row {
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				f.SetCellStr(sh.name, cell, v)
			}
		}
	}
	if err := f.Write(w); err != nil {
		t.Fatal(err)
	}
}

// TestDateOrder checks that text dates are read in the order given and that,
// without one, every such cell has the same reason naming the option.
func TestDateOrder(t *testing.T) {
	text := []byte("employee_no,date,status\nE1,1/11/2022,present\nE1,13.11.2022,present\n")
	_, errs, _ := parseAs(t, "a.csv", text, Options{})
	if len(errs) != 2 || errs[0].Reason != errs[1].Reason || !strings.Contains(errs[0].Reason, "--date-order dmy|mdy|ymd") {
		t.Fatalf("without a date order: %v", errs)
	}
	rows, errs, _ := parseAs(t, "a.csv", text, Options{DateOrder: DMY})
	if len(errs) > 0 || rows[0].Day.Date.String() != "2022-11-01" || rows[1].Day.Date.String() != "2022-11-13" {
		t.Fatalf("dmy: %v %v", rows, errs)
	}
	_, errs, _ = parseAs(t, "a.csv", text, Options{DateOrder: MDY})
	checkErrors(t, errs, "3 date: no such date in the order mdy")
	rows, errs, _ = parseAs(t, "a.csv", []byte("employee_no,date,status\nE1,2022/11/01,present\n"), Options{DateOrder: YMD})
	if len(errs) > 0 || rows[0].Day.Date.String() != "2022-11-01" {
		t.Fatalf("ymd: %v %v", rows, errs)
	}
	_, errs, _ = parseAs(t, "a.csv", []byte("employee_no,date,status\nE1,1/11/22,present\n"), Options{DateOrder: DMY})
	checkErrors(t, errs, "2 date: the year must have four digits")
	if _, err := ParseDateOrder("dym"); err == nil {
		t.Error("dym accepted")
	}
}

// TestGroupErrors checks that the same reason in the same column is one line
// with its count of rows, line ranges and first value; that the count of bad
// rows counts rows, not cells; and that a hint is added.
func TestGroupErrors(t *testing.T) {
	var errs []models.RowError
	for line := 2; line <= 11424; line++ {
		errs = append(errs, models.RowError{Line: line, Column: "date", Value: "1/11/2022", Reason: "is not YYYY-MM-DD"})
		if line == 7 {
			errs = append(errs, models.RowError{Line: line, Column: "status", Value: "sick", Reason: "must be present"})
		}
	}
	got := GroupErrors("attendance.csv", errs, func(e models.RowError) string {
		if e.Column == "status" {
			return "a hint"
		}
		return ""
	})
	want := []string{
		"attendance.csv: 11,423 bad rows, nothing imported",
		`attendance.csv: date: 11,423 rows (lines 2–11,424): "1/11/2022" is not YYYY-MM-DD`,
		`attendance.csv: line 7, column status, value "sick": must be present; a hint`,
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if s := lineRanges([]int{2, 3, 4, 9, 11, 12, 20, 30}, 3); s != "2–4, 9, 11–12, …" {
		t.Errorf("lineRanges = %q", s)
	}
	if p, ok := ZeroPadded("123", func(s string) bool { return s == "00123" }); !ok || p != "00123" {
		t.Errorf("ZeroPadded = %q %v", p, ok)
	}
}

// TestPhonesNormalised checks that phones keep + and digits only and that a
// Saudi mobile becomes +9665xxxxxxxx.
func TestPhonesNormalised(t *testing.T) {
	for in, want := range map[string]string{
		"0501234567": "+966501234567", "966501234567": "+966501234567", "00966501234567": "+966501234567",
		"+966 50 123 4567": "+966501234567", "٠٥٠١٢٣٤٥٦٧": "+966501234567", "(011) 456-7890": "0114567890",
		"+44 20 7946 0958": "+442079460958", "": "",
	} {
		if got := normalisePhone(in); got != want {
			t.Errorf("%q → %q, want %q", in, got, want)
		}
	}
}

// TestAuditExtraColumnAtHeader checks that a column of an audits file that
// no row answers pass, fail or na is one header error naming the form (and
// suggesting notes), not a "required" error on every row.
func TestAuditExtraColumnAtHeader(t *testing.T) {
	text := "audit_ref,employee_no,audit_date,channel,form_code,GREETING,REMARKS\n" +
		"A1,E1,2024-03-05,chat,CS-STD-1,pass,\nA2,E1,2024-03-06,chat,CS-STD-1,fail,called back\n"
	_, errs := ParseAudits(readCSVText(t, text))
	checkErrors(t, errs, "1 remarks: column REMARKS is not an item of form CS-STD-1: no row answers it pass, fail or na; if it holds notes, name it notes")
}

// TestArabicNamesAreTheAppsNames checks that every Arabic column name
// accepted is a text of assets/translations/ar.json (the names the app
// shows) and is listed in FORMATS.md.
func TestArabicNamesAreTheAppsNames(t *testing.T) {
	b, err := os.ReadFile("../assets/translations/ar.json")
	if err != nil {
		t.Fatal(err)
	}
	var ar map[string]any // strings, or objects of plural forms
	if err := json.Unmarshal(b, &ar); err != nil {
		t.Fatal(err)
	}
	shown := map[string]bool{}
	for _, v := range ar {
		if s, ok := v.(string); ok {
			shown[s] = true
		}
	}
	formats := readDoc(t, "FORMATS.md")
	for _, kind := range models.ImportKinds {
		for name := range ArabicNames(kind) {
			if !shown[name] {
				t.Errorf("%s: %q is not a text of ar.json", kind, name)
			}
			if !strings.Contains(formats, name) {
				t.Errorf("%s: %q is not listed in FORMATS.md", kind, name)
			}
		}
	}
}

// TestUnknownNotesColumnHint checks that an unknown column whose name reads
// as notes is told where notes go, in a kind that has such a column.
func TestUnknownNotesColumnHint(t *testing.T) {
	_, errs := ParseWeekly(readCSVText(t, "employee_no,week_start,submitted_on,Remarks\nE1,2024-03-03,2024-03-04,late\n"))
	checkErrors(t, errs, "1 remarks: unknown column: the columns are employee_no, week_start, submitted_on, rating, interactions, summary; if it holds notes, name it summary")
	_, errs = ParseAttendance(readCSVText(t, "employee_no,date,status,ملاحظات\nE1,2024-03-03,present,x\n"))
	checkErrors(t, errs, "1 ملاحظات: unknown column: the columns are")
	if strings.Contains(errs[0].Reason, "notes") {
		t.Errorf("attendance has no notes column, yet: %s", errs[0].Reason)
	}
}

// TestAuditKnownItemNotTakenForExtra checks that, told the stored forms'
// item codes (Options.Items), a column named by an item whose answers are
// all wrong is reported row by row ("must be pass, fail or na"), not as a
// column that is no item of the form; an unknown column still is one
// header error.
func TestAuditKnownItemNotTakenForExtra(t *testing.T) {
	read := func(text string) []models.RowError {
		tb, err := ReadTableWith("a.csv", strings.NewReader(text), int64(len(text)), Options{Kind: models.KindAudits, Items: []string{"GREETING", "Closing"}})
		if err != nil {
			t.Fatal(err)
		}
		_, errs := ParseAudits(tb)
		return errs
	}
	errs := read("audit_ref,employee_no,audit_date,channel,form_code,GREETING,closing\n" +
		"A1,E1,2024-03-05,chat,CS-STD-1,yes,pass\nA2,E1,2024-03-06,chat,CS-STD-1,no,pass\n")
	checkErrors(t, errs, "2 GREETING: must be pass, fail or na", "3 GREETING: must be pass, fail or na")
	errs = read("audit_ref,employee_no,audit_date,channel,form_code,GREETING,REMARKS\n" +
		"A1,E1,2024-03-05,chat,CS-STD-1,pass,\nA2,E1,2024-03-06,chat,CS-STD-1,fail,called back\n")
	checkErrors(t, errs, "1 remarks: column REMARKS is not an item of form CS-STD-1: no row answers it pass, fail or na; if it holds notes, name it notes")
}
